// The compare page's lists: new and gone exposures, new, removed and changed files, and the places
// of the new and gone exposures, each row plain text. Pure.
import type { FileChange, ReportDiff } from '../../core/report/diff'
import type { Exposure, Finding, Report } from '../../core/report/model'
import { formatBytes, KIND_LABELS, locationOf } from '../../core/report/present'

/** One row of the lists, whether an exposure, a file or a finding. */
export interface Row {
  path: string
  meta?: string
  severity?: Finding['severity']
  /** An exposure's title. */
  title?: string
  rule?: string
  excerpt?: string
}

export interface CompareList {
  title: string
  testid: string
  rows: Row[]
}

const where = (f: Finding) => `${locationOf(f)}${f.line > 0 ? `:${f.line}` : ''}`

const delta = (c: FileChange) => {
  const d = c.file.bytes - (c.before?.bytes ?? 0)
  return `${d >= 0 ? '+' : '−'}${formatBytes(Math.abs(d))}`
}

const fileRows = (d: ReportDiff, status: FileChange['status']): Row[] =>
  d.files
    .filter((c) => c.status === status)
    .map((c) => ({
      path: locationOf(c.file),
      meta: `${status === 'changed' ? delta(c) : formatBytes(c.file.bytes)} · ${KIND_LABELS[c.file.kind]}`,
    }))

const findingRows = (list: Finding[]): Row[] =>
  list.map((f) => ({ path: where(f), severity: f.severity, rule: f.rule, excerpt: f.excerpt }))

/** An exposure: what it is, how many places, and the first place to open. */
const exposureRows = (list: Exposure[], report: Report): Row[] =>
  list.map((e) => {
    const first = report.findings[e.findings[0]]
    return {
      path: first ? where(first) : '',
      severity: e.severity,
      title: e.title,
      meta: e.places === 1 ? '1 place' : `${e.places.toLocaleString('en-US')} places`,
    }
  })

export const compareLists = (d: ReportDiff): CompareList[] => [
  { title: 'New exposures', testid: 'compare-new-exposures', rows: exposureRows(d.newExposures, d.new) },
  { title: 'Gone exposures', testid: 'compare-gone-exposures', rows: exposureRows(d.goneExposures, d.old) },
  { title: 'New files', testid: 'compare-new-files', rows: fileRows(d, 'new') },
  { title: 'Removed files', testid: 'compare-removed-files', rows: fileRows(d, 'removed') },
  { title: 'Changed files', testid: 'compare-changed-files', rows: fileRows(d, 'changed') },
  { title: 'Places of new exposures', testid: 'compare-new-findings', rows: findingRows(d.newFindings) },
  { title: 'Places of gone exposures', testid: 'compare-gone-findings', rows: findingRows(d.goneFindings) },
]
