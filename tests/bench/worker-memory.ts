// Where the page's memory goes during one analysis: each of its threads' V8 heap (the main thread,
// the reader and the scan workers, attached through the DevTools protocol) and ArrayBuffer backing
// stores, sampled beside the summed PSS of every Chromium process, in a profile on disk as the
// benchmark runs the app. Prints each thread's peak and what every thread held at the PSS peak.
//   npx vite build (or EE_OUT_DIR=dist-hp npx vite build --minify false)
//   npx tsx tests/bench/worker-memory.ts <file.tgz> [--dir dist-h] [--port 4393] [--every 200] [--series]
// --series also prints every sample (seconds since the drop, summed PSS, each thread's heap used and
// ArrayBuffer backing, in MB, and each process over 50 MB): when what the peak holds is not enough to tell how it got there.
import { join } from 'node:path'
import type { CDPSession } from '@playwright/test'
import { launchWithProfile } from './lib/browser-bench'
import { cliArgs } from './lib/app-page'
import { ROOT } from './lib/inputs'
import { descendantsPss } from './lib/memory'
import { startServer } from './lib/server'

interface Usage {
  used: number
  total: number
  backing: number
}

/** The page's threads as the protocol reaches them: the page itself and each worker it attached. */
class Threads {
  readonly names = new Map<string, string>()
  #next = 1
  readonly #pending = new Map<number, (usage: Usage) => void>()

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (event) => {
      this.names.set(event.sessionId, `${event.targetInfo.type} ${this.names.size + 1}`)
      void this.#send(event.sessionId, 'Runtime.runIfWaitingForDebugger')
    })
    cdp.on('Target.detachedFromTarget', (event) => this.names.delete(event.sessionId))
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, number> }
      const done = reply.id === undefined ? undefined : this.#pending.get(reply.id)
      if (!done || !reply.result) return
      this.#pending.delete(reply.id!)
      done(usageOf(reply.result))
    })
  }

  #send(sessionId: string, method: string): number {
    const id = this.#next++
    void this.cdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
      .catch(() => this.#pending.delete(id))
    return id
  }

  usage(sessionId: string): Promise<Usage | undefined> {
    return new Promise((resolve) => {
      this.#pending.set(this.#send(sessionId, 'Runtime.getHeapUsage'), resolve)
      setTimeout(() => resolve(undefined), 1000)
    })
  }
}

const usageOf = (r: Record<string, number>): Usage => ({
  used: r.usedSize ?? 0,
  total: r.totalSize ?? 0,
  backing: r.backingStorageSize ?? 0,
})

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`.padStart(8)

const mbs = (bytes: number) => String(Math.round(bytes / 1e6))

const cli = cliArgs()
const series = cli.has('series')
const every = Number(cli.opt('every', '200'))
const port = Number(cli.opt('port', '4393'))
const server = await startServer(join(ROOT, cli.opt('dir', 'dist-h')), join(ROOT, 'tests/bench/floor'), port)
const { context, close } = await launchWithProfile()
try {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  const threads = new Threads(cdp)
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.waitForFunction(() => performance.getEntriesByName('ee:warm').length > 0, null, {
    timeout: 10_000,
  })
  const peaks = new Map<string, Usage>()
  let peak = { pss: 0, at: 0, threads: new Map<string, Usage>(), parts: {} as Record<string, number> }
  const started = Date.now()
  page.context().on('console', (m) => {
    if (m.type() === 'error') console.log('CONSOLE', m.text().slice(0, 400))
    if (m.text().startsWith('PROBE')) {
      const [, at, ...rest] = m.text().split(' ')
      console.log(`PROBE ${((Number(at) - started) / 1000).toFixed(1)} s ${rest.join(' ')}`)
    }
  })
  let done = false
  const sample = async () => {
    const now = new Map<string, Usage>()
    const main = usageOf((await cdp.send('Runtime.getHeapUsage')) as unknown as Record<string, number>)
    now.set('page', main)
    for (const [session, name] of threads.names) {
      const usage = await threads.usage(session)
      if (usage) now.set(name, usage)
    }
    for (const [name, usage] of now) {
      const was = peaks.get(name)
      peaks.set(name, {
        used: Math.max(was?.used ?? 0, usage.used),
        total: Math.max(was?.total ?? 0, usage.total),
        backing: Math.max(was?.backing ?? 0, usage.backing),
      })
    }
    const { total, parts } = descendantsPss()
    if (series) {
      const threadsNow = [...now].map(([name, u]) => `${name} ${mbs(u.used)}+${mbs(u.backing)}`)
      const biggest = Object.entries(parts)
        .filter(([, bytes]) => bytes > 50e6)
        .map(([name, bytes]) => `${name.split(' ')[0]} ${mbs(bytes)}`)
      console.log(
        `${((Date.now() - started) / 1000).toFixed(1)} s  ${mbs(total)} [${biggest.join(', ')}]  ${threadsNow.join('  ')}`,
      )
    }
    if (total > peak.pss) peak = { pss: total, at: Date.now() - started, threads: now, parts }
  }
  const sampling = (async () => {
    while (!done) {
      await sample().catch(() => undefined)
      await new Promise((r) => setTimeout(r, every))
    }
  })()
  await page.setInputFiles('[data-testid="file-input"]', cli.file)
  await page.waitForFunction(() => performance.getEntriesByName('ee:analysis-done').length > 0, null, {
    timeout: 30 * 60_000,
    polling: 500,
  })
  done = true
  await sampling
  console.log(`analysis ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (series) {
    // The reader's stages, in seconds since it received the input (its clock is not the page's).
    const timings = await page.evaluate(
      (name) =>
        (performance.getEntriesByName(name)[0] as PerformanceMark).detail.workerTimings as Record<
          string,
          number
        >,
      'ee:analysis-done',
    )
    const from = timings['ee:input-received'] ?? 0
    for (const [name, at] of Object.entries(timings))
      console.log(`  ${((at - from) / 1000).toFixed(1)} s  ${name}`)
  }
  console.log(`\npeak PSS ${mb(peak.pss)} at ${(peak.at / 1000).toFixed(1)} s; processes then:`)
  for (const [name, bytes] of Object.entries(peak.parts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5))
    console.log(`  ${mb(bytes)}  ${name}`)
  console.log('threads then (JS heap used / heap total / ArrayBuffer backing):')
  for (const [name, u] of peak.threads)
    console.log(`  ${name.padEnd(16)} ${mb(u.used)} ${mb(u.total)} ${mb(u.backing)}`)
  console.log('each thread at its own peak:')
  for (const [name, u] of peaks)
    console.log(`  ${name.padEnd(16)} ${mb(u.used)} ${mb(u.total)} ${mb(u.backing)}`)
} finally {
  await close()
  server.close()
}
