// Turns the raw runs into the printed table. Ratios are computed per run against that run's floor, and
// the median of those ratios is shown: the app against the browser floor (the faster of native
// DecompressionStream and fflate in that run), the CLI as a whole process against the Node floor's
// process with node:zlib (the faster of the two gunzips in Node).
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

/** Per run, the faster of two floors (either may be missing). */
function faster(a: (number | undefined)[], b: (number | undefined)[]): (number | undefined)[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
    const least = Math.min(a[i] ?? Infinity, b[i] ?? Infinity)
    return Number.isFinite(least) ? least : undefined
  })
}

const browserFloors = (r: InputRuns) =>
  faster(
    r.browserFloor.map((f) => f.ms),
    r.browserFloorFflate.map((f) => f.ms),
  )

function stageRow(r: InputRuns, measure: string, key: keyof InputRuns['app'][number], limit?: number): Row {
  const label = r.input.label
  const values = r.app.map((a) => a[key] as number | undefined)
  const value = medianOf(values)
  const floors = browserFloors(r)
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
    const targeted = r.input.targeted
    const zlibWalls = r.nodeFloor.map((f) => f.wallMs)
    if (r.nodeFloor.length) {
      const f = r.nodeFloor[0]
      const part = (k: 'gunzipTar' | 'decode' | 'parse') =>
        seconds(medianOf(r.nodeFloor.map((x) => x.timings[k])))
      const total = (runs: InputRuns['nodeFloor']) => seconds(medianOf(runs.map((x) => x.timings.total)))
      rows.push({
        input: label,
        measure: 'Node floor (process, node:zlib)',
        value: seconds(medianOf(zlibWalls)),
        note: `in-process ${total(r.nodeFloor)} (fflate: ${total(r.nodeFloorFflate)}, process ${seconds(medianOf(r.nodeFloorFflate.map((x) => x.wallMs)))}); zlib: gunzip+tar ${part('gunzipTar')}, decode ${part('decode')}, parse ${part('parse')} (${f.mode}); ${f.members} members, ${f.sources} sources; RSS ${megabytes(medianOf(r.nodeFloor.map((x) => x.maxRssBytes)))}`,
      })
    }
    if (r.cli.length) {
      const walls = r.cli.map((c) => (c.error ? undefined : c.wallMs))
      const ratio = ratios(walls, zlibWalls)
      cliMedian.set(label, medianOf(walls))
      rows.push({
        input: label,
        measure: 'CLI scan --format json (process)',
        value: seconds(medianOf(walls)),
        ratio: times(ratio),
        target: targeted ? verdict(ratio, 2) : '',
        note: `peak RSS ${megabytes(medianOf(r.cli.map((c) => c.maxRssBytes)))}; check: ${checks(r.cli)}`,
      })
    }
    if (r.browserFloor.length || r.browserFloorFflate.length) {
      const f = (r.browserFloor[0] ?? r.browserFloorFflate[0]).result
      const ms = (runs: InputRuns['browserFloor']) => seconds(medianOf(runs.map((x) => x.ms)))
      rows.push({
        input: label,
        measure: 'browser floor (worker, faster gunzip)',
        value: seconds(medianOf(browserFloors(r))),
        note: `native DecompressionStream ${ms(r.browserFloor)}, fflate ${ms(r.browserFloorFflate)}; ${f.mode}; decode ${seconds(f.timings.decode)}, parse ${seconds(f.timings.parse)}`,
      })
    }
    if (r.app.length) {
      rows.push(stageRow(r, 'app: drop → files listed', 'filesListed'))
      rows.push(stageRow(r, 'app: drop → treemap (first paint)', 'treemapFirst'))
      rows.push(
        stageRow(
          r,
          'app: drop → headline with reconstructed sources',
          'headline',
          targeted ? 1.3 : undefined,
        ),
      )
      rows.push(stageRow(r, 'app: drop → treemap (last paint)', 'treemapLast'))
      rows.push(stageRow(r, 'app: drop → complete', 'analysisDone', targeted ? 2 : undefined))
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
        note: `page main-thread JS heap peak ${megabytes(medianOf(r.app.map((a) => a.peakHeap)))}; at the peak ${largestProcesses(r.app, pss)}; check: ${checks(r.app)}`,
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

/** The three largest processes at the peak of the run whose peak is `pss` (the median one). */
function largestProcesses(
  runs: readonly { peakPss: number; peakPssByProcess?: Record<string, number> }[],
  pss: number | undefined,
): string {
  const parts = runs.find((run) => run.peakPss === pss)?.peakPssByProcess ?? {}
  return Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, bytes]) => `${name.replace(/ \d+$/, '')} ${megabytes(bytes)}`)
    .join(', ')
}
