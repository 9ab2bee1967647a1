// The incident-shaped tarball at small scale, read from disk the way the CLI reads it: the headline
// figures must equal the generator's plan exactly.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyze, scanText, type ScanService } from '../../../src/core/analyze'
import { WINDOW_BYTES } from '../../../src/core/sourcemap/byte-window'
import { FileLog } from '../../../src/cli/file-log'
import { fileSource } from '../../../src/cli/node-source'
import { KeptTexts, MemoryLog } from '../../../src/core/kept-texts'
import { writeIncident } from '../../fixtures/make-incident'

const encoder = new TextEncoder()
const dir = mkdtempSync(join(tmpdir(), 'ee-analyze-incident-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('analyze(incident-shaped tarball, scale 0.02)', () => {
  it('reports the planned first-party files and lines, every source under the map', async () => {
    const out = join(dir, 'incident.tgz')
    const { facts } = writeIncident(out, 0.02)
    const report = await analyze([fileSource(out, 'incident.tgz', statSync(out).size)], {
      chunkBytes: 64 * 1024,
    })
    expect(report.errors).toEqual([])
    const underMap = report.files.filter((f) => f.origin.join(' › ') === `incident.tgz › ${facts.mapPath}`)
    expect(underMap).toHaveLength(facts.sources)
    expect(report.files.length).toBe(facts.members + facts.sources)
    expect(report.summary.firstPartySourceFiles).toBe(facts.firstPartySourceFiles)
    expect(report.summary.firstPartySourceLines).toBe(facts.firstPartySourceLines)
    expect(report.summary.reconstructedFrom).toEqual([`incident.tgz › ${facts.mapPath}`])
  })
})

describe('a source map over limits.maxFileBytes', () => {
  const out = join(dir, 'incident-spill.tgz')
  const { facts } = writeIncident(out, 0.02)
  const source = () => fileSource(out, 'incident.tgz', statSync(out).size)
  const mapPath = `incident.tgz › ${facts.mapPath}`

  it('is read from the host’s temporary file through a window: the same report as from memory', async () => {
    const whole = await analyze([source()], { chunkBytes: 64 * 1024 })
    const map = whole.files.find((f) => `${f.origin.join(' › ')} › ${f.path}` === mapPath)!
    expect(map.bytes).toBeGreaterThan(100_000)
    const spills: FileLog[] = []
    const spill = () => {
      const file = Object.assign(new FileLog(), { windowBytes: 4_000 })
      spills.push(file)
      return file
    }
    const windowed = await analyze([source()], {
      chunkBytes: 64 * 1024,
      limits: { maxFileBytes: map.bytes - 1 },
      spill,
    })
    expect(JSON.stringify(windowed)).toBe(JSON.stringify(whole))
    // One file, for the map, gone once the map was read.
    expect(spills).toHaveLength(1)
    expect(existsSync(spills[0].path)).toBe(false)
  })

  it('asks the scan service to hold no more than half a window of its sources, and a map in memory nothing tighter', async () => {
    const asked = async (windowed: boolean) => {
      const bounds = new Set<number | undefined>()
      const scanner: ScanService = {
        submit: (file, text, done) => done(scanText(file, text)),
        whenReady: (maxChars) => (bounds.add(maxChars), null),
        drain: () => Promise.resolve(),
      }
      const report = await analyze([source()], {
        chunkBytes: 64 * 1024,
        scanner,
        ...(windowed ? { limits: { maxFileBytes: 100_000 }, spill: () => new FileLog() } : {}),
      })
      expect(report.summary.reconstructedFrom).toEqual([mapPath])
      return [...bounds]
    }
    expect(await asked(false)).toEqual([undefined])
    expect((await asked(true)).sort()).toEqual([WINDOW_BYTES / 2, undefined])
  })

  it('keeps the map’s sources for the host as ranges of the bytes it read through the window', async () => {
    const texts = new KeptTexts(new MemoryLog())
    const report = await analyze([source()], {
      limits: { maxFileBytes: 100_000 },
      spill: () => new FileLog(),
      store: texts,
    })
    const sources = report.files.filter((f) => f.origin.join(' › ') === mapPath)
    expect(sources).toHaveLength(facts.sources)
    const withText = sources.filter((f) => f.hasContent)
    for (const file of withText.slice(0, 50)) {
      const text = await texts.text(file.id)
      expect(text?.length).toBeGreaterThan(0)
      expect(encoder.encode(text!).length).toBe(file.bytes)
    }
  })

  it('is written once when the host keeps its texts in a file: the sources are ranges of the spilled bytes', async () => {
    const run = async (spillIntoTexts: boolean) => {
      const log = new FileLog()
      const texts = new KeptTexts(log)
      const spills: FileLog[] = []
      const report = await analyze([source()], {
        limits: { maxFileBytes: 100_000 },
        spill: () => (spillIntoTexts ? texts.region()! : (spills[spills.length] = new FileLog())),
        store: texts,
      })
      const kept = await Promise.all(report.files.map((f) => texts.text(f.id)))
      const size = log.size + spills.reduce((sum, file) => sum + file.size, 0)
      for (const file of [log, ...spills]) file.close()
      return { report, kept, size }
    }
    const apart = await run(false)
    const once = await run(true)
    expect(JSON.stringify(once.report)).toBe(JSON.stringify(apart.report))
    expect(once.kept).toEqual(apart.kept)
    expect(once.kept.filter((t) => t !== null).length).toBeGreaterThan(facts.sources / 2)
    // Bytes written: the map once, as it inflated (apart, into its own file and again into the log).
    const map = apart.report.files.find((f) => `${f.origin.join(' › ')} › ${f.path}` === mapPath)!
    expect(map.bytes).toBeGreaterThan(100_000)
    expect(apart.size - once.size).toBe(map.bytes)
  })

  it('is listed without content, as before, when the host offers no place for it', async () => {
    const report = await analyze([source()], { limits: { maxFileBytes: 100_000 } })
    expect(report.files.filter((f) => f.origin.join(' › ') === mapPath)).toEqual([])
    expect(report.errors.map((e) => e.path)).toContain(mapPath)
  })
})
