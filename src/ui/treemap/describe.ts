// The words for a rectangle: the tooltip's lines and the screen reader's announcement (always plain
// strings, rendered as text), and the short size and share painted inside a box.
import { SEVERITIES } from '../../core/report/model'
import { formatBytes, formatCount as count, KIND_LABELS, locationOf } from '../../core/report/present'
import { namesTo, type LayoutNode } from './layout'
import type { Marks } from './marks'
import { sizeOf, type SizeBy, type TreeNode } from './tree'
import { AREA_MODES } from './modes'

/** A share as a person reads it: "31%", "4.2%", "0.3%", "<0.1%". */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return ''
  const p = (100 * part) / whole
  if (p > 0 && p < 0.1) return '<0.1%'
  return `${p >= 10 ? Math.round(p) : p.toFixed(1)}%`
}

/** A box's size by the area measure, and its share of what the canvas shows: "8.1 MB · 29%". */
export function sizeLabel(node: TreeNode, sizeBy: SizeBy, whole: number): string {
  const size = sizeOf(node, sizeBy)
  const unit = AREA_MODES.find((m) => m.id === sizeBy)?.unit ?? 'bytes'
  const shown = unit === 'bytes' ? formatBytes(size) : `${count(size)} ${unit}`
  return `${shown} · ${formatShare(size, whole)}`
}

export interface DescribeContext {
  zoom: readonly string[]
  marks: Marks
  /** Bytes the whole tree weighs (the artifact's inflated size, sources counted once). */
  totalBytes: number
  /** The area measure: a measure in bytes other than the file's own size is named in the tooltip. */
  sizeBy: SizeBy
}

export function describeNode(n: LayoutNode, at: DescribeContext): string[] {
  const file = n.data.file
  const share = (bytes: number) => (at.totalBytes > 0 ? ` (${formatShare(bytes, at.totalBytes)} of all)` : '')
  if (file) {
    const lines = [
      locationOf(file),
      `${formatBytes(file.bytes)} · ${count(file.lines)} lines · ${KIND_LABELS[file.kind]}${file.hasContent ? '' : ' · name only (no content)'}`,
    ]
    const drawn = sizeOf(n.data, 'bytes')
    if (n.data.self && drawn !== file.bytes)
      lines.push(
        `Drawn as ${formatBytes(drawn)}${share(drawn)}: the file without the ${formatBytes(file.bytes - drawn)} of sources drawn beside it`,
      )
    const mode = AREA_MODES.find((m) => m.id === at.sizeBy)
    if (mode && mode.needs) lines.push(`${mode.label}: ${formatBytes(sizeOf(n.data, at.sizeBy))}`)
    const c = at.marks.counts.get(file.id)
    lines.push(
      c
        ? 'Findings: ' +
            SEVERITIES.filter((s) => c[s] > 0)
              .map((s) => `${c[s]} ${s}`)
              .join(', ')
        : 'No findings',
    )
    const d = at.marks.diff?.get(file.id)
    if (d) lines.push(`Compared with the old version: ${d}`)
    return lines
  }
  const bytes = sizeOf(n.data, 'bytes')
  return [
    namesTo(n, at.zoom).join('/'),
    `${count(n.data.leaves)} files · ${formatBytes(bytes)}${share(bytes)} · ${count(sizeOf(n.data, 'lines'))} lines`,
    n.data.container && n.data.container !== 'input'
      ? `Container (${n.data.container}): click to zoom`
      : 'Click to zoom',
  ]
}
