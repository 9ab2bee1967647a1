import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { diffReports, diffToJson, fileKeyer } from '../../../src/core/report/diff'
import { formatDiffMarkdown } from '../../../src/core/report/format-markdown'
import { formatDiffText } from '../../../src/core/report/format-text'
import type { Report } from '../../../src/core/report/model'
import { buildVersions, NEW_NAME, OLD_NAME, versionFacts } from '../../fixtures/make-versions'
import { exposed, finding, makeReport } from './make-report'
import { githubToken, packageWithToken, replacedToken } from '../../fixtures/lib/evasion-inputs'
import { EXPOSURE_EXPERIMENT, EXPOSURE_HOST, exposurePackage } from '../../fixtures/lib/exposure-package'

describe('diffReports on hand-made reports', () => {
  const tgz = (v: string) => `a-${v}.tgz`
  const map = 'package/cli.js.map'

  it('lines up two versions of a tarball by dropping the tarball name', () => {
    const before = makeReport(tgz('1.0'), [
      exposed('package/cli.js', [tgz('1.0')], 'bundle', 100),
      exposed('package/old.js', [tgz('1.0')], 'bundle', 10),
    ])
    const after = makeReport(tgz('1.1'), [
      exposed('package/cli.js', [tgz('1.1')], 'bundle', 120),
      exposed(map, [tgz('1.1')], 'source-map', 500),
      exposed('src/a.ts', [tgz('1.1'), map], 'first-party-source', 40),
      exposed('src/b.ts', [tgz('1.1'), map], 'first-party-source', 40),
      { ...exposed('src/c.ts', [tgz('1.1'), map], 'first-party-source', 0), hasContent: false },
      exposed('package/.env', [tgz('1.1')], 'credential', 20),
    ])
    const diff = diffReports(before, after)
    const by = (status: string) =>
      diff.files
        .filter((c) => c.status === status)
        .map((c) => [...c.file.origin.slice(1), c.file.path].join(' › '))
    expect(by('new')).toEqual([
      map,
      `${map} › src/a.ts`,
      `${map} › src/b.ts`,
      `${map} › src/c.ts`,
      'package/.env',
    ])
    expect(by('changed')).toEqual(['package/cli.js'])
    expect(diff.files.find((c) => c.status === 'changed')!.before!.bytes).toBe(100)
    expect(by('removed')).toEqual(['package/old.js'])
    expect(diff.headline).toBe(
      'new: 2 first-party source files · 2 lines via package/cli.js.map; new: 1 credential file (.env); ' +
        'new: 1 source map (cli.js.map); new: 1 other file; changed: 1 file; removed: 1 file',
    )
  })

  it('matches exposures by key, not by line or place: a known value at a new place is no change', () => {
    const f = (v: string, line: number, valueHash: string, excerpt = 'TOKEN=ghp_••••') =>
      finding({ rule: 'github-token', path: 'package/a.js', origin: [tgz(v)], line, excerpt, valueHash })
    const before = makeReport(
      tgz('1.0'),
      [exposed('package/a.js', [tgz('1.0')], 'bundle')],
      [f('1.0', 3, 'h1')],
    )
    const after = makeReport(
      tgz('1.1'),
      [exposed('package/a.js', [tgz('1.1')], 'bundle')],
      [f('1.1', 30, 'h1'), f('1.1', 31, 'h1', 'X=ghp_••••'), f('1.1', 40, 'h2', 'OTHER=ghp_••••')],
    )
    const diff = diffReports(before, after)
    expect(diff.newExposures).toHaveLength(1)
    expect(diff.newFindings.map((x) => x.line)).toEqual([40])
    expect(diff.goneExposures).toEqual([])
    expect(diffReports(after, before).goneFindings.map((x) => x.line)).toEqual([40])
    expect(diff.headline).toBe('adds: 1 secret')
  })

  it('says two different packages are unrelated', () => {
    const pkg = (name: string): Report => ({
      ...makeReport(`${name}-1.0.tgz`, [exposed('package/a.js', [`${name}-1.0.tgz`], 'bundle')]),
      package: { name, version: '1.0.0' },
    })
    const diff = diffReports(pkg('left-pad'), pkg('right-pad'))
    expect(diff.unrelated).toEqual({ old: 'left-pad', new: 'right-pad' })
    expect(diff.headline).toMatch(/^unrelated packages: left-pad and right-pad/)
    expect(diffReports(pkg('left-pad'), pkg('left-pad')).unrelated).toBeUndefined()
  })

  it('lines up two dropped folders of different names, including map sources inside them', () => {
    const folder = (name: string): Report =>
      makeReport(`${name}/cli.js, ${name}/cli.js.map`, [
        exposed(`${name}/cli.js`, [], 'bundle'),
        exposed(`${name}/cli.js.map`, [], 'source-map'),
        exposed('src/a.ts', [`${name}/cli.js.map`], 'first-party-source'),
      ])
    const key = fileKeyer(folder('dist-1'))
    expect(key([], 'dist-1/cli.js')).toBe('cli.js')
    expect(key(['dist-1/cli.js.map'], 'src/a.ts')).toBe('cli.js.map › src/a.ts')
    const diff = diffReports(folder('dist-1'), folder('dist-2'))
    expect(diff.files).toEqual([])
    expect(diff.headline).toBe('no difference in exposed files or exposures')
  })
})

