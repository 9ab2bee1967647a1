// Turns the raw runs into the printed table. Ratios are computed per run against that run's floor
// (Node floor for the CLI, browser floor for the app), and the median of those ratios is shown.
import type { InputRuns } from '../run'
import { markdownTable, medianOf, megabytes, seconds, times, verdict, type Row } from './stats'

const NOT_EMITTED = 'n/a (not emitted)'
const GB = 1e9

function ratios(values: (number | undefined)[], floors: (number | undefined)[]): number | undefined {
  return medianOf(values.map((v, i) => (v === undefined || !floors[i] ? undefined : v / floors[i]!)))
}

/** The first check that is not ok, or ok. */
const checks = (list: { check: string }[]) =>
  list.map((x) => x.check).find((c) => c !== 'ok') ?? (list.length ? 'ok' : '')

function stageRow(r: InputRuns, measure: string, key: keyof InputRuns['app'][number], limit?: number): Row {
  const label = r.input.label
  const values = r.app.map((a) => a[key] as number | undefined)
  const value = medianOf(values)
  const floors = r.browserFloor.map((f) => f.ms)
  const ratio = ratios(values, floors)
  return {
    input: label,
    measure,
    value: value === undefined ? NOT_EMITTED : seconds(value),
    ratio: times(ratio),
    target: limit ? verdict(ratio, limit) : '',
  }
}

export function summarize(results: InputRuns[]): string {
  const rows: Row[] = []
  const cliMedian = new Map<string, number | undefined>()
  const appMedian = new Map<string, number | undefined>()
  for (const r of results) {
    const label = r.input.label
    const w = r.input.written
    const nodeFloors = r.nodeFloor.map((f) => f.timings.total)
    if (r.nodeFloor.length) {
      const f = r.nodeFloor[0]
      const part = (k: 'gunzipTar' | 'decode' | 'parse') =>
        seconds(medianOf(r.nodeFloor.map((x) => x.timings[k])))
      rows.push({
        input: label,
        measure: 'Node floor',
        value: seconds(medianOf(nodeFloors)),
        note: `gunzip+tar ${part('gunzipTar')}, decode ${part('decode')}, parse ${part('parse')} (${f.mode}); ${f.members} members, ${f.sources} sources; RSS ${megabytes(medianOf(r.nodeFloor.map((x) => x.maxRssBytes)))}`,
      })
    }
    if (r.cli.length) {
      const walls = r.cli.map((c) => (c.error ? undefined : c.wallMs))
      const ratio = ratios(walls, nodeFloors)
      cliMedian.set(label, medianOf(walls))
      rows.push({
        input: label,
        measure: 'CLI scan --format json',
        value: seconds(medianOf(walls)),
        ratio: times(ratio),
        target: w.facts.kind === 'incident' && w.facts.scale === 1 ? verdict(ratio, 1.3) : '',
        note: `peak RSS ${megabytes(medianOf(r.cli.map((c) => c.maxRssBytes)))}; check: ${checks(r.cli)}`,
      })
    }
    if (r.browserFloor.length) {
      const f = r.browserFloor[0].result
      rows.push({
        input: label,
        measure: 'browser floor (worker)',
        value: seconds(medianOf(r.browserFloor.map((x) => x.ms))),
        note: `${f.mode}; decode ${seconds(f.timings.decode)}, parse ${seconds(f.timings.parse)}`,
      })
    }
    if (r.app.length) {
      const oneX = w.facts.kind === 'incident' && w.facts.scale === 1
      rows.push(stageRow(r, 'app: drop → files listed', 'filesListed'))
      rows.push(stageRow(r, 'app: drop → treemap (first paint)', 'treemapFirst', oneX ? 1.3 : undefined))
      rows.push(stageRow(r, 'app: drop → treemap (last paint)', 'treemapLast'))
      rows.push(stageRow(r, 'app: drop → complete', 'analysisDone', oneX ? 2 : undefined))
      appMedian.set(label, medianOf(r.app.map((a) => a.analysisDone)))
      const maxTask = medianOf(r.app.map((a) => a.longTasks.maxMs))
      rows.push({
        input: label,
        measure: 'main-thread long tasks (>50 ms)',
        value: `${medianOf(r.app.map((a) => a.longTasks.count))} tasks`,
        target: `0 ${maxTask === 0 ? '✓' : '✗'}`,
        note: `longest ${Math.round(maxTask ?? 0)} ms, total ${Math.round(medianOf(r.app.map((a) => a.longTasks.totalMs)) ?? 0)} ms`,
      })
      const pss = medianOf(r.app.map((a) => a.peakPss))
      rows.push({
        input: label,
        measure: 'peak memory (all Chromium processes, PSS)',
        value: megabytes(pss),
        target: verdict(pss === undefined ? undefined : pss / GB, 1, ' GB'),
        note: `page main-thread JS heap peak ${megabytes(medianOf(r.app.map((a) => a.peakHeap)))}; check: ${checks(r.app)}`,
      })
    }
    for (const [where, scans] of [
      ['Node', r.nodeScan],
      ['worker', r.browserScan],
    ] as const) {
      if (!scans.length) continue
      const mbps = medianOf(scans.map((x) => x.chars / 1e6 / (x.scanMs / 1000)))
      rows.push({
        input: label,
        measure: `scanner throughput (${where}, all rules)`,
        value: mbps === undefined ? 'n/a' : `${mbps.toFixed(1)} MB/s`,
        target: verdict(mbps, 50, ' MB/s', true),
        note: `scanContent over ${scans[0].files} sources, ${megabytes(scans[0].chars)} in ${seconds(medianOf(scans.map((x) => x.scanMs)))}; ${scans[0].findings} findings`,
      })
    }
    if (r.zoom) {
      const z = r.zoom
      rows.push({
        input: label,
        measure: 'treemap zoom frame time',
        value: `${z.medianMs.toFixed(1)} ms median`,
        target: `≤ 16.7 ms ${z.p95Ms <= 17.5 ? '✓' : '✗'} (p95)`,
        note: `p95 ${z.p95Ms.toFixed(1)} ms, max ${z.maxMs.toFixed(0)} ms, ${(z.slowShare * 100).toFixed(1)}% of ${z.frames} frames > 25 ms; ${z.leaves ?? '?'} leaves`,
      })
    }
  }
  // Linearity: 10× against 1× of the same tool.
  for (const [name, medians] of [
    ['CLI', cliMedian],
    ['app', appMedian],
  ] as const) {
    const one = medians.get('incident 1×')
    for (const [label, value] of medians) {
      const scale = /incident (\d+)×/.exec(label)?.[1]
      if (!scale || scale === '1' || !one || value === undefined) continue
      const ratio = value / one
      rows.push({
        input: label,
        measure: `${name}: time vs incident 1×`,
        value: times(ratio),
        target: verdict(ratio, Number(scale) * 1.1),
      })
    }
  }
  return markdownTable(rows)
}
