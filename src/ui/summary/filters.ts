// The summary's filters as plain functions (one pass over findings or files each), used by the page
// state to filter the treemap and the findings table alike.
import type { Category, ExposedFile, Finding, Kind } from '../../core/report/model'
import { locationOf } from '../../core/report/present'

export interface Filters {
  kind: Kind | null
  category: Category | null
  /** Lower-cased, trimmed path search; '' for none. */
  needle: string
}

/** Ids of the files with at least one finding in `category`. */
export function flaggedFileIds(
  files: readonly ExposedFile[],
  findings: readonly Finding[],
  category: Category,
): ReadonlySet<number> {
  const ids = new Set<number>()
  const paths = new Set<string>()
  for (const f of findings) {
    if (f.category !== category) continue
    if (f.fileId !== undefined) ids.add(f.fileId)
    else paths.add(f.path)
  }
  if (paths.size > 0) for (const file of files) if (paths.has(file.path)) ids.add(file.id)
  return ids
}

/** The treemap's predicate, or null when no filter is set (so the treemap can skip filtering). */
export function fileFilterOf(
  filters: Filters,
  flagged: ReadonlySet<number> | null,
): ((file: ExposedFile) => boolean) | null {
  const { kind, needle } = filters
  if (kind === null && flagged === null && needle === '') return null
  return (file) =>
    (kind === null || file.kind === kind) &&
    (flagged === null || flagged.has(file.id)) &&
    (needle === '' || locationOf(file).toLowerCase().includes(needle))
}

/** Findings passing the filters; a finding's kind is its file's kind. */
export function filterFindingsBy(
  filters: Filters,
  files: readonly ExposedFile[],
  findings: readonly Finding[],
): readonly Finding[] {
  const { kind, category, needle } = filters
  if (kind === null && category === null && needle === '') return findings
  return findings.filter((f) => {
    if (category !== null && f.category !== category) return false
    if (kind !== null && (f.fileId === undefined || files[f.fileId]?.kind !== kind)) return false
    return needle === '' || f.path.toLowerCase().includes(needle)
  })
}