// The generated versions go through the real analysis. The diff can only show findings once the
// detectors exist; until then the finding assertions are skipped at run time, not hard-coded away.
const { old: oldBytes, new: newBytes } = buildVersions()
// As `diff` runs them: one match key for both analyses.
const match = { key: new Uint8Array(32).fill(7) }
const [oldReport, newReport] = await Promise.all([
  analyze([memorySource(OLD_NAME, oldBytes)], { match }),
  analyze([memorySource(NEW_NAME, newBytes)], { match }),
])
const detectorsLanded = oldReport.findings.length > 0
const facts = versionFacts()
const keyOf = (origin: string[], path: string) => [...origin.slice(1), path].join(' › ')

describe('diff of two generated versions of a package', () => {
  const diff = diffReports(oldReport, newReport)

  it('lists exactly the added map and its sources, the .env, the changed manifest and bundle and the dropped file', () => {
    const keys = (status: string) =>
      diff.files
        .filter((c) => c.status === status)
        .map((c) => keyOf(c.file.origin, c.file.path))
        .sort()
    expect(keys('new')).toEqual(facts.newFiles)
    expect(keys('changed')).toEqual(facts.changedFiles)
    expect(keys('removed')).toEqual(facts.removedFiles)
    // What the new version adds, in the brief's words, then the files.
    expect(diff.headline).toMatch(
      /^adds: source of 2 first-party files via index\.js\.map; 1 credential file; 1 internal host; \d+ lines of first-party source via package\/dist\/index\.js\.map; new: 1 credential file \(\.env\); new: 1 source map \(index\.js\.map\); changed: 2 files; removed: 1 file/,
    )
  })

  it.skipIf(!detectorsLanded)(
    'reports new findings only in what is new, and the dropped file’s as gone',
    () => {
      const placed = (f: { origin?: string[]; path: string }) => keyOf(f.origin ?? [], f.path)
      for (const f of diff.newFindings) expect(facts.newFindingFiles).toContain(placed(f))
      const categories = (where: string) =>
        diff.newFindings.filter((f) => placed(f) === where).map((f) => f.category)
      expect(categories(facts.map)).toContain('source-exposure')
      expect(categories(facts.env)).toContain('credential-files')
      const endpoint = diff.newFindings.filter(
        (f) => placed(f) === facts.endpointFile && f.category === 'internal-endpoints',
      )
      expect(endpoint).toHaveLength(1)
      expect(endpoint[0].excerpt).toContain(facts.newHost)
      expect(endpoint[0].line).toBe(1)
      // The bundle's existing TODO moved down a line; it is neither new nor gone.
      const todoBefore = oldReport.findings.filter((f) => placed(f) === facts.endpointFile)
      expect(todoBefore.length).toBeGreaterThan(0)
      for (const f of todoBefore) {
        expect(diff.newFindings.some((n) => n.rule === f.rule && n.excerpt === f.excerpt)).toBe(false)
        expect(diff.goneFindings).not.toContain(f)
      }
      // Gone: exactly the old findings on the dropped file.
      const onDropped = oldReport.findings.filter((f) => placed(f) === facts.droppedFile)
      expect(onDropped.length).toBeGreaterThan(0)
      expect(diff.goneFindings).toEqual(expect.arrayContaining(onDropped))
      expect(diff.goneFindings).toHaveLength(onDropped.length)
    },
  )

  it('renders the diff as text, Markdown and JSON', () => {
    const text = formatDiffText(diff)
    expect(text.split('\n')[1]).toBe(diff.headline)
    expect(text).toContain(`removed  ${OLD_NAME} › ${facts.droppedFile}`)
    expect(formatDiffMarkdown(diff)).toContain('| removed |')
    const json = diffToJson(diff) as { files: { status: string; path: string }[]; old: { input: unknown } }
    expect(json.files.filter((f) => f.status === 'removed').map((f) => f.path)).toEqual([facts.droppedFile])
    expect(json.old.input).toEqual(oldReport.input)
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
  })
})

