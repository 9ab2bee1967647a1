// Records a Chromium trace of the page's main thread while the app analyses one input, and prints
// every task over 50 ms (what the benchmark's long-task observer counts) as a tree of what ran inside
// it: script calls with their function and line, message deserialization, style, layout, paint, GC.
// Build unminified first so names survive:
//   EE_OUT_DIR=dist-hp npx vite build --minify false
//   tsx tests/bench/trace-page.ts <file> [--dir dist-hp] [--port 4393] [--min 50] [--depth 5] [--warm] [--css RULES]
//                                 [--threads [N]]
// --threads also samples every thread's CPU (the reader and the scan workers too) and prints each
// busy thread's N (default 15) functions with the most self time.
import { analyzeIn, cliArgs, withAppPage } from './lib/app-page'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** Thread CPU time in µs: less than dur when the thread waited for a core. */
  tdur?: number
  pid: number
  tid: number
  args?: {
    name?: string
    data?: { functionName?: string; url?: string; lineNumber?: number; type?: string }
    /** Layout: how many layout objects were dirty, of how many. */
    beginData?: {
      dirtyObjects?: number
      totalObjects?: number
      partialLayout?: boolean
      /** A layout or style update forced by script: where. */
      stackTrace?: { functionName?: string; lineNumber?: number }[]
    }
    endData?: { layoutRoots?: { nodeId?: number; depth?: number }[] }
  }
}

const cli = cliArgs()
const minMs = Number(cli.opt('min', '50'))
const maxDepth = Number(cli.opt('depth', '5'))

await withAppPage(cli, 4393, async (page, browser) => {
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
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.stack',
      'toplevel',
      'v8',
      ...(cli.has('threads') ? ['disabled-by-default-v8.cpu_profiler'] : []),
    ],
  })
  await page.evaluate(() => performance.mark('trace:input'))
  await analyzeIn(page, cli.file)
  await page.waitForTimeout(1500)
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }
  report(trace.traceEvents)
  if (cli.has('threads')) threadProfiles(trace.traceEvents, Number(cli.opt('threads', '15')) || 15)
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

function report(events: TraceEvent[]): void {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  // The app's renderer: the main thread that ran the app's scripts.
  const counts = new Map<string, number>()
  for (const e of events)
    if (e.name === 'FunctionCall' && mains.has(`${e.pid}:${e.tid}`))
      counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1)
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]
  const onMain = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const start = onMain[0]?.ts ?? 0
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur! / 1000 >= minMs)
  console.log(`${tasks.length} main-thread task(s) of ${minMs} ms or more`)
  for (const task of tasks) {
    const cpu = task.tdur === undefined ? '' : ` (${(task.tdur / 1000).toFixed(0)} ms on a core)`
    console.log(
      `\ntask ${(task.dur! / 1000).toFixed(0)} ms${cpu} at +${((task.ts - start) / 1e6).toFixed(2)} s`,
    )
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!)
    const stack: TraceEvent[] = [task]
    for (const e of inside) {
      while (stack.length > 1 && e.ts >= stack.at(-1)!.ts + stack.at(-1)!.dur!) stack.pop()
      const depth = stack.length
      stack.push(e)
      if (depth > maxDepth || e.dur! < 2000) continue
      const d = e.args?.data
      const what =
        d?.functionName || d?.url
          ? ` ${d.functionName ?? ''} ${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}`
          : d?.type
            ? ` ${d.type}`
            : e.args?.beginData?.totalObjects !== undefined
              ? ` ${e.args.beginData.dirtyObjects} of ${e.args.beginData.totalObjects} objects dirty${e.args.beginData.partialLayout ? ', partial' : ''}`
              : ''
      const forced = e.args?.beginData?.stackTrace
        ?.slice(0, 3)
        .map((f) => `${f.functionName || '(anonymous)'}:${f.lineNumber}`)
        .join(' < ')
      const busy = e.tdur === undefined ? '' : ` (cpu ${(e.tdur / 1000).toFixed(1)})`
      console.log(
        `${'  '.repeat(depth)}${(e.dur! / 1000).toFixed(1).padStart(6)} ms${busy} ${e.name}${what}${forced ? `, forced by ${forced}` : ''}`,
      )
    }
  }
}
