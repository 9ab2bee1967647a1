// The sample package end to end: analyze() must report exactly the files sampleFacts() lists, with
// their origin chains, sizes, line counts and kinds, and the headline figures computed from them.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { KeptTexts, MemoryLog } from '../../../src/core/kept-texts'
import type { ExposedFile, Report } from '../../../src/core/report/model'
import { classifyKind } from '../../../src/core/classify'
import { readSourceMap } from '../../../src/core/sourcemap'
import {
  buildSampleCrx,
  buildSamplePackage,
  SAMPLE_FILE_NAME,
  sampleDistFolder,
  sampleFacts,
  type ExpectedFile,
} from '../../../src/build/sample/package'

/** True once the source-map reader is built (it is developed alongside this code). */
const mapsReady = (() => {
  try {
    const map = '{"version":3,"sources":["a.ts"],"sourcesContent":["x"],"mappings":""}'
    let seen = 0
    readSourceMap(new TextEncoder().encode(map), () => seen++)
    return seen === 1
  } catch {
    return false
  }
})()
/** True once kinds are classified beyond the placeholder. */
const classifyReady = classifyKind('node_modules/x/index.js', { fromMap: false }) === 'third-party-source'

const shape = (f: ExposedFile | ExpectedFile) => ({
  path: f.path,
  origin: f.origin,
  hasContent: f.hasContent,
  bytes: f.bytes,
  lines: f.lines,
})

const withoutMapSources = (files: ExpectedFile[], mapPaths: Set<string>) =>
  files.filter((f) => !mapPaths.has(f.origin.join(' › ')))

async function analyzeSample(chunkBytes?: number): Promise<Report> {
  return analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())], { chunkBytes })
}

