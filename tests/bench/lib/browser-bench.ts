// Browser measurements with Playwright and Debian Chromium: the floor page and the built app, each in
// a fresh context of a browser launched for the run. Times come from the pages' own performance marks
// (ee:* set by the app, floor:* by the floor page), so Playwright's polling never enters a figure.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import type { FloorInflate, FloorResult } from '../floor/floor-core'
import type { ScanResult } from '../floor/scan-core'
import type { BenchInput } from './inputs'
import { PeakSampler } from './memory'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromium'

/** The shared flags, plus precise heap figures. */
const ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info']

/** Collects main-thread long tasks (> 50 ms) from the first moment of the page. Also defines the
 *  \`__name\` helper that tsx's transpiler adds to functions passed to page.evaluate. */
const LONG_TASKS = `
  globalThis.__name ??= (f) => f
  window.__eeLongTasks = []
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__eeLongTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
`

/** The flags, with EE_CHROMIUM_EXTRA="--flag …": more for an experiment (e.g. --js-flags=--single-threaded-gc). */
function chromiumArgs(): string[] {
  return [...ARGS, ...(process.env.EE_CHROMIUM_EXTRA ? process.env.EE_CHROMIUM_EXTRA.split(' ') : [])]
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs() })
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.addInitScript(LONG_TASKS)
  return page
}

const TIMEOUT = 20 * 60_000

export interface BrowserFloorRun {
  ms: number
  result: FloorResult
}

/** The scanner worker: scanContent over every source of the map, timed inside the worker. */
export async function runBrowserScan(browser: Browser, base: string, input: BenchInput): Promise<ScanResult> {
  const { result } = await floorPage(browser, `${base}/__floor/index.html?scan`, input)
  return result as unknown as ScanResult
}

/** The browser floor with the worker's gunzip: native DecompressionStream or fflate (the run measures
 *  both and takes the faster as its floor). */
export function runBrowserFloor(
  browser: Browser,
  base: string,
  input: BenchInput,
  inflate: FloorInflate,
): Promise<BrowserFloorRun> {
  return floorPage(browser, `${base}/__floor/index.html?inflate=${inflate}`, input)
}

async function floorPage(browser: Browser, url: string, input: BenchInput): Promise<BrowserFloorRun> {
  const page = await newPage(browser)
  try {
    await page.goto(url)
    await page.setInputFiles('[data-testid="file-input"]', input.file)
    await page.waitForFunction(
      () => (window as never as { __floor: { result?: unknown } }).__floor.result,
      null,
      {
        timeout: TIMEOUT,
        polling: 200,
      },
    )
    return await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name, 'mark')[0].startTime
      const result = (window as never as { __floor: { result: FloorResult & { error?: string } } }).__floor
        .result
      if (result.error) throw new Error(`browser floor failed: ${result.error}`)
      return { ms: at('floor:done') - at('floor:input-received'), result }
    })
  } finally {
    await page.context().close()
  }
}

export interface AppRun {
  /** ms after ee:input-received; undefined when the mark was not emitted. */
  filesListed?: number
  treemapFirst?: number
  treemapLast?: number
  /** The first headline that counts the final first-party figures (reconstructed sources included). */
  headline?: number
  /** Those final figures. */
  headlineFigures?: { files: number; lines: number }
  analysisDone?: number
  workerTimings?: Record<string, number>
  longTasks: { count: number; maxMs: number; totalMs: number }
  peakPss: number
  /** Each Chromium process's PSS at that peak, by its kind and pid. */
  peakPssByProcess: Record<string, number>
  peakHeap: number
  /** The summary panel's text, for the correctness check. */
  summaryText: string
}

interface PageMarks {
  input?: number
  listed?: number
  treemap: number[]
  headlines: { at: number; files: number; lines: number }[]
  done?: number
  detail?: { workerTimings?: Record<string, number> }
  longTasks: { start: number; duration: number }[]
}

/** Chromium with a profile on disk of its own, as a user has (`close` removes it). */
export async function launchWithProfile(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ee-bench-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(),
    viewport: { width: 1280, height: 800 },
  })
  const close = async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return { context, close }
}

/** The app in a browser of its own with a profile on disk (removed after), as a user has: Chromium
 *  keeps the origin's private file system on disk there, in memory in an off-the-record context. */
