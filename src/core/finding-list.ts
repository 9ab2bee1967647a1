// The findings a report lists, bounded two ways so a flood costs memory per distinct exposure, not per
// place:
//  - an exposure (same rule, severity and excerpt: the matched text with its line, secrets redacted;
//    and the same keyed hash of the matched value when the analysis makes them) is listed at its first PLACES_PER_EXPOSURE places; later places are counted against it (a fold);
//  - at most limits.maxFindings findings are listed in all; later ones are counted, not listed, and
//    one 'limit' entry says so.
// Every finding is counted by category and severity either way, so the summary (and the release gate,
// which reads it) stays true. Once the limit is reached, texts are scanned for counts (count-only.ts):
// addCounted takes those, and listedHashes() is the set such a scan checks its findings against. Findings must arrive in a stable order (file order) for the report to
// be the same from run to run; FileCollector sees to that.
import { countInto, eachCount, listedHashes, type FindingCounts, type ListedHashes } from './count-only'
import type { Category, Finding, Fold, Severity, SeverityCounts, Summary } from './report/model'
import { locationOf } from './report/present'
import { compareText } from './util/order'

/** Places listed per exposure before the rest are only counted. */
export const PLACES_PER_EXPOSURE = 100

interface Group {
  first: Finding
  listed: number
  folded: number
}

/** What makes two findings one exposure: rule, severity, value (when hashed) and excerpt. */
export const exposureKey = (finding: Finding): string =>
  `${finding.rule}\0${finding.severity}\0${finding.valueHash ?? ''}\0${finding.excerpt}`

export class FindingList {
  /** The findings the report lists, in arrival order. */
  readonly listed: Finding[] = []
  /** Findings counted but not listed, by category and severity. */
  readonly #unlisted: FindingCounts = {}
  readonly #groups = new Map<string, Group>()
  #repeats = 0
  #pastLimit = 0

  /** `onLimit` is called once, with the first finding past `maxFindings` (or the file of the first
   *  count past it). */
  constructor(
    readonly maxFindings: number,
    private readonly onLimit: (first: Pick<Finding, 'path' | 'origin'>) => void,
  ) {}

  /** Whether no further finding can be listed: each one is folded or counted past the limit. */
  get full(): boolean {
    return this.listed.length >= this.maxFindings
  }

  /** The set a count-only scan checks its findings against: hashes of every exposure listed. Once
   *  the list is full no exposure is added, so the set made then holds to the end. */
  listedHashes(): ListedHashes {
    return listedHashes(Array.from(this.#groups.values(), (group) => group.first))
  }

  /** Takes the counts of a count-only scan of `file` (findings that repeat no listed exposure, by
   *  category and severity, already calibrated as add() would take them): counted past the limit. */
  addCounted(counts: FindingCounts, file: Pick<Finding, 'path' | 'origin'>): void {
    for (const { category, severity, n } of eachCount(counts)) {
      if (this.#pastLimit === 0) this.onLimit(file)
      this.#pastLimit += n
      this.#count({ category, severity }, n)
    }
  }

  /** Takes findings in arrival order; returns those listed (the ones a host should show). */
  add(batch: readonly Finding[]): Finding[] {
    const out: Finding[] = []
    for (const finding of batch) {
      // Places the detectors counted without making findings of them (see scanContent).
      const repeats = finding.repeats ?? 0
      if (repeats > 0) delete finding.repeats
      const key = exposureKey(finding)
      const group = this.#groups.get(key)
      if (group && group.listed >= PLACES_PER_EXPOSURE) {
        this.#fold(group, finding, 1 + repeats)
      } else if (this.listed.length >= this.maxFindings) {
        // Past the limit no new group is made (that would grow with every distinct value), but a
        // repeat of a listed exposure is still counted as one.
        if (group) this.#fold(group, finding, 1 + repeats)
        else {
          if (this.#pastLimit === 0) this.onLimit(finding)
          this.#pastLimit += 1 + repeats
          this.#count(finding, 1 + repeats)
        }
      } else {
        if (group) group.listed++
        else this.#groups.set(key, { first: finding, listed: 1, folded: 0 })
        if (repeats > 0) this.#fold(this.#groups.get(key)!, finding, repeats)
        this.listed.push(finding)
        out.push(finding)
      }
    }
    return out
  }

  /** Takes `findings` (with `keys`, their exposureKey) only if every one repeats an exposure already
   *  listed at PLACES_PER_EXPOSURE places, as add() would: counted, none listed; nothing is changed
   *  and false is returned otherwise. A copy of a text already seen costs a look-up per exposure. */
  foldIfListed(findings: readonly Finding[], keys: readonly string[]): boolean {
    const groups: Group[] = []
    for (const key of keys) {
      const group = this.#groups.get(key)
      if (!group || group.listed < PLACES_PER_EXPOSURE) return false
      groups.push(group)
    }
    findings.forEach((finding, i) => this.#fold(groups[i]!, finding, 1 + (finding.repeats ?? 0)))
    return true
  }

  #fold(group: Group, finding: Finding, places: number): void {
    group.folded += places
    this.#repeats += places
    this.#count(finding, places)
  }

  #count(finding: Pick<Finding, 'category' | 'severity'>, places: number): void {
    countInto(this.#unlisted, finding, places)
  }

  /** Replaces the listed findings `change` gives a new one for (in place, in arrival order, and as
   *  the first of their exposure); the counts of findings not listed move from each category and
   *  severity to the severity `unlistedTo` gives (undefined: they stay). For a judgement that could
   *  only be made once the whole input was read. */
  restate(
    change: (finding: Finding) => Finding | undefined,
    unlistedTo: (category: Category, severity: Severity) => Severity | undefined,
  ): void {
    const replaced = new Map<Finding, Finding>()
    for (let i = 0; i < this.listed.length; i++) {
      const next = change(this.listed[i])
      if (next === undefined) continue
      replaced.set(this.listed[i], next)
      this.listed[i] = next
    }
    const groups = [...this.#groups.values()]
    this.#groups.clear()
    for (const group of groups) {
      group.first = replaced.get(group.first) ?? group.first
      this.#groups.set(exposureKey(group.first), group)
    }
    for (const [category, counts] of Object.entries(this.#unlisted) as [Category, SeverityCounts][])
      for (const severity of Object.keys(counts) as Severity[]) {
        const to = unlistedTo(category, severity)
        if (to === undefined || to === severity || counts[severity] === 0) continue
        counts[to] += counts[severity]
        counts[severity] = 0
      }
  }

  /** Counts of the findings not listed, for the summary; undefined when every finding is listed. */
  unlisted(): { counts: Summary['findings']; repeats: number; pastLimit: number } | undefined {
    if (this.#repeats === 0 && this.#pastLimit === 0) return undefined
    return { counts: this.#unlisted, repeats: this.#repeats, pastLimit: this.#pastLimit }
  }

  /** The exposures with folded places, most folded first; empty when none. */
  folds(): Fold[] {
    const folds: Fold[] = []
    for (const { first, listed, folded } of this.#groups.values()) {
      if (folded === 0) continue
      folds.push({
        rule: first.rule,
        category: first.category,
        severity: first.severity,
        excerpt: first.excerpt,
        path: locationOf(first),
        listed,
        folded,
      })
    }
    return folds.sort(
      (a, b) =>
        b.folded - a.folded ||
        compareText(a.rule, b.rule) ||
        compareText(a.severity, b.severity) ||
        compareText(a.excerpt, b.excerpt),
    )
  }
}
