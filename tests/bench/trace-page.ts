// Records a Chromium trace of the page's main thread while the app analyses one input, and prints
// every task over 50 ms (what the benchmark's long-task observer counts) as a tree of what ran inside
// it: script calls with their function and line, message deserialization, style, layout, paint, GC.
// Build unminified first so names survive:
//   EE_OUT_DIR=dist-hp npx vite build --minify false
//   tsx tests/bench/trace-page.ts <file> [--dir dist-hp] [--port 4393] [--min 50] [--depth 5] [--warm] [--css RULES]
//                                 [--threads [N]] [--profile] [--save TRACE.json]
//                                 [--categories a,b]
// --threads also samples every thread's CPU (the reader and the scan workers too) and prints each
// busy thread's N (default 15) functions with the most self time. --profile traces a browser with a
// profile of its own on disk (a first visit, as the benchmark's runs); --save keeps the trace to open
// in DevTools.
import { writeFileSync } from 'node:fs'
import { analyzeIn, cliArgs, withAppPage } from './lib/app-page'
import { printLongTasks, startPageTracing, TASK_CATEGORIES, type TraceEvent } from './lib/trace-tasks'

const cli = cliArgs()
const minMs = Number(cli.opt('min', '50'))
const maxDepth = Number(cli.opt('depth', '5'))

await withAppPage(cli, 4393, async (page) => {
  if (cli.has('warm')) {
    // One analysis of the same input before the traced one: separates first-use costs (code
    // compiled on first call, fonts looked up on first use) from the ones every analysis pays.
    await analyzeIn(page, cli.file)
    await page.evaluate(() => performance.clearMarks())
    await page.waitForTimeout(1500)
  }
  // --css "<rules>": a style added before the drop, to see what one part of the page costs to render
  // (e.g. --css ".table-box{display:none}").
  const css = cli.opt('css', '')
  if (css) await page.addStyleTag({ content: css })
  const stop = await startPageTracing(page, [
    ...TASK_CATEGORIES,
    'blink.user_timing',
    ...cli.opt('categories', '').split(',').filter(Boolean),
    ...(cli.has('threads') ? ['disabled-by-default-v8.cpu_profiler'] : []),
  ])
  await page.evaluate(() => performance.mark('trace:input'))
  await analyzeIn(page, cli.file)
  await page.waitForTimeout(1500)
  const events = await stop()
  const save = cli.opt('save', '')
  if (save) writeFileSync(save, JSON.stringify({ traceEvents: events }))
  printLongTasks(events, minMs, maxDepth)
  if (cli.has('threads')) threadProfiles(events, Number(cli.opt('threads', '15')) || 15)
})

interface ProfileChunk {
  cpuProfile?: {
    nodes?: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
    samples?: number[]
  }
  timeDeltas?: number[]
}

/** Self time by function for each thread the V8 sampler saw (trace category v8.cpu_profiler). */
function threadProfiles(events: TraceEvent[], top: number): void {
  const names = new Map(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']),
  )
  const frames = new Map<string, string>()
  const byThread = new Map<string, Map<string, number>>()
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue
    const thread = `${e.pid}:${e.tid}`
    const data = (e.args as { data?: ProfileChunk } | undefined)?.data
    const id = (e as { id?: string }).id ?? ''
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const f = node.callFrame
      frames.set(
        `${id}:${node.id}`,
        `${f.functionName || '(anonymous)'} ${(f.url ?? '').split('/').pop()}:${(f.lineNumber ?? 0) + 1}`,
      )
    }
    const self = byThread.get(thread) ?? new Map<string, number>()
    byThread.set(thread, self)
    const samples = data?.cpuProfile?.samples ?? []
    samples.forEach((sample, i) => {
      const name = frames.get(`${id}:${sample}`) ?? '?'
      self.set(name, (self.get(name) ?? 0) + (data?.timeDeltas?.[i] ?? 0) / 1000)
    })
  }
  for (const [thread, self] of byThread) {
    const busy = [...self].filter(([k]) => !/^\((idle|program)\)/.test(k))
    const total = busy.reduce((n, [, ms]) => n + ms, 0)
    if (total < 50) continue
    console.log(`\n${names.get(thread) ?? thread}: ${total.toFixed(0)} ms sampled busy`)
    for (const [k, ms] of busy.sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${k}`)
  }
}
