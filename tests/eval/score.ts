// Scores one report against its truth file, and sums scores over the set.
// - A finding matches an expected exposure when category and path are equal, the expected line is
//   absent or equal to the finding's, and the expected name is absent or contained (case-sensitive)
//   in the finding's excerpt or message. An expected exposure with a minSeverity is found only by a
//   matching finding at that severity or above.
// - Recall = expected exposures found / expected exposures.
// - Precision is judged only for the categories the truth file lists as complete: among the findings
//   at low or above in such a category, the share that match an expected exposure (at its place; a
//   severity below minSeverity costs recall, not precision). Info findings are never judged.
// - For the categories a truth file lists as completeNames (it names every distinct flag, giving its
//   first place only), a finding at low or above is right when the name its message quotes first is
//   one of the names the truth gives in that category, at any place.
// - A finding at low or above that matches a known non-exposure is a trap hit, in any category.
import {
  CATEGORIES,
  SEVERITIES,
  type Category,
  type Finding,
  type Report,
  type Severity,
} from '../../src/core/report/model'
import type { ExpectedExposure, NonExposure, Role, Truth, TruthCounts } from './truth'

export interface CategoryScore {
  expected: number
  found: number
  /** True when the truth lists this category as complete, so its findings are judged. */
  judged: boolean
  /** Findings at low or above in this category (judged or not). */
  findings: number
  /** Judged findings that match an expected exposure. */
  truePositives: number
  /** Judged findings that match none. */
  falsePositives: number
}

/** A finding reduced to what a reader needs to find it again. */
export interface FindingRef {
  rule: string
  category: Category
  severity: Severity
  path: string
  line: number
}

export interface ArtifactScore {
  id: string
  package: string
  version: string
  role: Role
  bytes: number
  categories: Record<Category, CategoryScore>
  missed: ExpectedExposure[]
  falsePositives: FindingRef[]
  trapHits: { trap: NonExposure; finding: FindingRef }[]
  /** Findings at medium or above, any category. */
  mediumOrAbove: number
  counts?: {
    truth: TruthCounts
    report: { firstPartySourceFiles: number; firstPartySourceLines: number; reconstructedFrom: string[] }
  }
}

export interface Ratio {
  hit: number
  of: number
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s)
export const atLeast = (s: Severity, min: Severity): boolean => rank(s) <= rank(min)

function samePlace(
  f: Finding,
  e: { category: Category; path: string; line?: number; name?: string },
): boolean {
  return (
    f.category === e.category &&
    f.path === e.path &&
    (e.line === undefined || f.line === e.line) &&
    (e.name === undefined || f.excerpt.includes(e.name) || f.message.includes(e.name))
  )
}

function ref(f: Finding): FindingRef {
  return { rule: f.rule, category: f.category, severity: f.severity, path: f.path, line: f.line }
}

/** Groups entries by category and path, the two fields every match needs equal. */
function byPlace<T extends { category: Category; path: string }>(entries: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>()
  for (const e of entries) {
    const key = `${e.category}\0${e.path}`
    const list = index.get(key)
    if (list) list.push(e)
    else index.set(key, [e])
  }
  return index
}

/** The name a finding's message quotes first ('Gate "X" is read here'), if any. */
function quotedName(f: Finding): string | undefined {
  return /"([^"]+)"/.exec(f.message)?.[1]
}

function emptyCategories(complete: readonly Category[]): Record<Category, CategoryScore> {
  const out = {} as Record<Category, CategoryScore>
  for (const c of CATEGORIES) {
    out[c] = {
      expected: 0,
      found: 0,
      judged: complete.includes(c),
      findings: 0,
      truePositives: 0,
      falsePositives: 0,
    }
  }
  return out
}