export async function runApp(base: string, input: BenchInput): Promise<AppRun> {
  const { context, close } = await launchWithProfile()
  const page = await context.newPage()
  await page.addInitScript(LONG_TASKS)
  try {
    await page.goto(`${base}/`)
    await page.locator('[data-testid="file-input"]').waitFor({ state: 'attached' })
    // While a user reaches for a file, the worker starts and the results view is rendered once
    // off-screen (src/ui/warmup): wait for both, as a drop a second or two after load would.
    await page.waitForFunction(() => performance.getEntriesByName('ee:warm').length > 0, null, {
      timeout: 10_000,
    })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const sampler = new PeakSampler(cdp)
    sampler.start()
    await page.setInputFiles('[data-testid="file-input"]', input.file)
    await page.waitForFunction(() => performance.getEntriesByName('ee:analysis-done').length > 0, null, {
      timeout: TIMEOUT,
      polling: 250,
    })
    // The treemap may paint its final state just after the analysis ends.
    await page
      .waitForFunction(() => performance.getEntriesByName('ee:treemap-painted').length > 0, null, {
        timeout: 3000,
      })
      .catch(() => undefined)
    await page.waitForTimeout(500)
    await sampler.stop()
    const marks = await page.evaluate((): PageMarks => {
      const all = (name: string) => performance.getEntriesByName(name, 'mark').map((e) => e.startTime)
      const done = performance.getEntriesByName('ee:analysis-done', 'mark')[0] as PerformanceMark | undefined
      return {
        input: all('ee:input-received').at(-1),
        listed: all('ee:files-listed')[0],
        treemap: all('ee:treemap-painted'),
        headlines: performance.getEntriesByName('ee:headline', 'mark').map((e) => ({
          at: e.startTime,
          ...((e as PerformanceMark).detail as { files: number; lines: number }),
        })),
        done: done?.startTime,
        detail: done?.detail as PageMarks['detail'],
        longTasks: (window as never as { __eeLongTasks: PageMarks['longTasks'] }).__eeLongTasks,
      }
    })
    // The headline states the first-party figures ("1,906 first-party source files · 514,691 lines").
    const textOf = async (testid: string) =>
      (await page
        .locator(`[data-testid="${testid}"]`)
        .first()
        .textContent({ timeout: 2000 })
        .catch(() => '')) ?? ''
    const summaryText = `${await textOf('headline')}\n${await textOf('summary')}`
    const since = (t: number | undefined) =>
      t === undefined || marks.input === undefined ? undefined : t - marks.input
    const final = marks.headlines.at(-1)
    const headline = marks.headlines.find((h) => h.files === final?.files && h.lines === final?.lines)
    const end = Math.max(marks.done ?? 0, ...marks.treemap)
    const tasks = marks.longTasks.filter(
      (t) => marks.input !== undefined && t.start >= marks.input && t.start <= end,
    )
    return {
      filesListed: since(marks.listed),
      treemapFirst: since(marks.treemap[0]),
      treemapLast: since(marks.treemap.at(-1)),
      headline: since(headline?.at),
      headlineFigures: final && { files: final.files, lines: final.lines },
      analysisDone: since(marks.done),
      workerTimings: marks.detail?.workerTimings,
      longTasks: {
        count: tasks.length,
        maxMs: Math.max(0, ...tasks.map((t) => t.duration)),
        totalMs: tasks.reduce((n, t) => n + t.duration, 0),
      },
      peakPss: sampler.peakPss,
      peakPssByProcess: sampler.peakParts,
      peakHeap: sampler.peakHeap,
      summaryText,
    }
  } finally {
    await close()
  }
}

export interface FrameStats {
  frames: number
  medianMs: number
  p95Ms: number
  maxMs: number
  /** Share of frames slower than 1.5 × 16.7 ms (a dropped frame at 60 fps). */
  slowShare: number
  leaves?: number
}

/** Loads `input`, then zooms the treemap in (click at the centre) and out ("All files") three times,
 *  recording requestAnimationFrame deltas across the animations. */
export async function runZoomFrames(browser: Browser, base: string, input: BenchInput): Promise<FrameStats> {
  const page = await newPage(browser)
  try {
    await page.goto(`${base}/`)
    await page.setInputFiles('[data-testid="file-input"]', input.file)
    await page.waitForFunction(() => performance.getEntriesByName('ee:analysis-done').length > 0, null, {
      timeout: TIMEOUT,
      polling: 250,
    })
    const box = page.locator('[data-testid="treemap"] canvas').first()
    await box.waitFor({ state: 'attached', timeout: 10_000 })
    await page.waitForTimeout(500)
    await page.evaluate(() => {
      const w = window as never as { __eeFrames: number[] }
      w.__eeFrames = []
      let last = performance.now()
      const tick = (now: number) => {
        w.__eeFrames.push(now - last)
        last = now
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    const area = await box.boundingBox()
    if (!area) throw new Error('the treemap canvas has no box (not shown)')
    for (let i = 0; i < 3; i++) {
      // Mouse clicks at coordinates: the canvas is repainted continuously, so Playwright's
      // "stable element" wait would never settle.
      await page.mouse.click(area.x + area.width * (0.3 + 0.15 * i), area.y + area.height * 0.5)
      await page.waitForTimeout(700)
      await page.locator('[data-testid="breadcrumb"] button').first().click({ force: true })
      await page.waitForTimeout(700)
    }
    const frames = await page.evaluate(() =>
      (window as never as { __eeFrames: number[] }).__eeFrames.slice(1),
    )
    const leaves = Number(await page.locator('[data-testid="treemap"]').getAttribute('data-leaves'))
    const sorted = [...frames].sort((a, b) => a - b)
    return {
      frames: frames.length,
      medianMs: sorted[sorted.length >> 1] ?? NaN,
      p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
      maxMs: sorted.at(-1) ?? NaN,
      slowShare: frames.filter((f) => f > 25).length / Math.max(1, frames.length),
      leaves: Number.isFinite(leaves) ? leaves : undefined,
    }
  } finally {
    await page.context().close()
  }
}
