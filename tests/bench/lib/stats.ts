// Medians and the printed table. Every figure is a median of the runs; ratios are taken run by run
// against the floor measured in the same run, then their median is reported.

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export interface Row {
  input: string
  measure: string
  /** Median, already formatted (e.g. "2.31 s", "n/a (not emitted)"). */
  value: string
  /** Ratio to the floor of the same run, formatted, or '' when not applicable. */
  ratio?: string
  /** Target and verdict, e.g. "≤ 1.3× ✓". */
  target?: string
  note?: string
}

export const seconds = (ms: number | undefined): string =>
  ms === undefined || Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`
export const megabytes = (bytes: number | undefined): string =>
  bytes === undefined || Number.isNaN(bytes) ? 'n/a' : `${Math.round(bytes / 1e6)} MB`
export const times = (ratio: number | undefined): string =>
  ratio === undefined || Number.isNaN(ratio) ? '' : `${ratio.toFixed(2)}×`

/** "≤ 1.3× ✓" / "≤ 1.3× ✗" for a ratio against a limit. */
export function verdict(value: number | undefined, limit: number, unit = '×', atLeast = false): string {
  if (value === undefined || Number.isNaN(value)) return `${atLeast ? '≥' : '≤'} ${limit}${unit}`
  const ok = atLeast ? value >= limit : value <= limit
  return `${atLeast ? '≥' : '≤'} ${limit}${unit} ${ok ? '✓' : '✗'}`
}

/** Median of per-run values that may be missing: undefined when no run had one. */
export function medianOf(values: readonly (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined && !Number.isNaN(v))
  return present.length ? median(present) : undefined
}

/** A GitHub-flavoured Markdown table (it reads fine in a terminal too). */
export function markdownTable(rows: readonly Row[]): string {
  const header = ['input', 'measure', 'median', 'vs floor', 'target', 'note']
  const lines = rows.map((r) => [r.input, r.measure, r.value, r.ratio ?? '', r.target ?? '', r.note ?? ''])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n')
}
