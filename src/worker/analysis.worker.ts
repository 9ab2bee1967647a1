// The analysis worker's entry: routes page messages to jobs. All parsing and scanning happens here,
// so the page's main thread only renders.
import type { FromWorker, ToWorker } from './protocol'
import { isToWorker } from './protocol'
import { WorkerJob } from './worker-job'

const scope = self as unknown as DedicatedWorkerGlobalScope
const jobs = new Map<number, WorkerJob>()

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
      void job.run(message.inputs, message.limits, message.internalScopes ?? [], message.matchKey)
      break
    }
    case 'cancel':
      jobs.get(message.job)?.cancel()
      break
    case 'read': {
      const bytes = jobs.get(message.job)?.contentOf(message.fileId, message.raw) ?? null
      // The buffer is transferred: the worker made it for this reply and does not keep it.
      post({ type: 'content', job: message.job, req: message.req, bytes }, bytes ? [bytes] : [])
      break
    }
    case 'release':
      jobs.get(message.job)?.cancel()
      jobs.delete(message.job)
      break
  }
})
