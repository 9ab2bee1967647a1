// analyze()'s own rules beyond reading: kinds settle once package.json is known wherever it sits,
// sibling maps resolve against the whole artifact, progress and batches reach the sink, findings are
// ordered, and a map that cannot be read is an error entry while its file stays listed.
import { describe, expect, it } from 'vitest'
import { analyze, scanText, type ScanService } from '../../../src/core/analyze'
import type { ContentStore } from '../../../src/core/kept-texts'
import { memorySource } from '../../../src/core/input/byte-source'
import { classifyKind } from '../../../src/core/classify'
import type { Progress } from '../../../src/core/report/model'
import { SEVERITIES } from '../../../src/core/report/model'
import { gzip } from '../../../src/build/sample/archives'
import { writeTar, type TarEntry } from '../../../src/build/sample/tar'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'

const encoder = new TextEncoder()
const classifyReady = classifyKind('node_modules/x/index.js', { fromMap: false }) === 'third-party-source'
const tgz = (entries: TarEntry[]) => memorySource('p.tgz', gzip(writeTar(entries)))

describe('analyze orchestration', () => {
  it.skipIf(!classifyReady)('classifies the same whether package.json comes first or last', async () => {
    const manifest: TarEntry = { path: 'package/package.json', data: '{"name":"@acme/self"}' }
    const others: TarEntry[] = [
      { path: 'package/node_modules/@acme/self/index.js', data: 'module.exports = 1\n' },
      { path: 'package/node_modules/left-pad/index.js', data: 'module.exports = 2\n' },
    ]
    const first = await analyze([tgz([manifest, ...others])], { scan: false })
    const last = await analyze([tgz([...others, manifest])], { scan: false })
    const kinds = (r: typeof first) => Object.fromEntries(r.files.map((f) => [f.path, f.kind]))
    expect(kinds(last)).toEqual(kinds(first))
    expect(kinds(last)['package/node_modules/left-pad/index.js']).toBe('third-party-source')
    expect(kinds(last)['package/node_modules/@acme/self/index.js']).not.toBe('third-party-source')
  })

  it('resolves a sibling map listed after the file that names it, per container', async () => {
    const map = JSON.stringify({ version: 3, sources: ['a.ts'], sourcesContent: ['a'], mappings: 'AAAA' })
    const report = await analyze(
      [
        tgz([
          { path: 'package/a.js', data: 'a()\n//# sourceMappingURL=a.js.map\n' },
          { path: 'package/b.js', data: 'b()\n//# sourceMappingURL=b.js.map\n' },
          { path: 'package/a.js.map', data: map },
        ]),
        // Same relative path in another source: not a sibling of the tarball's members.
        memorySource('package/b.js.map', encoder.encode(map)),
      ],
      { scan: false },
    )
    const resolution = (path: string) =>
      report.files.find((f) => f.path === path && f.origin.length === 1)?.mapResolution
    expect(resolution('package/a.js')).toBe('sibling')
    expect(resolution('package/b.js')).toBe('missing')
  })

  it('takes the map shipped next to a script for the one its URL names on the build machine', async () => {
    const map = JSON.stringify({ version: 3, sources: ['a.ts'], sourcesContent: ['a()'], mappings: 'AAAA' })
    const report = await analyze([
      tgz([
        { path: 'package/lib/a.js', data: 'a()\n//# sourceMappingURL=/home/dev/orbit/src/lib/a.js.map\n' },
        { path: 'package/lib/b.js', data: 'b()\n//# sourceMappingURL=/home/dev/orbit/src/lib/c.js.map\n' },
        { path: 'package/lib/a.js.map', data: map },
        { path: 'package/lib/b.js.map', data: map },
      ]),
    ])
    const file = (path: string) => report.files.find((f) => f.path === path)
    expect([file('package/lib/a.js')?.mapResolution, file('package/lib/a.js')?.kind]).toEqual([
      'sibling',
      'bundle',
    ])
    // A URL that names another map is not taken for the one next to the script.
    expect(file('package/lib/b.js')?.mapResolution).toBe('missing')
    // a.js is compiler output, not counted; b.js (its map unknown) is shipped as is; a.ts once.
    expect([report.summary.shippedSourceFiles, report.summary.reconstructedSourceFiles]).toEqual([1, 1])
  })

  it('reports progress by stage, throttled, and files in id order', async () => {
    const progress: Progress[] = []
    const ids: number[] = []
    const report = await analyze(
      [memorySource(SAMPLE_FILE_NAME, buildSamplePackage())],
      { chunkBytes: 4096 },
      { progress: (p) => progress.push(p), files: (batch) => ids.push(...batch.map((f) => f.id)) },
    )
    expect(ids).toEqual(report.files.map((f) => f.id))
    const stages = new Set(progress.map((p) => p.stage))
    expect(stages.has('decompressing')).toBe(true)
    // Throttled: far fewer reports than the ~30 chunks read and ~190 files handled.
    expect(progress.length).toBeLessThan(40)
    const decompressing = progress.filter((p) => p.stage === 'decompressing')
    expect(decompressing.at(-1)).toMatchObject({
      done: buildSamplePackage().length,
      total: buildSamplePackage().length,
    })
  })

  it('orders findings by severity, then path and line', async () => {
    const report = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())])
    const keys = report.findings.map((f) => [SEVERITIES.indexOf(f.severity), f.path, f.line] as const)
    const sorted = [...keys].sort(
      (a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2],
    )
    expect(keys).toEqual(sorted)
  })

  it('keeps a map that cannot be read as a listed file with an error naming it', async () => {
    const report = await analyze([tgz([{ path: 'package/x.js.map', data: '{"version":3,"sources":[' }])], {
      scan: false,
    })
    expect(report.files.map((f) => f.path)).toEqual(['package/x.js.map'])
    expect(report.errors).toEqual([
      expect.objectContaining({
        path: 'p.tgz › package/x.js.map',
        message: expect.stringMatching(/^Source map could not be read/),
      }),
    ])
  })

  it('skips the detectors with scan: false', async () => {
    const report = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())], { scan: false })
    expect(report.findings).toEqual([])
    expect(report.summary.findings).toEqual({})
  })
})

describe('cancel while scanning a map', () => {
  it('stops between map sources once the signal aborts', async () => {
    const sources = Array.from({ length: 400 }, (_, i) => `src/f${i}.ts`)
    const map = JSON.stringify({
      version: 3,
      sources,
      sourcesContent: sources.map((s) => `// ${s}\n`),
      mappings: '',
    })
    const controller = new AbortController()
    // Each source is scanned after the map is listed (a scanner that is always full takes none
    // early); the cancel comes while the tenth source is listed.
    let scans = 0
    const scanner: ScanService = {
      submit: (file, text, done) => {
        scans++
        done(scanText(file, text))
      },
      whenReady: () => Promise.resolve(),
      drain: () => Promise.resolve(),
    }
    const store: ContentStore = { put: () => 0, assign: (id) => id === 10 && controller.abort() }
    const report = await analyze([memorySource('big.js.map', encoder.encode(map))], {
      signal: controller.signal,
      scanner,
      store,
    })
    expect(scans).toBeLessThan(20)
    expect(report.errors).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^Cancelled/) }),
    ])
    // Listed before the cancel: the map and all its sources; content/scanning stopped early.
    expect(report.files).toHaveLength(401)
  })
})
