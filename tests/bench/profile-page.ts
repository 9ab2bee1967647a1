// Profiles the page's main thread while the app analyses one input, and prints the top self time by
// function — where the long tasks come from. Build unminified first so names survive:
//   EE_OUT_DIR=dist-hp npx vite build --minify false
//   tsx tests/bench/profile-page.ts <file.tgz> [--dir dist-hp] [--port 4392] [--top N]
// Then lists every busy stretch of the main thread over 50 ms (a long task, as the
// PerformanceObserver would see it) with the functions it spent its time in, self and inclusive.
import { analyzeIn, cliArgs, withAppPage } from './lib/app-page'
import { busyStretches, selfTimes } from './profile'

const cli = cliArgs()
const topN = Number(cli.opt('top', '30'))
await withAppPage(cli, 4392, async (page) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 })
  await cdp.send('Profiler.start')
  await analyzeIn(page, cli.file)
  await page.waitForTimeout(1000)
  const { profile } = await cdp.send('Profiler.stop')
  const { byFunction, byFile, totalMs } = selfTimes(profile as never)
  const top = (map: Map<string, number>) =>
    [...map]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(
        ([k, ms]) =>
          `${(ms / 1000).toFixed(2).padStart(7)} s  ${k.replace(/http:\/\/127\.0\.0\.1:\d+\//, '')}`,
      )
      .join('\n')
  for (const stretch of busyStretches(profile as never, 50, Number(process.env.TOP_FRAMES ?? 8))) {
    const fmt = (list: [string, number][]) =>
      list
        .map(
          ([k, ms]) => `    ${ms.toFixed(0).padStart(5)} ms  ${k.replace(/http:\/\/127\.0\.0\.1:\d+\//, '')}`,
        )
        .join('\n')
    console.log(
      `busy ${stretch.ms.toFixed(0)} ms at ${(stretch.startMs / 1000).toFixed(2)} s\n  self:\n${fmt(stretch.self)}\n  inclusive:\n${fmt(stretch.inclusive)}`,
    )
  }
  console.log(
    `main thread sampled ${(totalMs / 1000).toFixed(1)} s (idle included)\n\nby file:\n${top(byFile)}\n\nby function:\n${top(byFunction)}`,
  )
})
