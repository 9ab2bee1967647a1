// The findings table grouped by exposure: a row per exposure with the places the table's filters
// keep, and under an expanded one a row per place. Plain functions over arrays, so 3,000 exposures
// and 100,000 places cost one pass and one sort.
import type { ExposedFile, Exposure, Finding, Severity } from '../../core/report/model'
import { CATEGORIES } from '../../core/report/model'
import { readingOrder } from '../../core/report/brief'
import { severityRank } from '../../core/report/present'
import { compareText } from '../../core/util/order'
import type { SortKey } from './sort-findings'

export interface ExposureGroup {
  exposure: Exposure
  /** Its places the filters keep, in the exposure's order (the one to open first first). */
  places: Finding[]
  /** The worst severity among those places. */
  severity: Severity
}

export type TableRow =
  | { type: 'exposure'; group: ExposureGroup; expanded: boolean }
  | { type: 'place'; group: ExposureGroup; finding: Finding }

/** Groups `findings` (already filtered) by their exposure; findings without one are left out. */
export function groupByExposure(
  findings: readonly Finding[],
  exposures: readonly Exposure[],
  report: { findings: readonly Finding[]; files: readonly ExposedFile[] },
  key: SortKey,
  descending: boolean,
): ExposureGroup[] {
  const kept = new Set(findings)
  const groups: ExposureGroup[] = []
  for (const exposure of exposures) {
    const places: Finding[] = []
    let severity: Severity = 'info'
    for (const i of exposure.findings) {
      const f = report.findings[i]
      if (!f || !kept.has(f)) continue
      places.push(f)
      if (severityRank(f.severity) < severityRank(severity)) severity = f.severity
    }
    if (places.length > 0) groups.push({ exposure, places, severity })
  }
  const order = readingOrder({ exposures, ...report })
  const by: Record<SortKey, (a: ExposureGroup, b: ExposureGroup) => number> = {
    severity: (a, b) => severityRank(a.severity) - severityRank(b.severity),
    category: (a, b) => CATEGORIES.indexOf(a.exposure.category) - CATEGORIES.indexOf(b.exposure.category),
    rule: (a, b) => compareText(a.exposure.title, b.exposure.title),
    path: (a, b) => compareText(a.places[0].path, b.places[0].path),
  }
  const sign = descending ? -1 : 1
  return groups.sort((a, b) => sign * by[key](a, b) || order(a.exposure, b.exposure))
}

/** The rows shown: each group, followed by its places when it is expanded (by exposure id). */
export function tableRows(groups: readonly ExposureGroup[], expanded: ReadonlySet<number>): TableRow[] {
  const rows: TableRow[] = []
  for (const group of groups) {
    const open = expanded.has(group.exposure.id)
    rows.push({ type: 'exposure', group, expanded: open })
    if (open) for (const finding of group.places) rows.push({ type: 'place', group, finding })
  }
  return rows
}

/** Every place of the groups in the table's order: what the viewer's Prev/Next walk. */
export const placesInOrder = (groups: readonly ExposureGroup[]): Finding[] => groups.flatMap((g) => g.places)