export function scoreArtifact(truth: Truth, report: Report, id: string, bytes: number): ArtifactScore {
  const byName = truth.completeNames ?? []
  const categories = emptyCategories([...truth.complete, ...byName])
  const namesIn = new Map<Category, Set<string>>()
  for (const c of byName)
    namesIn.set(c, new Set(truth.exposures.flatMap((e) => (e.category === c && e.name ? [e.name] : []))))
  const expectedAt = byPlace(truth.exposures)
  const trapsAt = byPlace(truth.nonExposures)
  const found = new Set<ExpectedExposure>()
  const falsePositives: FindingRef[] = []
  const trapHits: ArtifactScore['trapHits'] = []
  let mediumOrAbove = 0
  for (const f of report.findings) {
    if (atLeast(f.severity, 'medium')) mediumOrAbove++
    const key = `${f.category}\0${f.path}`
    let matched = false
    for (const e of expectedAt.get(key) ?? []) {
      if (!samePlace(f, e)) continue
      matched = true
      if (e.minSeverity === undefined || atLeast(f.severity, e.minSeverity)) found.add(e)
    }
    if (!atLeast(f.severity, 'low')) continue
    const score = categories[f.category]
    score.findings++
    for (const trap of trapsAt.get(key) ?? [])
      if (samePlace(f, trap)) trapHits.push({ trap, finding: ref(f) })
    if (!score.judged) continue
    const names = namesIn.get(f.category)
    if (names) matched = names.has(quotedName(f) ?? '')
    if (matched) score.truePositives++
    else {
      score.falsePositives++
      falsePositives.push(ref(f))
    }
  }
  const missed: ExpectedExposure[] = []
  for (const e of truth.exposures) {
    categories[e.category].expected++
    if (found.has(e)) categories[e.category].found++
    else missed.push(e)
  }
  const { summary } = report
  return {
    id,
    package: truth.package,
    version: truth.version,
    role: truth.role,
    bytes,
    categories,
    missed,
    falsePositives,
    trapHits,
    mediumOrAbove,
    counts: truth.counts && {
      truth: truth.counts,
      report: {
        firstPartySourceFiles: summary.firstPartySourceFiles,
        firstPartySourceLines: summary.firstPartySourceLines,
        reconstructedFrom: summary.reconstructedFrom ?? [],
      },
    },
  }
}

export interface Totals {
  /** Per category, summed over the artifacts. */
  categories: Record<Category, CategoryScore & { judgedIn: number }>
  recall: Ratio
  precision: Ratio
  trapHits: number
  clean: { artifacts: number; bytes: number; mediumOrAbove: number }
}

/** Sums scores: recall and precision over all expected exposures and judged findings of the set. */
export function totals(scores: readonly ArtifactScore[]): Totals {
  const categories = {} as Totals['categories']
  for (const c of CATEGORIES) {
    categories[c] = { ...emptyCategories([])[c], judgedIn: 0 }
  }
  const clean = { artifacts: 0, bytes: 0, mediumOrAbove: 0 }
  let trapHits = 0
  for (const s of scores) {
    for (const c of CATEGORIES) {
      const from = s.categories[c]
      const to = categories[c]
      to.expected += from.expected
      to.found += from.found
      to.findings += from.findings
      to.truePositives += from.truePositives
      to.falsePositives += from.falsePositives
      if (from.judged) to.judgedIn++
    }
    trapHits += s.trapHits.length
    if (s.role === 'clean') {
      clean.artifacts++
      clean.bytes += s.bytes
      clean.mediumOrAbove += s.mediumOrAbove
    }
  }
  for (const c of CATEGORIES) categories[c].judged = categories[c].judgedIn > 0
  return {
    categories,
    recall: recallOf(Object.values(categories)),
    precision: precisionOf(Object.values(categories)),
    trapHits,
    clean,
  }
}

export function recallOf(scores: readonly CategoryScore[]): Ratio {
  return scores.reduce((r, s) => ({ hit: r.hit + s.found, of: r.of + s.expected }), { hit: 0, of: 0 })
}

export function precisionOf(scores: readonly CategoryScore[]): Ratio {
  return scores.reduce(
    (r, s) =>
      s.judged ? { hit: r.hit + s.truePositives, of: r.of + s.truePositives + s.falsePositives } : r,
    { hit: 0, of: 0 },
  )
}

/** Medium-or-above findings per 10 MB (10,000,000 bytes) of tarball. */
export function per10MB(findings: number, bytes: number): number {
  return bytes === 0 ? 0 : (findings * 1e7) / bytes
}