describe('diffReports matches secrets and files by keyed hashes', () => {
  const swapped = (secret: string) => packageWithToken(secret)
  const original = githubToken(1)
  const replaced = replacedToken(original, 2)
  const analyzeWith = (name: string, bytes: Uint8Array, key?: Uint8Array) =>
    analyze([memorySource(name, bytes)], key ? { match: { key } } : {})

  it('the replacement has the same shape, size and redacted excerpt as the original', async () => {
    expect(replaced).not.toBe(original)
    const [a, b] = await Promise.all([
      analyzeWith('t-1.0.0.tgz', swapped(original)),
      analyzeWith('t-1.0.1.tgz', swapped(replaced)),
    ])
    expect(b.findings.map((f) => f.excerpt)).toEqual(a.findings.map((f) => f.excerpt))
    expect(b.files.map((f) => [f.path, f.bytes])).toEqual(a.files.map((f) => [f.path, f.bytes]))
  })

  it('a replaced token of the same shape is a new finding in a changed file', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const before = await analyzeWith('t-1.0.0.tgz', swapped(original), key)
    const after = await analyzeWith('t-1.0.1.tgz', swapped(replaced), key)
    const diff = diffReports(before, after)
    expect(diff.newFindings.map((f) => [f.rule, f.path])).toEqual([
      ['github-pat-classic', 'package/lib/config.js'],
    ])
    expect(diff.goneFindings).toHaveLength(1)
    expect(diff.files.map((c) => [c.status, c.file.path])).toEqual([['changed', 'package/lib/config.js']])
    // The hashes never hold the value, and the diff's JSON leaves them out.
    expect(JSON.stringify(after)).not.toContain(replaced)
    expect(JSON.stringify(diffToJson(diff))).not.toMatch(/valueHash|contentHash/)
  })

  it('the same token in both versions is no difference', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const before = await analyzeWith('t-1.0.0.tgz', swapped(original), key)
    const after = await analyzeWith('t-1.0.1.tgz', swapped(original), key)
    const diff = diffReports(before, after)
    expect([diff.newFindings, diff.goneFindings, diff.files]).toEqual([[], [], []])
    expect(diff.headline).toBe('no difference in exposed files or exposures')
  })
})

describe('diff of a release without its map and the next with it (the incident shape)', () => {
  const scan = (name: string, bytes: Uint8Array, key: Uint8Array) =>
    analyze([memorySource(name, bytes)], { match: { key } })

  it('reports nothing gone that is still present, and names the map, the source tree and the new gate', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const before = await scan('exposure-demo-1.0.0.tgz', exposurePackage({ map: false }), key)
    const after = await scan(
      'exposure-demo-1.1.0.tgz',
      exposurePackage({ version: '1.1.0', renameSeed: 5, extra: true }),
      key,
    )
    // Without the map, the prompt is a place in the bundle; with it, the bundle's place folds into
    // the source: the old exposure's key is gone, its match is not.
    const oldPrompt = before.exposures!.find((e) => e.kind === 'prompt')!
    expect(oldPrompt.title).toBe('prompt in package/cli.js')
    expect(after.exposures!.some((e) => e.key === oldPrompt.key)).toBe(false)
    const diff = diffReports(before, after)
    expect(diff.goneExposures.map((e) => e.title)).toEqual([])
    expect(diff.goneFindings).toEqual([])
    const added = diff.newExposures.map((e) => e.title)
    expect(added).toEqual(
      expect.arrayContaining([
        'source of 3 first-party files via cli.js.map',
        'feature gate BUDDY',
        'internal host deploy.corp.example-co.dev',
      ]),
    )
    // Present in both: no change, whatever the minifier renamed.
    for (const same of [`internal host ${EXPOSURE_HOST}`, `experiment ${EXPOSURE_EXPERIMENT}`])
      expect(added).not.toContain(same)
    expect(diff.headline).toMatch(/^adds: source of 3 first-party files via cli\.js\.map; .*feature gates/)
    expect(diff.headline).toContain('new: 1 source map (cli.js.map)')
  })

  it('still reports an exposure gone when its match is nowhere in the new version', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const before = await scan('exposure-demo-1.1.0.tgz', exposurePackage({ extra: true }), key)
    const after = await scan('exposure-demo-1.2.0.tgz', exposurePackage({ version: '1.2.0' }), key)
    const gone = diffReports(before, after).goneExposures.map((e) => e.title)
    expect(gone).toEqual(
      expect.arrayContaining(['feature gate BUDDY', 'internal host deploy.corp.example-co.dev']),
    )
  })
})
