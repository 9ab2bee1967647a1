// The main thread's long tasks in a Chromium trace (devtools.timeline categories), each printed as a
// tree of what ran inside it: script calls with their function and line, message deserialization,
// style, layout, paint, GC, with the thread's CPU time beside the wall time.

import type { Page } from '@playwright/test'

export interface TraceEvent {
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

/** Starts a Chromium trace of `page` through its DevTools session, which works in a persistent
 *  context too (a profile on disk has no Browser handle to trace through); the returned function ends
 *  it and resolves to its events. */
export async function startPageTracing(
  page: Page,
  categories: string[],
): Promise<() => Promise<TraceEvent[]>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: categories, recordMode: 'recordContinuously' },
  })
  return async () => {
    const complete = new Promise<string>((resolve) =>
      cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')),
    )
    await cdp.send('Tracing.end')
    const handle = await complete
    const parts: Buffer[] = []
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle, size: 1 << 22 })
      parts.push(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8'))
      if (chunk.eof) break
    }
    await cdp.send('IO.close', { handle })
    await cdp.detach()
    const text = Buffer.concat(parts).toString('utf8')
    const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] }
    return Array.isArray(parsed) ? parsed : parsed.traceEvents
  }
}

/** The trace categories the report reads (GC and the timeline's detail included). */
export const TASK_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'toplevel',
  'v8',
  'disabled-by-default-v8.gc',
]

/** Prints every main-thread task of `minMs` or more (on the app's renderer: the main thread that ran
 *  the most script calls), with what ran inside it down to `maxDepth`. */
export function printLongTasks(events: TraceEvent[], minMs: number, maxDepth: number): void {
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
  const pauses = (name: string) => {
    const ms = onMain.filter((e) => e.name === name).map((e) => e.dur! / 1000)
    return `${ms.length} ${name} (longest ${Math.max(0, ...ms).toFixed(1)} ms)`
  }
  console.log(`garbage collection on the main thread: ${pauses('MajorGC')}, ${pauses('MinorGC')}`)
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur! / 1000 >= minMs)
  const byCpu = onMain
    .filter((e) => e.name === 'RunTask' && e.tdur !== undefined)
    .map((e) => e.tdur! / 1000)
    .sort((a, b) => b - a)
  console.log(
    `${tasks.length} main-thread task(s) of ${minMs} ms or more; longest by CPU: ` +
      byCpu
        .slice(0, 6)
        .map((ms) => `${ms.toFixed(1)} ms`)
        .join(', '),
  )
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
