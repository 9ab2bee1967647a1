// The analysis worker's entry: routes page messages to jobs. All parsing and scanning happens in
// workers, so the page's main thread only renders. The page starts this script several times: one
// instance reads (the jobs), the others serve its scans (scan-serve.ts) when the page hands them a
// port; without a pool the reader scans in line.
import type { FromWorker, ToWorker } from './protocol'
import { contentParts, isToWorker } from './protocol'
import { PoolScanner, ScanPort } from './scan-pool'
import { serveScans } from './scan-serve'
import { WorkerJob } from './worker-job'

const scope = self as unknown as DedicatedWorkerGlobalScope
const jobs = new Map<number, WorkerJob>()
let pool: ScanPort[] = []

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToWorker(event.data)) return
  const message: ToWorker = event.data
  switch (message.type) {
    case 'ping':
      post({ type: 'ready' })
      break
    case 'analyze': {
      const job = new WorkerJob(message.job, post)
      jobs.set(message.job, job)
      const scanner = pool.length > 0 ? new PoolScanner(pool, message.matchKey) : undefined
      void job.run(message.inputs, message.limits, message.internalScopes ?? [], message.matchKey, scanner)
      break
    }
    case 'scan-pool':
      pool = message.ports.map((port) => new ScanPort(port))
      break
    case 'serve-scans':
      serveScans(message.port)
      break
    case 'cancel':
      jobs.get(message.job)?.cancel()
      break
    case 'read': {
      // Texts are read back from a file or Blobs, so the answer comes a moment later; replies carry `req`.
      void (async () => {
        const text = (await jobs.get(message.job)?.contentOf(message.fileId, message.raw)) ?? null
        const reply = { type: 'content', job: message.job, req: message.req } as const
        const parts = text === null ? [null] : contentParts(text)
        parts.forEach((part, i) =>
          post(i < parts.length - 1 ? { ...reply, text: part, more: true } : { ...reply, text: part }),
        )
      })()
      break
    }
    case 'shipped': {
      void (async () => {
        const result = (await jobs.get(message.job)?.shippedBytes(message.bundleId, message.mapId)) ?? null
        post({ type: 'shipped', job: message.job, req: message.req, result })
      })()
      break
    }
    case 'release':
      jobs.get(message.job)?.release()
      jobs.delete(message.job)
      break
  }
})
