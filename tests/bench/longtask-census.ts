// How many main-thread long tasks (> 50 ms, PerformanceObserver) an analysis causes, over many runs,
// each labelled with the stage marks and the last DOM change before it — to see which moments of an
// analysis still block the page, and how often, without a trace's own overhead.
//   tsx tests/bench/longtask-census.ts <file> [--dir dist-hp] [--port 4396] [--runs 8] [--css RULES] [--profile]
// --css adds a style before each drop, to see what one part of the page costs (e.g. hiding it).
import { analyzeIn, cliArgs, withAppPage } from './lib/app-page'
import { median } from './lib/stats'

interface Entry {
  at: number
  what: string
}

const cli = cliArgs()
const runs = Number(cli.opt('runs', '8'))
const counts: number[] = []
const longest: number[] = []
const moments = new Map<string, number[]>()

// Each run in a browser of its own, as the benchmark's app runs are (--profile: on disk, as there).
for (let run = 0; run < runs; run++) {
  await withAppPage(cli, 4396, async (page) => {
    const css = cli.opt('css', '')
    if (css) await page.addStyleTag({ content: css })
    await page.evaluate(() => {
      const log: Entry[] = ((window as unknown as { __census: Entry[] }).__census = [])
      const t0 = performance.now()
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'attributes' && r.target.nodeName === 'CANVAS') continue
          const el = (r.target.nodeType === 1 ? r.target : r.target.parentElement) as Element | null
          const cls = el?.getAttribute('class')?.split(' ')[0] ?? ''
          log.push({ at: performance.now() - t0, what: `${r.type} ${el?.nodeName.toLowerCase()}.${cls}` })
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          log.push({ at: e.startTime - t0, what: `LONG ${e.duration.toFixed(0)}` })
      }).observe({ type: 'longtask' })
      for (const name of ['input-received', 'files-listed', 'treemap-painted', 'analysis-done'])
        new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            if (e.name === `ee:${name}`) log.push({ at: e.startTime - t0, what: `MARK ${name}` })
        }).observe({ type: 'mark' })
    })
    await analyzeIn(page, cli.file)
    await page.waitForTimeout(500)
    const log = await page.evaluate(() => (window as unknown as { __census: Entry[] }).__census)
    log.sort((a, b) => a.at - b.at)
    // Counted from the app's input mark, as the benchmark counts: before it the task that delivers the
    // file is the harness's own (Playwright compiles its injected script for setInputFiles in a
    // fresh profile, 60-90 ms of script compile on a quiet machine), not the app's.
    const input = log.find((e) => e.what === 'MARK input-received')?.at ?? 0
    const harness = log.filter((e) => e.what.startsWith('LONG') && e.at < input)
    if (harness.length)
      console.log(
        `  before the input mark (the harness): ${harness.map((t) => `${t.what.slice(5)} ms`).join(', ')}`,
      )
    const tasks = log.filter((e) => e.what.startsWith('LONG') && e.at >= input)
    counts.push(tasks.length)
    longest.push(Math.max(0, ...tasks.map((t) => Number(t.what.slice(5)))))
    const lines: string[] = []
    for (const t of tasks) {
      const before = log.filter((e) => e.at <= t.at && !e.what.startsWith('LONG')).at(-1)
      const label = before ? `${before.what} (${(t.at - before.at).toFixed(0)} ms before)` : 'start'
      lines.push(`  ${t.at.toFixed(0).padStart(6)} ms  ${t.what.slice(5).padStart(4)} ms  after ${label}`)
      const key = before?.what ?? 'start'
      moments.set(key, [...(moments.get(key) ?? []), Number(t.what.slice(5))])
    }
    const done = log.find((e) => e.what === 'MARK analysis-done')?.at ?? NaN
    console.log(`run ${run + 1}: ${tasks.length} long task(s), done at ${done.toFixed(0)} ms`)
    if (lines.length) console.log(lines.join('\n'))
  })
}
console.log(
  `\n${runs} runs: long tasks median ${median(counts)} (${counts.join(', ')}), longest median ${median(longest).toFixed(0)} ms`,
)
for (const [what, ds] of [...moments].sort((a, b) => b[1].length - a[1].length))
  console.log(`  ${String(ds.length).padStart(3)} × after ${what} (${ds.join(', ')} ms)`)
