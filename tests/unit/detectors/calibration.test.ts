// Severity says how much a reviewer should care: third-party findings are marked and (outside secrets
// and credential files) lowered to info; home paths in comments or of placeholder users are examples.
import { describe, expect, test } from 'vitest'
import { markThirdParty, scanContent } from '../../../src/core/detectors/index'
import type { ExposedFile, Finding } from '../../../src/core/report/model'
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
