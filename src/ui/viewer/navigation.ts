// Prev/Next in the viewer: they walk the findings table as it is shown (its order and its filters).
// Opened from a table row, the walk is the whole table, crossing files; opened from a file (the
// treemap), it is that file's rows of the table, in the table's order.
import type { ExposedFile, Finding } from '../../core/report/model'
import { formatCount, plural } from '../../core/report/present'

export interface Navigation {
  /** The findings Prev/Next walk. */
  readonly list: readonly Finding[]
  /** Position of the target in `list`; -1 when there is none (opened from a file). */
  readonly index: number
  /** Whether there is anywhere else to go. */
  readonly canStep: boolean
  /** The finding one step away (wrapping round), or null. */
  step(direction: 1 | -1): Finding | null
}

export const inFile = (finding: Finding, file: ExposedFile): boolean =>
  finding.fileId !== undefined ? finding.fileId === file.id : finding.path === file.path

/** The file a finding is in, among its report's files (by its id, else by its path). */
export const fileOf = (files: readonly ExposedFile[], f: Finding): ExposedFile | undefined =>
  f.fileId !== undefined ? files[f.fileId] : files.find((file) => file.path === f.path)

export function navigation(
  order: readonly Finding[],
  file: ExposedFile,
  target: Finding | undefined,
): Navigation {
  const whole = target !== undefined ? order.indexOf(target) : -1
  const list = whole >= 0 ? order : order.filter((f) => inFile(f, file))
  const index = whole >= 0 ? whole : target !== undefined ? list.indexOf(target) : -1
  const n = list.length
  return {
    list,
    index,
    canStep: n > 1 || (n === 1 && index !== 0),
    step(direction) {
      if (n === 0) return null
      const at = index < 0 ? (direction > 0 ? 0 : n - 1) : (index + direction + n) % n
      return at === index ? null : list[at]!
    },
  }
}

/** "Finding 3 of 40", or what there is when the target is not in the walk. */
export function countText(nav: Navigation, fileFindings: number): string {
  if (nav.index >= 0) return `Finding ${formatCount(nav.index + 1)} of ${formatCount(nav.list.length)}`
  if (nav.list.length > 0) return `${plural(nav.list.length, 'finding')} in the table`
  if (fileFindings === 0) return 'No findings'
  return `${plural(fileFindings, 'finding')}, none in the table's filter`
}
