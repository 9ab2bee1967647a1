// Severity says how much a reviewer should care: third-party findings are marked and (outside secrets
// and credential files) lowered to info; home paths in comments or of placeholder users are examples;
// an open-source package's own flag names and notes are public with its code, at info.
import { describe, expect, test } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { markThirdParty, scanContent } from '../../../src/core/detectors/index'
import type { ExposedFile, Finding, Report } from '../../../src/core/report/model'
import { gzip } from '../../../src/build/sample/archives'
import { writeTar } from '../../../src/build/sample/tar'
import { fileAt, scanText } from './helpers'

const homePaths = (path: string, text: string) =>
  scanText(path, text)
    .filter((f) => f.category === 'build-environment')
    .map((f) => `${f.line}:${f.severity}`)

describe('build paths', () => {
  test('a home path in a comment or of a placeholder user is an example, at info', () => {
    const text = [
      '/**',
      ' * Uses the base name, so /home/orbitdev/code/bin/nvim does not match "code".',
      ' */',
      '// e.g. /Users/jsmith/src/app resolves to the repo root',
      "const a = '/home/alice/projects/x'",
      "const b = '/Users/you/Library/Caches/orbit'",
      "const c = '/home/orbitci/.orbit/remote'",
    ].join('\n')
    expect(homePaths('src/editor.ts', text)).toEqual(['2:info', '4:info', '5:info', '7:medium'])
    // Outside program source a "#" or "*" line is not a comment.
    expect(homePaths('logs/build.txt', '* /home/orbitci/.orbit/remote')).toEqual(['1:medium'])
  })

  test('a sourceMappingURL or sourceURL comment is the build path itself, a finding; a home below other folders counts', () => {
    const text = [
      '//# sourceMappingURL=/usr/local/corp/home/dana/orbit/dist/a.js.map',
      '//@ sourceURL=/home/orbitdev/orbit/src/b.ts',
      '// e.g. /usr/local/corp/home/orbitdev/orbit resolves to the repo root',
      "const p = '/usr/local/corp/home/alice/x'",
    ].join('\n')
    expect(homePaths('dist/a.js', text)).toEqual(['1:medium', '2:medium', '3:info', '4:info'])
  })
})

describe('third-party findings', () => {
  const file = (id: number, path: string, kind: ExposedFile['kind']): ExposedFile => ({
    ...fileAt(path, '', id),
    kind,
  })

  test('are marked; notes, endpoints and flags drop to info, secrets keep their severity', () => {
    const files = [
      file(0, 'node_modules/sdk/a.js', 'third-party-source'),
      file(1, 'src/a.ts', 'first-party-source'),
    ]
    const text = [
      '// TODO(jdoe@sdk-vendor.io): drop this hack before 2.0',
      "const staging = 'https://api.staging.sdk-vendor.io/v1'",
      "const key = 'AKIAZ3MHQ7RXV2LPNB4D'",
    ].join('\n')
    const findings: Finding[] = [...scanContent(files[0], text), ...scanContent(files[1], text)]
    markThirdParty(findings, files)
    const of = (path: string) =>
      findings
        .filter((f) => f.path === path)
        .map((f) => `${f.category}:${f.severity}:${f.thirdParty === true}`)
        .sort()
    expect(of('node_modules/sdk/a.js')).toEqual([
      'internal-endpoints:info:true',
      'internal-notes:info:true',
      'internal-notes:info:true',
      'secrets:critical:true',
    ])
    expect(of('src/a.ts').every((f) => f.endsWith(':false'))).toBe(true)
    expect(of('src/a.ts').some((f) => !f.includes(':info:'))).toBe(true)
  })
})

describe('an open-source package’s own flags and notes', () => {
  const plan = [
    '// TODO(PLAN-42): ask dana.orbit@orbit-mail.io before the launch',
    "if (statsig.checkGate('orbit_quiet_lake')) plan()",
    "const key = 'AKIAZ3MHQ7RXV2LPNB4D'",
  ].join('\n')
  const reportOf = (license: string, manifestLast: boolean) => {
    const manifest = { path: 'package/package.json', data: JSON.stringify({ name: 'orbit', license }) }
    const rest = [
      // 150 places of one flag: 100 listed, 50 folded into the counts.
      { path: 'package/src/plan.ts', data: `${plan}\n${"checkGate('orbit_swift_otter')\n".repeat(150)}` },
      { path: 'package/node_modules/sdk/a.js', data: '// FIXME(SDK-7) ask lee.sdk@sdk-vendor.io' },
    ]
    const entries = manifestLast ? [...rest, manifest] : [manifest, ...rest]
    return analyze([memorySource('orbit-1.0.0.tgz', gzip(writeTar(entries)))])
  }
  const of = (report: Report) => {
    const lines = report.findings
      .filter((f) => f.category !== 'source-exposure' && !f.excerpt.includes('orbit_swift_otter'))
      .map((f) => `${f.path.slice(8)}:${f.category}:${f.severity}:${/published under/.test(f.message)}`)
      .sort()
    const otter = report.findings.filter((f) => f.excerpt.includes('orbit_swift_otter'))
    return {
      lines,
      otter: new Set(otter.map((f) => f.severity)),
      flags: report.summary.findings['feature-flags'],
    }
  }

  // The third-party notes are info either way, the TODO is info by its rule, the secret stays.
  const expected = (severity: 'low' | 'info', noted: boolean) => [
    'node_modules/sdk/a.js:internal-notes:info:false',
    'node_modules/sdk/a.js:internal-notes:info:false',
    'node_modules/sdk/a.js:internal-notes:info:false',
    `src/plan.ts:feature-flags:${severity}:${noted}`,
    'src/plan.ts:internal-notes:info:false',
    `src/plan.ts:internal-notes:${severity}:${noted}`,
    `src/plan.ts:internal-notes:${severity}:${noted}`,
    'src/plan.ts:secrets:critical:false',
  ]

  test.each([false, true])(
    'are info and say why under an open-source licence, package.json last: %s',
    async (manifestLast) => {
      const { lines, otter, flags } = of(await reportOf('MIT', manifestLast))
      expect(lines).toEqual(expected('info', true))
      expect(otter).toEqual(new Set(['info']))
      // Listed and folded places alike are counted at info.
      expect(flags).toMatchObject({ low: 0, info: 151 })
    },
  )

  test.each([false, true])(
    'keep their severity in a proprietary package, package.json last: %s',
    async (last) => {
      for (const license of ['UNLICENSED', 'SEE LICENSE IN LICENSE.md']) {
        const { lines, otter, flags } = of(await reportOf(license, last))
        expect(lines).toEqual(expected('low', false))
        expect(otter).toEqual(new Set(['low']))
        expect(flags).toMatchObject({ low: 151, info: 0 })
      }
    },
  )
})
