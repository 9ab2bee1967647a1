// Counts instead of findings, for texts scanned once the report lists as many findings as it takes
// (limits.maxFindings). From then on no finding can be listed: each one either repeats an exposure
// the report lists (and is folded into it) or is counted past the limit, by category and severity.
// So a scan of such a text hands back counts, and as findings only those that may repeat a listed
// exposure: the ones whose rule, value hash and excerpt hash into the set of listed exposures the
// collector hands over (`ListedHashes`). A hash says "maybe" (the report then decides exactly, as it
// always did), never a wrong "no": equal exposures hash alike. A distinct-line flood past the limit
// then costs the detectors and a count, not ~750,000 findings made, copied between threads and
// thrown away. The same for every scanner: in line, the CLI's threads and the page's scan pool.
import type { Category, Finding, Severity, SeverityCounts } from './report/model'
import { emptySeverityCounts } from './report/model'

/** Sorted hashes (exposureHash) of every exposure the report lists. */
export type ListedHashes = Uint32Array

/** Findings counted by category and severity (each with its places). */
export type FindingCounts = Partial<Record<Category, SeverityCounts>>

/** A 32-bit FNV-1a hash of what makes an exposure, but for its severity (which the report's
 *  calibration may still lower): excerpt, rule and value hash. `fromExcerpt` is excerptHash of the
 *  excerpt, when the caller has it (every match on a line shares one excerpt). */
export function exposureHash(
  finding: Pick<Finding, 'rule' | 'valueHash' | 'excerpt'>,
  fromExcerpt = excerptHash(finding.excerpt),
): number {
  return fnv(fnv(fromExcerpt, finding.rule), finding.valueHash ?? '') >>> 0
}

/** The first step of exposureHash: the excerpt alone. */
export const excerptHash = (excerpt: string): number => fnv(0x811c9dc5, excerpt)

function fnv(hash: number, part: string): number {
  for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193)
  // A separator, so ("ab", "c") and ("a", "bc") hash apart.
  return Math.imul(hash ^ 0xffff, 0x01000193)
}

/** The set handed to count-only scans: the exposures' hashes, sorted and without repeats. */
export function listedHashes(
  exposures: Iterable<Pick<Finding, 'rule' | 'valueHash' | 'excerpt'>>,
): ListedHashes {
  const hashes = Uint32Array.from(exposures, (exposure) => exposureHash(exposure)).sort()
  let n = 0
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[n - 1]) hashes[n++] = hashes[i]
  return hashes.slice(0, n)
}

/** Whether `finding` may repeat a listed exposure (false: it certainly repeats none). `fromExcerpt`
 *  as for exposureHash. */
export function mayBeListed(
  listed: ListedHashes,
  finding: Pick<Finding, 'rule' | 'valueHash' | 'excerpt'>,
  fromExcerpt?: number,
): boolean {
  const hash = exposureHash(finding, fromExcerpt)
  // lowerBound, written out: this runs once per finding of a count-only scan.
  let low = 0
  let high = listed.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (listed[mid] < hash) low = mid + 1
    else high = mid
  }
  return listed[low] === hash
}

/** Adds `places` findings of `finding`'s category and severity to `counts`. */
export function countInto(
  counts: FindingCounts,
  finding: Pick<Finding, 'category' | 'severity'>,
  places: number,
): void {
  const bySeverity = (counts[finding.category] ??= emptySeverityCounts())
  bySeverity[finding.severity] += places
}

/** Each (category, severity) count of `counts`, as plain triples. */
export function eachCount(counts: FindingCounts): { category: Category; severity: Severity; n: number }[] {
  const out: { category: Category; severity: Severity; n: number }[] = []
  for (const [category, bySeverity] of Object.entries(counts) as [Category, SeverityCounts][])
    for (const [severity, n] of Object.entries(bySeverity) as [Severity, number][])
      if (n > 0) out.push({ category, severity, n })
  return out
}

/** What a scan service asks as it hands texts over to be scanned (not when they were submitted: a
 *  service that holds texts back scans more of them count-only): the set to scan them against, or
 *  undefined while findings can still be listed. Valid for every text not yet scanned, since results
 *  are taken in the order texts were submitted. */
export interface CountOnlyQuery {
  (): ListedHashes | undefined
  /** Whether texts of `chars` characters, handed over in full and not taken yet, may fill the list
   *  with what is left of it (at the rate earlier full scans listed findings): a service that holds texts
   *  back then sends no more until those are taken, so the ones after them are scanned count-only
   *  rather than in full for findings that would only be counted. False while nothing was taken. */
  fillsWith?: (chars: number) => boolean
}
