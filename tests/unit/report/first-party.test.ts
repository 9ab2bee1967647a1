// One definition of the first-party counts: the summary, the headline, the source-exposure finding and
// `diff` agree, on a made-up package whose tree is reconstructed from two maps (a dev and a prod build)
// next to shipped type declarations, a test folder and a vendored native part's source.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { diffReports } from '../../../src/core/report/diff'
import { countFirstParty } from '../../../src/core/report/first-party'
import type { Report } from '../../../src/core/report/model'
import { gzip } from '../../../src/build/sample/archives'
import { writeTar, type TarEntry } from '../../../src/build/sample/tar'

const SOURCES: Record<string, string> = {
  '../src/main.ts': 'import { plan } from "./plan"\nplan()\n', // 3 lines by the report's rule
  '../src/plan.ts': 'export function plan() {\n  return 1\n}', // 3 lines
  '../src/shell/specs/git.ts': 'export const git = { name: "git" }\n', // 2 lines: a spec, not a test
  '../src/plan.test.ts': 'plan()\n', // a test: never counted
  '../vendor/codec-src/index.ts': 'export const codec = 1', // 1 line: the package's own native part
  '../node_modules/left-pad/index.js': 'module.exports = 1\n', // third-party
}

function mapOf(sources: Record<string, string>): string {
  return JSON.stringify({
    version: 3,
    sources: Object.keys(sources),
    sourcesContent: Object.values(sources),
    mappings: '',
    names: [],
  })
}

async function reportOf(entries: TarEntry[], internalScopes: string[] = []): Promise<Report> {
  const tgz = gzip(writeTar(entries))
  return analyze([memorySource('acme-app-1.0.0.tgz', tgz)], { internalScopes })
}

const manifest = (license: string) => ({
  path: 'package/package.json',
  data: JSON.stringify({ name: '@acme/app', version: '1.0.0', license }),
})

