// A worker stuck inside one long step answers nothing, not even `cancel`; the job opened after it
// must still run. These tests drive AnalysisClient with fake workers: one that hangs on an input
// named stuck-*, and otherwise answers each analyze with a report naming its input.
import { describe, expect, it } from 'vitest'
import type { Report } from '../../../src/core/report/model'
import { AnalysisClient, type FailReason, type JobEvents } from '../../../src/worker/client'
import type { FromWorker, ToWorker } from '../../../src/worker/protocol'

class FakeWorker extends EventTarget {
  stuck = false
  terminated = false
  readonly received: ToWorker[] = []
  postMessage(message: ToWorker): void {
    if (this.stuck || this.terminated) return // a blocked event loop reads nothing
    this.received.push(message)
    if (message.type !== 'analyze') return
    const name = message.inputs[0]!.path
    if (name.startsWith('stuck')) {
      this.stuck = true
      return
    }
    const reply: FromWorker = {
      type: 'done',
      job: message.job,
      report: { input: { name, bytes: 0 } } as Report,
      timings: {} as never,
      cancelled: false,
    }
    setTimeout(() => this.terminated || this.dispatchEvent(new MessageEvent('message', { data: reply })))
  }
  terminate(): void {
    this.terminated = true
  }
}

function setup(graceMs = 20) {
  const workers: FakeWorker[] = []
  const client = new AnalysisClient(() => {
    const w = new FakeWorker()
    workers.push(w)
    return w as unknown as Worker
  }, graceMs)
  return { client, workers }
}

const input = (name: string) => [{ path: name, file: new File(['x'], name) }]

/** Records what a job's events saw. */
function recorder() {
  const seen: string[] = []
  const events: JobEvents = {
    done: (report) => seen.push(`done ${report.input.name}`),
    failed: (_m, reason: FailReason) => seen.push(`failed ${reason}`),
    restarted: () => seen.push('restarted'),
  }
  return { seen, events }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a new job supersedes a stuck one', () => {
  it('the stuck worker is replaced and the new job runs in a fresh one; the old job says nothing', async () => {
    const { client, workers } = setup()
    const old = recorder()
    const next = recorder()
    const first = client.start(input('stuck.tgz'), {}, old.events)
    // What the page does when a second artifact is opened.
    first.cancel()
    first.release()
    client.start(input('next.tgz'), {}, next.events)
    await settle(100)
    expect(workers).toHaveLength(2)
    expect(workers[0]!.terminated).toBe(true)
    expect(next.seen).toEqual(['restarted', 'done next.tgz'])
    expect(old.seen).toEqual([])
  })

  it('a cancelled job that is still listened to hears that it was cancelled', async () => {
    const { client, workers } = setup()
    const old = recorder()
    client.start(input('stuck.tgz'), {}, old.events).cancel()
    await settle(100)
    expect(old.seen).toEqual(['failed cancelled'])
    expect(workers[0]!.terminated).toBe(true)
  })

  it('a job that answered its cancel in time leaves the worker alone', async () => {
    const { client, workers } = setup()
    const first = recorder()
    const second = recorder()
    const handle = client.start(input('quick.tgz'), {}, first.events)
    handle.cancel()
    handle.release()
    client.start(input('second.tgz'), {}, second.events)
    await settle(100)
    // The first job's `done` arrived after its release: it still ends the job, so no restart.
    expect(workers).toHaveLength(1)
    expect(workers[0]!.terminated).toBe(false)
    expect(second.seen).toEqual(['done second.tgz'])
  })
})

describe('the scan pool', () => {
  it('starts with the warm-up, before the first drop, and once per reader', async () => {
    const workers: FakeWorker[] = []
    const client = new AnalysisClient(
      () => {
        const w = new FakeWorker()
        workers.push(w)
        return w as unknown as Worker
      },
      20,
      2,
    )
    client.warmUp()
    expect(workers).toHaveLength(3)
    const first = recorder()
    client.start(input('a.tgz'), {}, first.events)
    expect(workers).toHaveLength(3)
    // The reader hears of its pool before the analysis that uses it.
    expect(workers[0]!.received.map((m) => m.type)).toEqual(['ping', 'scan-pool', 'analyze'])
    expect(workers[1]!.received.map((m) => m.type)).toEqual(['serve-scans'])
    await settle(20)
    client.start(input('b.tgz'), {}, recorder().events)
    expect(workers).toHaveLength(3)
    expect(first.seen).toEqual(['done a.tgz'])
  })
})
