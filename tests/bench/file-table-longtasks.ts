// Main-thread responsiveness of the file table on the 200,000-source map: long tasks (> 50 ms) while
// the table is scrolled from top to bottom and back, with the sort applied once (opening the tab and
// one re-sort by path are reported apart). Median of the runs, each in a fresh page.
//   npx tsx tests/bench/file-table-longtasks.ts [--dir dist-t] [--no-build] [--port 4434] [--runs 3] [--trace MS]
// Without --no-build it first builds the app into --dir (EE_OUT_DIR=<dir> npx vite build).
// --trace MS records a Chromium trace over the scrolling (timeline, GC) and prints each main-thread
// task of MS or more as a tree of what ran in it, and the longest tasks' CPU time (build unminified,
// EE_OUT_DIR=dist-tu npx vite build --minify false, and pass --dir dist-tu --no-build, to see names).
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { ensureInput, ROOT } from './lib/inputs'
import { startServer } from './lib/server'
import { benchArgs } from './lib/args'
import { printLongTasks, TASK_CATEGORIES, type TraceEvent } from './lib/trace-tasks'
import { median } from './lib/stats'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

const { dir, port, runs, opt } = benchArgs({ port: '4434' })
const traceMs = Number(opt('trace', '0'))

const INIT = `
  globalThis.__name ??= (f) => f
  window.__lt = []
  window.__loaf = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      for (const s of e.scripts ?? [])
        if (s.duration >= 50)
          window.__loaf.push({ start: s.startTime, duration: s.duration, what: (s.invoker || '?') + ' ' + (s.sourceFunctionName || '') + ' ' + (s.sourceURL || '').split('/').pop() + ':' + s.sourceCharPosition })
  }).observe({ type: 'long-animation-frame', buffered: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__lt.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
`

interface LongTask {
  start: number
  duration: number
}
interface Run {
  rows: number
  /** Longest task while opening the Files tab (the first sort, by size). */
  openMax: number
  /** Longest task of one re-sort by path. */
  sortMax: number
  /** Scroll steps made and long tasks among them. */
  steps: number
  scrollCount: number
  scrollMax: number
}

const now = (page: Page) => page.evaluate(() => performance.now())
const longest = async (page: Page, from: number, to: number) => {
  const all = await page.evaluate(() => (window as unknown as { __lt: LongTask[] }).__lt)
  const within = all.filter((t) => t.start >= from && t.start < to)
  return { count: within.length, max: Math.max(0, ...within.map((t) => t.duration)) }
}

/** Scrolls the table body through `steps` positions spread over its whole height (and back), one
 *  per animation frame, the way a dragged scrollbar moves. */
async function scrollThrough(page: Page, steps: number): Promise<void> {
  await page.evaluate(async (n) => {
    const body = document.querySelector<HTMLElement>('[data-testid="file-table"] .body')!
    const max = body.scrollHeight - body.clientHeight
    const frame = () => new Promise((r) => requestAnimationFrame(r))
    for (let i = 0; i <= n; i++) {
      body.scrollTop = (max * (i <= n / 2 ? i : n - i)) / (n / 2)
      await frame()
    }
  }, steps)
}

async function oneRun(base: string, file: string): Promise<Run> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.addInitScript(INIT)
    await page.goto(base)
    await page.setInputFiles('[data-testid="file-input"]', file)
    await page.waitForSelector('[data-testid="headline"][data-final="true"]', { timeout: 20 * 60_000 })
    // The treemap's last rebuild is throttled and sliced: wait until it has painted the final list
    // (no new ee:treemap-painted mark for 5 s), so its work is not counted here.
    let marks = -1
    for (;;) {
      const n = await page.evaluate(() => performance.getEntriesByName('ee:treemap-painted').length)
      if (n === marks) break
      marks = n
      await page.waitForTimeout(5000)
    }
    const t0 = await now(page)
    await page.click('[data-testid="tab-files"]')
    await page.waitForSelector('[data-testid="file-row"]')
    await page.waitForTimeout(500)
    const t1 = await now(page)
    await page.click('[data-testid="file-sort-path"]')
    await page.waitForTimeout(1000)
    const t2 = await now(page)
    const steps = 400
    if (traceMs > 0) await browser.startTracing(page, { categories: TASK_CATEGORIES })
    await scrollThrough(page, steps)
    await page.waitForTimeout(200)
    const t3 = await now(page)
    if (traceMs > 0) {
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
        traceEvents: TraceEvent[]
      }
      printLongTasks(trace.traceEvents, traceMs, 6)
    }
    const rows = Number(
      (await page.textContent('[data-testid="file-count"]'))!.replace(/,/g, '').replace(/[^\d].*$/s, ''),
    )
    const open = await longest(page, t0, t1)
    const sort = await longest(page, t1, t2)
    const scroll = await longest(page, t2, t3)
    if (process.env.LOAF)
      console.log(
        JSON.stringify(
          (await page.evaluate(() => (window as unknown as { __loaf: unknown[] }).__loaf)).slice(-30),
        ),
      )
    return {
      rows,
      openMax: open.max,
      sortMax: sort.max,
      steps,
      scrollCount: scroll.count,
      scrollMax: scroll.max,
    }
  } finally {
    await browser.close()
  }
}

const input = ensureInput({ kind: 'many-sources' })
const server = await startServer(join(ROOT, dir), join(ROOT, 'tests/bench/floor'), port)
try {
  const results: Run[] = []
  for (let i = 0; i < runs; i++) {
    const r = await oneRun(`http://127.0.0.1:${port}/`, input.file)
    results.push(r)
    console.log(
      `run ${i + 1}: ${JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`,
    )
  }
  const m = (key: keyof Run) => Math.round(median(results.map((r) => r[key])))
  console.log(
    `median of ${runs}: ${m('rows').toLocaleString('en-US')} rows; scrolling ${m('steps')} steps: ` +
      `${m('scrollCount')} long tasks, longest ${m('scrollMax')} ms; opening the tab: longest ${m('openMax')} ms; ` +
      `re-sort by path: longest ${m('sortMax')} ms`,
  )
} finally {
  server.close()
}
