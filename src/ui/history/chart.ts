// The history chart's geometry, apart from Svelte so it can be tested: one column per version, the
// exposures it carries stacked by severity (most severe at the bottom), the ones that first appear
// in it drawn as the column's top part with a "+N" mark above, and "−N" under the axis for those
// that went away. Coordinates are in the SVG's viewBox units; the SVG scales to its box.
import type { Severity } from '../../core/report/model'
import { SEVERITIES } from '../../core/report/model'
import type { Timeline } from '../../core/report/timeline'

export const CHART = { width: 960, height: 300, top: 28, bottom: 100, left: 40, right: 12 } as const

export interface Segment {
  severity: Severity
  y: number
  height: number
  /** Exposures of this severity first seen in this version (the part drawn as new). */
  appeared: number
}

export interface Column {
  index: number
  version: string
  x: number
  width: number
  /** Exposures carried, by severity, bottom to top. */
  segments: Segment[]
  carried: number
  appeared: number
  gone: number
  failed: boolean
  /** Top of the column (the "+N" mark sits above it). */
  top: number
  /** Whether its version label is drawn (labels thin out when versions are many). */
  labelled: boolean
  /** Extra distance of its +N and −N marks from the column (narrow columns alternate). */
  markShift: number
}

export interface ChartLayout {
  columns: Column[]
  /** Largest number of exposures one version carries (the y axis' top). */
  max: number
  /** Gridline values. */
  ticks: number[]
  /** y of the axis (zero). */
  baseline: number
  scale: (n: number) => number
}

/** Round steps for the y axis: 1, 2, 5, 10, 20, 50… */
function niceStep(max: number, lines = 4): number {
  const raw = Math.max(1, max / lines)
  const power = 10 ** Math.floor(Math.log10(raw))
  return ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power) as number
}

export function layoutChart(t: Timeline): ChartLayout {
  const { width, height, top, bottom, left, right } = CHART
  const n = Math.max(1, t.versions.length)
  const plotWidth = width - left - right
  const slot = plotWidth / n
  const barWidth = Math.max(1, Math.min(40, slot * 0.72))
  const max = Math.max(1, ...t.versions.map((v) => v.exposures.length))
  const step = niceStep(max)
  const axisTop = Math.ceil(max / step) * step
  const baseline = height - bottom
  const scale = (count: number) => (count / axisTop) * (baseline - top)
  const labelEvery = Math.ceil(n / 24)
  const columns = t.versions.map((v, index) => {
    const appeared = new Set(v.appeared)
    const bySeverity = new Map<Severity, { carried: number; appeared: number }>()
    for (const id of v.exposures) {
      const s = t.exposures[id].severity
      const entry = bySeverity.get(s) ?? { carried: 0, appeared: 0 }
      entry.carried++
      if (appeared.has(id)) entry.appeared++
      bySeverity.set(s, entry)
    }
    let y = baseline
    const segments: Segment[] = []
    for (const severity of SEVERITIES) {
      const entry = bySeverity.get(severity)
      if (!entry) continue
      const h = scale(entry.carried)
      y -= h
      segments.push({ severity, y, height: h, appeared: entry.appeared })
    }
    return {
      index,
      version: v.version,
      x: left + slot * index + (slot - barWidth) / 2,
      width: barWidth,
      segments,
      carried: v.exposures.length,
      appeared: v.appeared.length,
      gone: v.gone.length,
      failed: v.failed !== undefined,
      top: y,
      // The newest version is always labelled; the regular label before it gives way when close.
      labelled: index === n - 1 || (index % labelEvery === 0 && n - 1 - index >= labelEvery / 2),
      markShift: slot < 30 && index % 2 === 1 ? 11 : 0,
    }
  })
  const ticks: number[] = []
  for (let v = 0; v <= axisTop; v += step) ticks.push(v)
  return { columns, max, ticks, baseline, scale }
}
