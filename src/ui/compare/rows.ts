// The compare page's lists: new and gone exposures, new, removed and changed files, and the places
// of the new and gone exposures, each row plain text with the place it opens in the viewer. Pure.
import type { FileChange, ReportDiff } from '../../core/report/diff'
import type { ExposedFile, Exposure, Finding, Report } from '../../core/report/model'
import { formatBytes, KIND_LABELS, locationOf } from '../../core/report/present'
import { fileOf } from '../viewer/navigation'

export type Side = 'old' | 'new'

/** What a row opens: a file of one version, at a finding when there is one. */
export interface Opens {
  side: Side
  file: ExposedFile
  finding?: Finding
}

/** One row of the lists, whether an exposure, a file or a finding. */
export interface Row {
  path: string
  meta?: string
  severity?: Finding['severity']
  /** An exposure's title. */
  title?: string
  rule?: string
  excerpt?: string
  /** The place the row opens in the viewer; none when its file is not in its report. */
  opens?: Opens
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

const opensAt = (report: Report, side: Side, finding: Finding): Opens | undefined => {
  const file = fileOf(report.files, finding)
  return file && { side, file, finding }
}

const fileRows = (d: ReportDiff, status: FileChange['status']): Row[] =>
  d.files
    .filter((c) => c.status === status)
    .map((c) => ({
      path: locationOf(c.file),
      meta: `${status === 'changed' ? delta(c) : formatBytes(c.file.bytes)} · ${KIND_LABELS[c.file.kind]}`,
      opens: { side: status === 'removed' ? 'old' : 'new', file: c.file },
    }))

const findingRows = (list: Finding[], report: Report, side: Side): Row[] =>
  list.map((f) => ({
    path: where(f),
    severity: f.severity,
    rule: f.rule,
    excerpt: f.excerpt,
    opens: opensAt(report, side, f),
  }))

/** An exposure: what it is, how many places, and the first place to open. */
const exposureRows = (list: Exposure[], report: Report, side: Side): Row[] =>
  list.map((e) => {
    const first = report.findings[e.findings[0]]
    return {
      path: first ? where(first) : '',
      severity: e.severity,
      title: e.title,
      meta: e.places === 1 ? '1 place' : `${e.places.toLocaleString('en-US')} places`,
      opens: first && opensAt(report, side, first),
    }
  })

export const compareLists = (d: ReportDiff): CompareList[] => [
  {
    title: 'New exposures',
    testid: 'compare-new-exposures',
    rows: exposureRows(d.newExposures, d.new, 'new'),
  },
  {
    title: 'Gone exposures',
    testid: 'compare-gone-exposures',
    rows: exposureRows(d.goneExposures, d.old, 'old'),
  },
  { title: 'New files', testid: 'compare-new-files', rows: fileRows(d, 'new') },
  { title: 'Removed files', testid: 'compare-removed-files', rows: fileRows(d, 'removed') },
  { title: 'Changed files', testid: 'compare-changed-files', rows: fileRows(d, 'changed') },
  {
    title: 'Places of new exposures',
    testid: 'compare-new-findings',
    rows: findingRows(d.newFindings, d.new, 'new'),
  },
  {
    title: 'Places of gone exposures',
    testid: 'compare-gone-findings',
    rows: findingRows(d.goneFindings, d.old, 'old'),
  },
]
