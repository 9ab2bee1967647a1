// Page load of the landing: navigation → load event, → the off-screen warm-up of the results view
// done (ee:warm, the landing's last start-up work), and the workers running once it is idle. Builds
// given with --dirs (one or more folders of `vite build` output, e.g. before and after a change) are
// loaded in alternating runs, each in a fresh browser; --cores overrides navigator.hardwareConcurrency
// (the scan pool is sized from it). Medians of the runs.
//   npx tsx tests/bench/page-load.ts --dirs dist-a,dist-b [--runs 5] [--cores 8] [--port 4435]
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { launch } from './lib/browser-bench'
import { ROOT } from './lib/inputs'
import { startServer } from './lib/server'
import { median } from './lib/stats'
import { MARKS } from '../../src/worker/protocol'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1]! : fallback
}
const dirs = opt('dirs', 'dist-t').split(',')
const runs = Number(opt('runs', '5'))
const cores = opt('cores', '')
const port = Number(opt('port', '4435'))

interface Run {
  load: number
  warm: number
  workers: number
}

async function oneRun(base: string): Promise<Run> {
  const browser = await launch()
  try {
    const page = await browser.newPage()
    if (cores)
      await page.addInitScript(
        `Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${cores} })`,
      )
    await page.goto(base)
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARKS.warm, {
      timeout: 60_000,
    })
    const times = await page.evaluate((mark) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return { load: nav.loadEventEnd, warm: performance.getEntriesByName(mark)[0]!.startTime }
    }, MARKS.warm)
    await page.waitForTimeout(500)
    return { ...times, workers: page.workers().length }
  } finally {
    await browser.close()
  }
}

const servers = await Promise.all(
  dirs.map((dir, i) => startServer(join(ROOT, dir), join(ROOT, 'tests/bench/floor'), port + i)),
)
try {
  const results = dirs.map(() => [] as Run[])
  for (let r = 0; r < runs; r++)
    for (let i = 0; i < dirs.length; i++) {
      const run = await oneRun(`http://127.0.0.1:${port + i}/`)
      results[i]!.push(run)
      console.log(
        `${dirs[i]} run ${r + 1}: load ${Math.round(run.load)} ms, warm ${Math.round(run.warm)} ms, ` +
          `${run.workers} workers (load ${loadavg()[0].toFixed(2)})`,
      )
    }
  for (let i = 0; i < dirs.length; i++) {
    const m = (key: keyof Run) => Math.round(median(results[i]!.map((x) => x[key])))
    console.log(
      `${dirs[i]}: median of ${runs}: load event ${m('load')} ms, warm-up done ${m('warm')} ms, ${m('workers')} workers`,
    )
  }
} finally {
  for (const s of servers) s.close()
}