describe('first-party counts', () => {
  it('agree in the summary, the headline, the finding and diff; two maps of one tree count each source once', async () => {
    const before = await reportOf([
      manifest('UNLICENSED'),
      { path: 'package/index.d.ts', data: 'export {}\n' },
    ])
    const after = await reportOf([
      manifest('UNLICENSED'),
      { path: 'package/index.d.ts', data: 'export {}\n' },
      { path: 'package/dist/app.js', data: 'x()\n//# sourceMappingURL=app.js.map\n' },
      { path: 'package/dist/app.js.map', data: mapOf(SOURCES) },
      { path: 'package/dist/app.dev.js.map', data: mapOf(SOURCES) },
    ])
    const s = after.summary
    expect([s.firstPartySourceFiles, s.firstPartySourceLines]).toEqual([4, 9])
    expect([s.reconstructedSourceFiles, s.shippedSourceFiles]).toEqual([4, 0])
    expect(s.kinds.declaration).toEqual({ files: 1, bytes: 10 })
    expect(s.headline).toBe(
      '4 first-party source files · 9 lines · reconstructed from package/dist/app.js.map',
    )
    const embeds = after.findings.filter((f) => f.rule === 'map-embeds-first-party-sources')
    expect(embeds.map((f) => f.message)).toEqual([
      expect.stringContaining('4 first-party source files (9 lines) and 1 test or unclassified file'),
      expect.stringContaining('4 first-party source files (9 lines) and 1 test or unclassified file'),
    ])
    expect(diffReports(before, after).headline).toMatch(
      /^adds: source of 4 first-party files via app\.dev\.js\.map; source of 4 first-party files via app\.js\.map; 9 lines of first-party source via package\/dist\/app\.js\.map; /,
    )
    // The second map's copies are listed as files but not counted again.
    expect(countFirstParty(after.files).total).toEqual({ files: 4, lines: 9 })
  })

  it('counts a shipped source apart from reconstructed ones, and a named internal scope as first-party', async () => {
    const report = await reportOf(
      [
        manifest('UNLICENSED'),
        { path: 'package/src/cli.ts', data: 'run()\n' },
        { path: 'package/cli.js', data: 'run()\n//# sourceMappingURL=cli.js.map\n' },
        {
          path: 'package/cli.js.map',
          data: mapOf({
            '../src/run.ts': 'export function run() {}',
            '../node_modules/@acme/billing/index.ts': 'export const bill = 1\n',
          }),
        },
      ],
      ['@acme'],
    )
    expect(report.summary).toMatchObject({
      firstPartySourceFiles: 3,
      firstPartySourceLines: 5,
      reconstructedSourceFiles: 2,
      shippedSourceFiles: 1,
      headline:
        '3 first-party source files · 5 lines · 2 reconstructed from package/cli.js.map, 1 shipped as is',
    })
    const without = await reportOf([
      manifest('UNLICENSED'),
      {
        path: 'package/cli.js.map',
        data: mapOf({ '../node_modules/@acme/billing/index.ts': 'export const bill = 1\n' }),
      },
    ])
    expect(without.summary.firstPartySourceFiles).toBe(0)
  })

  it('counts a source a map carries and the artifact also ships as is once, as shipped, in either order', async () => {
    const tree = { '../src/main.ts': SOURCES['../src/main.ts'], '../src/plan.ts': SOURCES['../src/plan.ts'] }
    const maps: TarEntry[] = [
      { path: 'package/dist/app.js', data: 'x()\n//# sourceMappingURL=app.js.map\n' },
      { path: 'package/dist/app.js.map', data: mapOf(tree) },
      // The shipped plan.ts was edited after the build: another source than the map's.
      { path: 'package/dist/app.dev.js.map', data: mapOf({ ...tree, '../src/extra.ts': 'export {}' }) },
    ]
    const shipped: TarEntry[] = [
      { path: 'package/src/main.ts', data: SOURCES['../src/main.ts'] },
      { path: 'package/src/plan.ts', data: 'export function plan() {\n  return 2 + 1\n}' },
    ]
    for (const entries of [
      [manifest('UNLICENSED'), ...maps, ...shipped],
      [manifest('UNLICENSED'), ...shipped, ...maps],
    ]) {
      const s = (await reportOf(entries)).summary
      // main.ts once (shipped); plan.ts twice (two versions); extra.ts from the dev map.
      expect([s.shippedSourceFiles, s.reconstructedSourceFiles, s.firstPartySourceFiles]).toEqual([2, 2, 4])
      expect(s.firstPartySourceLines).toBe(3 + 3 + 3 + 1)
    }
  })

  it('lists an open-source package’s readable source at info, a proprietary one’s as the leak', async () => {
    const entries = (license: string): TarEntry[] => [
      manifest(license),
      { path: 'package/cli.js', data: 'run()\n//# sourceMappingURL=cli.js.map\n' },
      { path: 'package/cli.js.map', data: mapOf({ '../src/run.ts': 'export function run() {}' }) },
      { path: 'package/src/extra.ts', data: 'export {}\n' },
    ]
    const severities = (r: Report) =>
      r.findings
        .filter((f) => f.category === 'source-exposure')
        .map((f) => `${f.rule}:${f.severity}`)
        .sort()
    for (const license of ['MIT', '(MIT OR Apache-2.0)', 'ISC'])
      expect(severities(await reportOf(entries(license)))).toEqual([
        'map-embeds-first-party-sources:info',
        'raw-sources-next-to-bundle:info',
      ])
    for (const license of ['UNLICENSED', 'SEE LICENSE IN README.md', 'Proprietary'])
      expect(severities(await reportOf(entries(license)))).toEqual([
        'map-embeds-first-party-sources:critical',
        'raw-sources-next-to-bundle:high',
      ])
    const privateMit: TarEntry = {
      path: 'package/package.json',
      data: JSON.stringify({ name: 'a', license: 'MIT', private: true }),
    }
    expect(severities(await reportOf([privateMit, ...entries('MIT').slice(1)]))[0]).toBe(
      'map-embeds-first-party-sources:critical',
    )
  })

  it('a map that names only its own generated file is not a finding', async () => {
    const named = (sources: string[]): TarEntry => ({
      path: 'package/lib/index.js.map',
      data: JSON.stringify({ version: 3, sources, mappings: '', names: [] }),
    })
    const rules = async (sources: string[]) =>
      (
        await reportOf([
          manifest('UNLICENSED'),
          { path: 'package/lib/index.js', data: 'x\n//# sourceMappingURL=index.js.map\n' },
          named(sources),
        ])
      ).findings
        .filter((f) => f.category === 'source-exposure')
        .map((f) => `${f.rule}:${f.severity}`)
    expect(await rules(['index.js'])).toEqual([])
    expect(await rules(['index.js', '../src/index.ts'])).toEqual(['map-lists-first-party-sources:high'])
  })
})
