// Profiles the page's main thread while the app analyses one input and, for each long task the
// page's own PerformanceObserver saw (> 50 ms), prints the functions it ran in: by inclusive and by
// self time, from the V8 sampler's samples inside that task. Build unminified first so names survive:
//   EE_OUT_DIR=dist-hp npx vite build --minify false
//   tsx tests/bench/longtask-profile.ts <file> [--dir dist-hp] [--port 4397] [--top 12]
import { analyzeIn, cliArgs, withAppPage } from './lib/app-page'

interface Node {
  id: number
  parent?: number
  children?: number[]
  callFrame: { functionName: string; url: string; lineNumber: number }
}

const cli = cliArgs()
const top = Number(cli.opt('top', '12'))
await withAppPage(cli, 4397, async (page) => {
  await page.evaluate(() => {
    const w = window as unknown as { __lt: { start: number; duration: number }[] }
    w.__lt = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lt.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask' })
  })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
  await cdp.send('Profiler.start')
  // A named busy loop at a known page time: its samples align the profile's clock with the page's.
  const syncAt = (await page.evaluate(`(() => {
    const at = performance.now()
    function clockSync() {
      const end = performance.now() + 30
      while (performance.now() < end);
    }
    clockSync()
    return at
  })()`)) as number
  await analyzeIn(page, cli.file)
  await page.waitForTimeout(1000)
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number }
  }
  const tasks = await page.evaluate(
    () => (window as unknown as { __lt: { start: number; duration: number }[] }).__lt,
  )
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  for (const n of profile.nodes) for (const c of n.children ?? []) nodes.get(c)!.parent = n.id
  const name = (f: Node['callFrame']) =>
    `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`
  // Sample times in page ms.
  let t = profile.startTime / 1000
  const times = profile.timeDeltas.map((d) => (t += d / 1000))
  const firstSync = profile.samples.findIndex((id) => nodes.get(id)!.callFrame.functionName === 'clockSync')
  const offset = syncAt - times[firstSync]!
  for (const task of tasks) {
    const self = new Map<string, number>()
    const incl = new Map<string, number>()
    let n = 0
    profile.samples.forEach((id, i) => {
      const at = times[i]! + offset
      if (at < task.start || at > task.start + task.duration) return
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
      n += ms
      const leaf = name(nodes.get(id)!.callFrame)
      self.set(leaf, (self.get(leaf) ?? 0) + ms)
      const seen = new Set<string>()
      for (let c: number | undefined = id; c !== undefined; c = nodes.get(c)!.parent) {
        const f = name(nodes.get(c)!.callFrame)
        if (f === '(root)' || seen.has(f)) continue
        seen.add(f)
        incl.set(f, (incl.get(f) ?? 0) + ms)
      }
    })
    const fmt = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, ms]) => `      ${ms.toFixed(1).padStart(6)} ms  ${k}`)
        .join('\n')
    console.log(
      `\nlong task ${task.duration.toFixed(0)} ms at ${(task.start - syncAt).toFixed(0)} ms (${n.toFixed(0)} ms sampled)\n    self:\n${fmt(self)}\n    inclusive:\n${fmt(incl)}`,
    )
  }
  console.log(`\n${tasks.length} long task(s)`)
})