describe('analyze(sample package)', () => {
  const facts = sampleFacts()
  const mapOrigins = new Set(facts.maps.map((m) => m.origin.join(' › ')))

  it('lists every archive member with its origin, size and lines, in archive order', async () => {
    const report = await analyzeSample()
    const members = report.files.filter((f) => !mapOrigins.has(f.origin.join(' › ')))
    expect(members.map(shape)).toEqual(withoutMapSources(facts.files, mapOrigins).map(shape))
    expect(report.files.map((f) => f.id)).toEqual(report.files.map((_, i) => i))
    expect(report.input).toEqual({ name: SAMPLE_FILE_NAME, bytes: buildSamplePackage().length })
    expect(report.errors).toEqual([])
  })

  it('reads long tar names in all three forms', async () => {
    const report = await analyzeSample()
    const paths = new Set(report.files.map((f) => f.path))
    for (const path of Object.values(facts.longNames)) expect(paths).toContain(path)
    expect(paths).not.toContain('package/dist/locales/')
    expect(paths).not.toContain('package/dist/latest.js')
  })

  it.skipIf(!mapsReady)(
    'lists every map source right after its map: exact files and headline figures',
    async () => {
      const report = await analyzeSample()
      expect(report.files.map(shape)).toEqual(facts.files.map(shape))
      expect(report.summary.files).toBe(facts.files.length)
      if (classifyReady) {
        expect(report.summary.firstPartySourceFiles).toBe(facts.firstPartySourceFiles)
        expect(report.summary.firstPartySourceLines).toBe(facts.firstPartySourceLines)
        // Every map with first-party content is named, the inline one (under boot.js) included.
        const withFirstParty = facts.maps.filter((m) =>
          m.sources.some((s) => s.kind === 'first-party-source' && s.content !== null),
        )
        expect([...(report.summary.reconstructedFrom ?? [])].sort()).toEqual(
          withFirstParty.map((m) => m.origin.join(' › ')).sort(),
        )
      }
      const sources = report.files.filter((f) => f.rawSource !== undefined)
      const expectedRaw = facts.maps.flatMap((m) => m.sources.map((s) => s.raw))
      expect(sources.map((f) => f.rawSource)).toEqual(expectedRaw)
    },
  )

  it.skipIf(!mapsReady)(
    'resolves each sourceMappingURL as inline, sibling, external or missing',
    async () => {
      const report = await analyzeSample()
      for (const ref of facts.mapReferences) {
        const file = report.files.find((f) => f.path === ref.path && f.origin.length === 1)!
        expect({ path: ref.path, resolution: file.mapResolution }).toEqual({
          path: ref.path,
          resolution: ref.resolution,
        })
        if (!ref.url.startsWith('data:')) expect(file.sourceMappingURL).toBe(ref.url)
        else expect(file.container).toBe('source-map')
      }
    },
  )

  it.skipIf(!mapsReady || !classifyReady)('classifies every file whose kind the facts name', async () => {
    const report = await analyzeSample()
    const kinds = report.files.map((f, i) => ({
      path: f.path,
      kind: facts.files[i].kind ? f.kind : undefined,
    }))
    expect(kinds).toEqual(facts.files.map((f) => ({ path: f.path, kind: f.kind })))
  })

  it('gives the same report with 100-byte and 31-byte read chunks', async () => {
    const whole = await analyzeSample()
    for (const chunkBytes of [100, 31]) {
      const small = await analyzeSample(chunkBytes)
      expect(small.files).toEqual(whole.files)
      expect(small.errors).toEqual(whole.errors)
    }
  })

  it('streams files to the sink in id order, and keeps the text of text files in the store', async () => {
    const batches: ExposedFile[][] = []
    const store = new KeptTexts(new MemoryLog())
    const report = await analyze(
      [memorySource(SAMPLE_FILE_NAME, buildSamplePackage())],
      { store },
      { files: (batch) => batches.push(batch) },
    )
    expect(batches.flat().map((f) => f.id)).toEqual(report.files.map((f) => f.id))
    const readme = report.files.find((f) => f.path === 'package/README.md')!
    expect(await store.text(readme.id)).toMatch(/^# Orbit CLI/)
    const png = report.files.find((f) => f.path === 'package/assets/logo.png')!
    expect(store.has(png.id)).toBe(false)
    const map = report.files.find((f) => f.container === 'source-map' && f.path.endsWith('.map'))!
    expect(JSON.parse((await store.text(map.id))!).version).toBe(3)
    // Every listed source with content has its text kept, and its size is that text's UTF-8.
    const sources = report.files.filter((f) => f.rawSource !== undefined && f.hasContent)
    expect(sources.length).toBeGreaterThan(5)
    for (const source of sources)
      expect(new TextEncoder().encode((await store.text(source.id))!).length, source.path).toBe(source.bytes)
  })
})

describe('analyze(sample as other inputs)', () => {
  it('reads the dist folder as one artifact', async () => {
    const folder = sampleDistFolder()
    const encoder = new TextEncoder()
    const sources = folder.files.map((f) =>
      memorySource(f.path, typeof f.data === 'string' ? encoder.encode(f.data) : f.data),
    )
    const report = await analyze(sources)
    const expected = mapsReady ? folder.expected : folder.expected.filter((f) => f.origin.length === 0)
    const actual = mapsReady ? report.files : report.files.filter((f) => f.origin.length === 0)
    expect(actual.map(shape)).toEqual(expected.map(shape))
    expect(report.input.name).toBe(folder.files.map((f) => f.path).join(', '))
  })

  it('reads the crx › zip › tgz chain', async () => {
    const report = await analyze([memorySource('orbit.crx', buildSampleCrx())])
    const facts = sampleFacts()
    expect(shape(report.files[0])).toEqual({
      path: SAMPLE_FILE_NAME,
      origin: ['orbit.crx'],
      hasContent: true,
      bytes: buildSamplePackage().length,
      lines: 0,
    })
    expect(report.files[0].container).toBe('gzip')
    const inner = report.files.slice(1).filter((f) => mapsReady || f.rawSource === undefined)
    const expected = facts.files.filter(
      (f) => mapsReady || !facts.maps.some((m) => m.origin.join() === f.origin.join()),
    )
    expect(inner.map(shape)).toEqual(
      expected.map((f) => ({ ...shape(f), origin: ['orbit.crx', ...f.origin] })),
    )
  })
})
