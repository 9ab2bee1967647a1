// Main-thread responsiveness of the treemap (issue 5) on the 200,000-source map: long tasks (> 50 ms)
// while the app analyses it, long tasks while zooming the treemap in and out, and frame times
// (requestAnimationFrame deltas) during the zoom animations. Median of 3 runs, each in a fresh page.
//   npx tsx tests/bench/treemap-longtasks.ts [--dir dist-t] [--no-build] [--port 4433] [--runs 3]
// Without --no-build it first builds the app into --dir (EE_OUT_DIR=<dir> npx vite build).
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { ensureInput, ROOT } from './lib/inputs'
import { startServer } from './lib/server'
import { benchArgs } from './lib/args'
import { median } from './lib/stats'
import type { RectInfo as Rect } from '../../src/ui/treemap/layout'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

const { dir, port, runs } = benchArgs({ port: '4433' })

// Long tasks and animation frames, recorded from the page's first moment. `__name` is the helper
// tsx's transpiler adds to functions passed to page.evaluate.
const INIT = `
  globalThis.__name ??= (f) => f
  window.__lt = []
  window.__frames = null
  window.__loaf = []
  try {
    // Long animation frames name the scripts that ran in them: which handler a long task was.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        for (const s of e.scripts ?? [])
          if (s.duration >= 50)
            window.__loaf.push({ start: s.startTime, duration: s.duration, what: (s.invoker || '?') + ' ' + (s.sourceFunctionName || '') })
    }).observe({ type: 'long-animation-frame', buffered: true })
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lt.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  window.__recordFrames = () => {
    const frames = (window.__frames = [])
    const tick = (t) => {
      if (window.__frames !== frames) return
      frames.push(t)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  }
`

interface LongTask {
  start: number
  duration: number
}
interface Run {
  analysisCount: number
  analysisMax: number
  zoomCount: number
  zoomMax: number
  frameMedian: number
  frameP95: number
  zoomLevels: number
  /** The five longest tasks of the analysis (ms), to see where the rest comes from. */
  analysisTop: number[]
  /** Scripts of 50 ms or more during the analysis, by invoker and function: the longest of each. */
  scripts: Record<string, number>
}

const now = (page: Page) => page.evaluate(() => performance.now())
const tasksBetween = async (page: Page, from: number, to: number) =>
  (await page.evaluate(() => (window as unknown as { __lt: LongTask[] }).__lt)).filter(
    (t) => t.start >= from && t.start < to,
  )

/** Runs one zoom (a click), recording frame deltas until the animation (320 ms) is surely over. */
async function zoomOnce(page: Page, click: () => Promise<void>, zoom: string): Promise<number[]> {
  await page.evaluate(() => (window as unknown as { __recordFrames: () => void }).__recordFrames())
  await click()
  // A click on a chain of single folders zooms to where the chain ends: below `zoom`, or at it.
  const at = zoom === '' ? `[data-zoom=""]` : `[data-zoom^="${zoom}"]`
  await page.waitForSelector(`[data-testid="treemap"]${at}`, { timeout: 60_000 })
  await page.waitForTimeout(600)
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] | null }
    const f = w.__frames ?? []
    w.__frames = null
    return f
  })
  return frames.slice(1).map((t, i) => t - frames[i]!)
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
    const t0 = await now(page)
    await page.setInputFiles('[data-testid="file-input"]', file)
    await page.waitForSelector('[data-testid="headline"][data-final="true"]', { timeout: 20 * 60_000 })
    await page.waitForSelector('[data-testid="treemap"][data-state="ready"]', { timeout: 60_000 })
    // The final rebuild is throttled and sliced: wait until the map shows every file.
    // The last rebuild is throttled and sliced: wait until the map has painted the final file list
    // (no new ee:treemap-painted mark for 5 s: longer than the rebuild throttle), so its build is counted in the analysis, not the zoom.
    let marks = -1
    for (;;) {
      const n = await page.evaluate(() => performance.getEntriesByName('ee:treemap-painted').length)
      if (n === marks) break
      marks = n
      await page.waitForTimeout(5000)
    }
    ensureLeaves(await page.getAttribute('[data-testid="treemap"]', 'data-leaves'))
    const t1 = await now(page)
    const analysis = await tasksBetween(page, t0, t1)
    const scripts: Record<string, number> = {}
    for (const sc of await page.evaluate(
      () => (window as unknown as { __loaf: { start: number; duration: number; what: string }[] }).__loaf,
    ))
      if (sc.start >= t0 && sc.start < t1)
        scripts[sc.what] = Math.max(scripts[sc.what] ?? 0, Math.round(sc.duration))

    const treemap = page.getByTestId('treemap')
    const box = treemap.getByRole('application')
    const deltas: number[] = []
    const path: string[] = []
    // Zoom in three levels, each time into the biggest folder, by clicking its label strip.
    for (let level = 0; level < 3; level++) {
      const rects = JSON.parse((await treemap.getAttribute('data-rects')) ?? '[]') as Rect[]
      const folder = rects.filter((r) => r.folder).sort((a, b) => b.w * b.h - a.w * a.h)[0]
      if (!folder) break
      path.push(folder.name)
      deltas.push(
        ...(await zoomOnce(
          page,
          () => box.click({ position: { x: folder.x + 6, y: folder.y + 5 } }),
          path.join('/'),
        )),
      )
      path.splice(0, path.length, ...((await treemap.getAttribute('data-zoom')) ?? '').split('/'))
    }
    // And back to the top via the breadcrumb.
    deltas.push(
      ...(await zoomOnce(page, () => treemap.getByRole('button', { name: 'All files' }).click(), '')),
    )
    const t2 = await now(page)
    const zoom = await tasksBetween(page, t1, t2)
    const sorted = [...deltas].sort((a, b) => a - b)
    return {
      analysisCount: analysis.length,
      analysisMax: Math.max(0, ...analysis.map((t) => t.duration)),
      zoomCount: zoom.length,
      zoomMax: Math.max(0, ...zoom.map((t) => t.duration)),
      frameMedian: median(sorted),
      frameP95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
      zoomLevels: path.length,
      analysisTop: analysis
        .map((t) => Math.round(t.duration))
        .sort((a, b) => b - a)
        .slice(0, 5),
      scripts,
    }
  } finally {
    await browser.close()
  }
}

function ensureLeaves(value: string | null): number {
  const n = Number(value)
  if (!(n > 0)) throw new Error(`treemap shows no files (data-leaves=${value})`)
  return n
}

const input = ensureInput({ kind: 'many-sources' })
const server = await startServer(join(ROOT, dir), join(ROOT, 'tests/bench/floor'), port)
try {
  const results: Run[] = []
  for (let i = 0; i < runs; i++) {
    const r = await oneRun(`http://127.0.0.1:${port}/`, input.file)
    results.push(r)
    console.log(
      `run ${i + 1}: ${JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`,
    )
  }
  const m = (key: Exclude<keyof Run, 'analysisTop' | 'scripts'>) => median(results.map((r) => r[key]))
  console.log(
    [
      `${dir} on ${input.label} (${input.written!.facts.sources.toLocaleString('en-US')} sources), median of ${runs}:`,
      `  analysis: ${m('analysisCount')} long tasks, longest ${m('analysisMax').toFixed(0)} ms`,
      `  zoom (${m('zoomLevels')} levels in + back out): ${m('zoomCount')} long tasks, longest ${m('zoomMax').toFixed(0)} ms`,
      `  zoom frames: median ${m('frameMedian').toFixed(1)} ms, p95 ${m('frameP95').toFixed(1)} ms`,
    ].join('\n'),
  )
} finally {
  server.close()
}
