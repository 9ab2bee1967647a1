// Sorting and text filtering for the findings table: plain functions over the findings array, so the
// 100,000-row case costs one sort, not one per rendered row.
import type { ExposedFile, Finding, Severity } from '../../core/report/model'
import { CATEGORIES } from '../../core/report/model'
import { isBuildOutput, severityRank } from '../../core/report/present'
import { compareText } from '../../core/util/order'

export type SortKey = 'severity' | 'category' | 'path' | 'rule'

const categoryRank = new Map(CATEGORIES.map((c, i) => [c, i]))

const KEYS: Record<SortKey, (a: Finding, b: Finding) => number> = {
  severity: (a, b) => severityRank(a.severity) - severityRank(b.severity),
  category: (a, b) => categoryRank.get(a.category)! - categoryRank.get(b.category)!,
  path: (a, b) => compareText(a.path, b.path) || a.line - b.line || a.column - b.column,
  rule: (a, b) => compareText(a.rule, b.rule),
}

/** Sorted copy; ties fall back to severity, then first-party before third-party and a source before a
 *  bundle or map (when `files` are given), then path and line, so the order is stable and useful. */
export function sortFindings(
  findings: readonly Finding[],
  key: SortKey,
  descending: boolean,
  files?: readonly ExposedFile[],
): Finding[] {
  const primary = KEYS[key]
  const sign = descending ? -1 : 1
  const built = (f: Finding) =>
    files && f.fileId !== undefined && isBuildOutput(files[f.fileId]?.kind) ? 1 : 0
  const reading = (a: Finding, b: Finding) =>
    Number(a.thirdParty ?? false) - Number(b.thirdParty ?? false) || built(a) - built(b)
  return findings
    .slice()
    .sort((a, b) => sign * primary(a, b) || KEYS.severity(a, b) || reading(a, b) || KEYS.path(a, b))
}

/** Findings at the given severity (or all), whose rule, path, excerpt or message contains `text`. */
export function filterFindings(
  findings: readonly Finding[],
  severity: Severity | 'all',
  text: string,
): readonly Finding[] {
  const needle = text.trim().toLowerCase()
  if (severity === 'all' && needle === '') return findings
  return findings.filter(
    (f) =>
      (severity === 'all' || f.severity === severity) &&
      (needle === '' ||
        f.rule.toLowerCase().includes(needle) ||
        f.path.toLowerCase().includes(needle) ||
        f.excerpt.toLowerCase().includes(needle) ||
        f.message.toLowerCase().includes(needle)),
  )
}
