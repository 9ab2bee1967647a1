// The page's report is rebuilt from the streamed batches plus the worker's final parts (kind and map
// changes, the findings' sorted order) instead of a second copy of every file. These tests run the
// real WorkerJob and AnalysisClient in one process, joined by structured clones as postMessage makes,
// and hold the rebuilt report to the one analyze() returns directly.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import type { Report } from '../../../src/core/report/model'
import { AnalysisClient } from '../../../src/worker/client'
import type { FromWorker, ToWorker } from '../../../src/worker/protocol'
import { MAX_BATCH, WorkerJob } from '../../../src/worker/worker-job'
import { gzip } from '../../../src/build/sample/archives'
import { writeTar } from '../../../src/build/sample/tar'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'

/** A Worker in this process: messages cross as structured clones, asynchronously, both ways. */
class InProcessWorker extends EventTarget {
  readonly sent: FromWorker[] = []
  postMessage(message: ToWorker): void {
    const data = structuredClone(message)
    queueMicrotask(() => {
      if (data.type !== 'analyze') return
      const post = (reply: FromWorker, transfer: Transferable[] = []) => {
        this.sent.push(reply)
        const copy = structuredClone(reply, { transfer })
        setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: copy })))
      }
      void new WorkerJob(data.job, post).run(data.inputs, data.limits)
    })
  }
  terminate(): void {}
}

async function throughClient(name: string, bytes: Uint8Array) {
  const worker = new InProcessWorker()
  const client = new AnalysisClient(() => worker as unknown as Worker)
  const file = new File([bytes as BlobPart], name)
  const report = await new Promise<Report>((resolve, reject) =>
    client.start([{ path: name, file }], {}, { done: resolve, failed: (m) => reject(new Error(m)) }),
  )
  const done = worker.sent.find((m) => m.type === 'done')
  return { report, done: done?.type === 'done' ? done : undefined }
}

const direct = (name: string, bytes: Uint8Array) => analyze([memorySource(name, bytes)])

describe('final report assembled from the streamed batches', () => {
  it('equals the report analyze() returns, for the sample package', async () => {
    const bytes = buildSamplePackage()
    const { report, done } = await throughClient(SAMPLE_FILE_NAME, bytes)
    // The final message carried parts, not a second copy of the files and findings.
    expect(done?.parts).toBeDefined()
    expect(done?.report.files).toEqual([])
    expect(done?.report.findings).toEqual([])
    expect(report.findings.length).toBeGreaterThan(10)
    expect(report).toEqual(await direct(SAMPLE_FILE_NAME, bytes))
  })

  it('applies the changes made after streaming: a map found after its bundle', async () => {
    const map = JSON.stringify({
      version: 3,
      sources: ['../src/app.ts'],
      sourcesContent: ['export const token = 1\n'],
      mappings: 'AAAA',
    })
    const bytes = gzip(
      writeTar([
        { path: 'package/package.json', data: '{"name":"x","version":"1.0.0"}' },
        // The note is a finding, and a finding sends the files before it: app.js is streamed
        // before its map is read, so its map resolution changes after it was sent.
        {
          path: 'package/dist/app.js',
          data: 'console.log(1) // TODO(ORB-77): drop before GA\n//# sourceMappingURL=app.js.map\n',
        },
        { path: 'package/dist/app.js.map', data: map },
      ]),
    )
    const { report, done } = await throughClient('x.tgz', bytes)
    expect(done?.parts?.changes.length).toBeGreaterThan(0)
    const expected = await direct('x.tgz', bytes)
    expect(report).toEqual(expected)
    expect(report.files.find((f) => f.path === 'package/dist/app.js')?.mapResolution).toBe('sibling')
  })

  it('a map of 12,000 sources: the report rebuilt from many batches equals analyze()', async () => {
    const n = 12_000
    const map = JSON.stringify({
      version: 3,
      sources: Array.from({ length: n }, (_, i) => `src/m${i % 40}/f${i}.ts`),
      sourcesContent: Array.from({ length: n }, (_, i) => `export const v${i} = ${i}\n`),
      mappings: '',
    })
    const bytes = new TextEncoder().encode(map)
    const { report, done } = await throughClient('big.js.map', bytes)
    expect(done?.parts).toBeDefined()
    expect(report.files.length).toBeGreaterThan(n)
    expect(report).toEqual(await direct('big.js.map', bytes))
  })

  it('never sends more than MAX_BATCH files in one message', async () => {
    const n = 12_000
    const map = JSON.stringify({
      version: 3,
      sources: Array.from({ length: n }, (_, i) => `src/f${i}.ts`),
      sourcesContent: Array.from({ length: n }, () => 'x\n'),
      mappings: '',
    })
    const worker = new InProcessWorker()
    const client = new AnalysisClient(() => worker as unknown as Worker)
    await new Promise<Report>((resolve) =>
      client.start([{ path: 'm.js.map', file: new File([map], 'm.js.map') }], {}, { done: resolve }),
    )
    const sizes = worker.sent.flatMap((m) => (m.type === 'files' ? [m.files.length] : []))
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n + 1)
    expect(Math.max(...sizes)).toBe(MAX_BATCH)
  })
})
