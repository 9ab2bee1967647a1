// The detection engine's public surface used by analyze.ts.
//   scanContent(file, text): findings inside one file's text, every category that reads content;
//   scanArtifact(files):     findings about the file list as a whole (maps, raw sources, .git/, names).
// Findings in test and fixture paths are kept, marked `inTest` and lowered one severity step.
// Every excerpt has every secret on its line redacted, whichever category the finding belongs to.
import type { ScanTarget } from '../analysis-contract'
import { isTestPath } from '../classify/index'
import type { KeyedHash } from '../util/keyed-hash'
import type { ExposedFile, Finding } from '../report/model'
import { detectAiPrompts, promptPathFacts } from './ai-prompts'
import { BUILD_RULE_SET, detectBuildEnvironment } from './build-environment'
import { scanBudgetMs, TimeBudget } from './budget'
import { scanContext } from './context'
import type { ContentDetector, ScanContext } from './context'
import { credentialFileByName, detectNpmrcAuth } from './credential-files'
import type { Hit } from './engine'
import { LineIndex, lowerSeverity } from './engine'
import { detectFeatureFlags } from './feature-flags'
import { detectInternalEndpoints } from './internal-endpoints'
import { detectInternalNotes, notePathFacts } from './internal-notes'
import { EXCERPT_MAX, excerptAround, type Span } from './redact'
import { baseName, isCodePath } from './text-utils'
import { detectSecrets } from './secrets'
import { detectSourceExposure, fileFinding, publicUnder, type SourceTerms } from './source-exposure'
import { subjectOf } from './subject'
import { PLACES_PER_EXPOSURE } from '../finding-list'
import {
  countInto,
  eachCount,
  excerptHash,
  mayBeListed,
  type FindingCounts,
  type ListedHashes,
} from '../count-only'
import { lowerBound } from '../util/order'

export { redact } from './redact'
export { scanBudgetMs, TimeBudget } from './budget'

const CONTENT_DETECTORS: readonly ContentDetector[] = [
  detectNpmrcAuth,
  detectInternalEndpoints,
  detectAiPrompts,
  detectFeatureFlags,
  detectBuildEnvironment,
  detectInternalNotes,
]

/** Findings in one file's text content (secrets, endpoints, prompts, flags, notes, build paths…).
 *  `line`/`column` are 1-based positions in `text`; `fileId`/`origin`/`path` are filled from `file`.
 *  With `hasher`, each finding carries the keyed hash of the value it matched (`valueHash`).
 *  A match that repeats one already found PLACES_PER_EXPOSURE times in this text (same rule, same
 *  line, same place in it) is not made into a finding: it is counted in `repeats` of the last one
 *  made, which the report's FindingList folds. A file of 500 identical lines costs 100 findings a rule. */
export function scanContent(file: ExposedFile, text: string, hasher?: KeyedHash): Finding[] {
  return findingsOf(file, text, collectHits(scanContext(file.path, text)), hasher)
}

/** scanContent within a time budget (scanBudgetMs of the text by default): the findings made before
 *  it ran out, and the rule or detector that was running then (null: the text was fully scanned).
 *  With `listed` (see count-only.ts), only findings that may repeat a listed exposure are made; the
 *  rest are `counted`, by category and severity. */
export function scanContentWithin(
  file: ScanTarget,
  text: string,
  budget = new TimeBudget(scanBudgetMs(text.length)),
  hasher?: KeyedHash,
  listed?: ListedHashes,
): { findings: Finding[]; stoppedAt: string | null; counted?: FindingCounts } {
  const hits = collectHits(scanContext(file.path, text, budget))
  const count = listed && { listed, counts: {} }
  const findings = findingsOf(file, text, hits, hasher, count)
  return { findings, stoppedAt: budget.stoppedAt, ...(count ? { counted: count.counts } : {}) }
}

/** What scanContent reads of a file's path, as one short string: an equal text at a path with equal
 *  facts gets equal findings but for where they are placed (path, file id, origin). A detector that
 *  reads anything else of ScanContext's `path` or `name` must add it here. */
export function pathFacts(path: string): string {
  const code = isCodePath(path) ? 'c' : '-'
  const test = isTestPath(path) ? 't' : '-'
  const npmrc = baseName(path) === '.npmrc' ? 'n' : '-'
  return `${code}${test}${npmrc}${promptPathFacts(path)}${notePathFacts(path)}`
}

function collectHits(context: ScanContext): Hit[] {
  const hits: Hit[] = detectSecrets(context)
  // Loops, not push(...spread): a hostile file can yield more hits than the call stack takes arguments.
  for (const detect of CONTENT_DETECTORS) {
    if (context.budget?.spent(detect.name)) break
    for (const hit of detect(context)) hits.push(hit)
  }
  return hits
}

/** Findings of `hits`; with `count`, only those that may repeat a listed exposure, the rest counted. */
function findingsOf(
  file: ScanTarget,
  text: string,
  hits: Hit[],
  hasher?: KeyedHash,
  count?: { listed: ListedHashes; counts: FindingCounts },
): Finding[] {
  if (hits.length === 0) return []
  hits.sort((a, b) => (a.at ?? a.start) - (b.at ?? b.start))
  const secrets = new SecretSpans(hits.filter((h) => h.secret))
  const lines = new LineIndex(text)
  const inTest = isTestPath(file.path)
  // Per exposure in this text: its last finding and places made.
  const exposures = new Map<string, { finding: Finding; places: number }>()
  // Each distinct short line gets a number once; matches on it are keyed by that number.
  const lineIds = new Map<string, number>()
  let lastLine = { start: -1, id: 0 }
  const whole: WholeLine = { start: -1, excerpt: '', hash: undefined }
  const findings: Finding[] = []
  for (const hit of capPerRule(hits)) {
    const at = hit.at ?? hit.start
    const position = lines.position(at)
    const { line, column, lineStart, lineEnd } = position
    // Only the first line of a multi-line match is highlighted.
    const end = Math.min(hit.end, lineEnd)
    // A short line is its own key (an identical line gives an identical excerpt); a long one is
    // keyed by its excerpt, so a megabyte-long line is not hashed once per match.
    const show = hit.at === undefined ? hit.end : end
    // A match that runs past its line shows the lines after it too: keyed by its excerpt.
    const short = lineEnd - lineStart <= SHORT_LINE && show <= lineEnd
    const place: Place = { text, secrets, whole, at, end, show, position }
    const excerpt = short ? '' : excerptOfLong(place)
    if (count) {
      // Whether a hit may repeat a listed exposure depends on the hit alone (rule, value, excerpt),
      // so a count-only scan decides it before any key is made: a hit that repeats none is counted
      // and costs no key, no map entry and no finding.
      const shown = short ? shownOfShort(place) : excerpt
      const valueHash = hasher?.hash(text.slice(hit.start, hit.end))
      const hash = shown === whole.excerpt ? (whole.hash ??= excerptHash(shown)) : undefined
      if (!mayBeListed(count.listed, { rule: hit.rule, valueHash, excerpt: shown }, hash)) {
        const severity = inTest ? lowerSeverity(hit.severity) : hit.severity
        countInto(count.counts, { category: hit.category, severity }, 1)
        continue
      }
    }
    if (short && lastLine.start !== lineStart) {
      const lineText = text.slice(lineStart, lineEnd)
      let id = lineIds.get(lineText)
      if (id === undefined) lineIds.set(lineText, (id = lineIds.size))
      lastLine = { start: lineStart, id }
    }
    const key = `${hit.rule}\0${hit.start - lineStart}:${at - lineStart}:${end - at}\0${short ? `#${lastLine.id}` : `=${excerpt}`}`
    const exposure = exposures.get(key)
    if (exposure && exposure.places >= PLACES_PER_EXPOSURE) {
      exposure.finding.repeats = (exposure.finding.repeats ?? 0) + 1
      continue
    }
    const shown = short ? shownOfShort(place) : excerpt
    const value = text.slice(hit.start, hit.end)
    const valueHash = hasher?.hash(value)
    const finding: Finding = {
      rule: hit.rule,
      category: hit.category,
      severity: hit.severity,
      path: file.path,
      line,
      column,
      excerpt: shown,
      message: hit.message,
      origin: file.origin,
      fileId: file.id,
      length: end - at,
    }
    const subject = subjectOf(hit.rule, hit.category, value, hit.secret)
    if (subject !== undefined) finding.subject = subject
    if (valueHash !== undefined) finding.valueHash = valueHash
    const made = inTest ? markInTest(finding) : finding
    if (exposure) {
      exposure.places++
      exposure.finding = made
    } else exposures.set(key, { finding: made, places: 1 })
    findings.push(made)
  }
  return findings
}

/** A short line no longer than an excerpt is shown whole whatever matched on it (excerptAround's
 *  window is the line): its excerpt, and in a count-only scan that excerpt's hash, are made once. */
interface WholeLine {
  start: number
  excerpt: string
  hash: number | undefined
}

/** Where a hit is shown: the match [at, end) on its line (`position`), shown up to `show`. */
interface Place {
  text: string
  secrets: SecretSpans
  whole: WholeLine
  at: number
  end: number
  show: number
  position: { line: number; column: number; lineStart: number; lineEnd: number }
}

/** The excerpt of a hit on a long line, or one whose match runs on past its line: it shows the
 *  lines after it too. */
const excerptOfLong = ({ text, secrets, at, end, show, position }: Place): string =>
  excerptAround(
    text,
    at,
    end,
    secrets.near({ lineStart: position.lineStart, lineEnd: Math.max(position.lineEnd, show) }),
    position,
    show,
  )

/** The excerpt of a hit on a short line. A hit placed on its own line (a key block's armour) shows
 *  that line only; others show the whole match from its first words (a multi-line prompt). */
function shownOfShort({ text, secrets, whole, at, end, show, position }: Place): string {
  const { lineStart, lineEnd } = position
  if (lineEnd - lineStart > EXCERPT_MAX)
    return excerptAround(text, at, end, secrets.near(position), position, show)
  if (whole.start !== lineStart) {
    whole.start = lineStart
    whole.excerpt = excerptAround(text, at, end, secrets.near(position), position, show)
    whole.hash = undefined
  }
  return whole.excerpt
}

/** Lines up to this long key a match's exposure by their text. */
const SHORT_LINE = 512

/** Every secret span in a text, none capped or folded: what a viewer masks before it shows the text.
 *  A text the rules could not finish within its time budget is masked whole, never shown with a
 *  secret the scan did not reach. */
export function secretSpans(path: string, text: string): Span[] {
  const budget = new TimeBudget(scanBudgetMs(text.length))
  const context = scanContext(path, text, budget)
  // Only these two make secret hits (a rule is secret by its category, 'secrets'; the .npmrc token
  // by its detector): the other detectors, most of a scan's time, cannot add a span.
  const spans: Span[] = [...detectSecrets(context), ...detectNpmrcAuth(context)].filter((hit) => hit.secret)
  return budget.stoppedAt === null ? spans : [{ start: 0, end: text.length }]
}

/** The secret spans of one text, sorted by start, found by the line they may overlap: a file of 500
 *  lines with a secret each must not look through all 500 for each of its findings. */
class SecretSpans {
  readonly spans: readonly Span[]
  readonly #longest: number
  constructor(spans: readonly Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start)
    this.#longest = spans.reduce((n, s) => Math.max(n, s.end - s.start), 0)
  }

  /** The spans that may overlap [lineStart, lineEnd) (a superset: excerptAround picks from it). */
  near({ lineStart, lineEnd }: { lineStart: number; lineEnd: number }): readonly Span[] {
    if (this.spans.length === 0) return this.spans
    return this.spans.slice(this.#firstFrom(lineStart - this.#longest), this.#firstFrom(lineEnd + 1))
  }

  /** Index of the first span starting at or after `offset`. */
  #firstFrom(offset: number): number {
    return lowerBound(this.spans, offset, (span) => span.start)
  }
}

/** Findings about the artifact as a whole, from the complete file list: maps with first-party
 *  `sourcesContent`, maps listing sources without content, raw src next to a bundle, credential files
 *  by name, `.git/` contents, `sourceMappingURL`s to non-public hosts. */
export function scanArtifact(files: readonly ExposedFile[], terms: SourceTerms = {}): Finding[] {
  const findings = detectSourceExposure(files, terms)
  for (const file of files) {
    const credential = credentialFileByName(file.path)
    if (credential)
      findings.push(
        fileFinding(file, credential.rule, credential.severity, credential.message, 'credential-files'),
      )
    // Absolute build paths in the names a map gives its sources (webpack:///Users/jdoe/…).
    const named = file.rawSource ?? file.path
    for (const hit of BUILD_RULE_SET.scan(named).slice(0, 1)) {
      const subject = subjectOf(hit.rule, 'build-environment', named.slice(hit.start, hit.end), false)
      findings.push({
        ...fileFinding(file, hit.rule, hit.severity, hit.message, 'build-environment'),
        excerpt: named.slice(0, 160),
        ...(subject !== undefined ? { subject } : {}),
      })
    }
  }
  return findings.map((f) => (isTestPath(f.path) ? markInTest(f) : f))
}

/** Categories whose findings keep their severity in third-party code: a key or a credential file
 *  shipped inside a dependency is as usable as one in the package's own code. */
const THIRD_PARTY_KEEPS = new Set<Finding['category']>(['secrets', 'credential-files', 'source-exposure'])

/** Marks findings in third-party files (`thirdParty: true`) and lowers those outside secrets and
 *  credential files to info: an author's e-mail, a TODO or an SDK's own staging host in a dependency
 *  says nothing about the company that ships it. */
export function markThirdParty(findings: Finding[], files: readonly ExposedFile[]): void {
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i]
    const file = finding.fileId === undefined ? undefined : files[finding.fileId]
    if (file?.kind === 'third-party-source') findings[i] = asThirdParty(finding)
  }
}

/** Categories whose findings in an open-source package's own code are expected: the code is public
 *  under its licence (its repository shows the same flag names and comments), so a roadmap hint or a
 *  work note in it tells a reader nothing new. Secrets, credential files, build paths, endpoints and
 *  prompts keep their severity: a licence does not publish a key or a build machine's home folder. */
export const PUBLIC_WITH_OPEN_SOURCE: ReadonlySet<Finding['category']> = new Set<Finding['category']>([
  'feature-flags',
  'internal-notes',
])

/** The finding at info, saying why, when it is one of PUBLIC_WITH_OPEN_SOURCE above info in the
 *  first-party code of a package published under `license` (see classify/license.ts); undefined when
 *  it keeps its severity. Third-party findings are left as markThirdParty made them. */
export function openSourceCalibrated(finding: Finding, license: string): Finding | undefined {
  if (finding.thirdParty || !lowersAsOpenSource(finding)) return undefined
  return { ...finding, severity: 'info', message: finding.message + publicUnder(license) }
}

const lowersAsOpenSource = (f: Pick<Finding, 'category' | 'severity'>) =>
  f.severity !== 'info' && PUBLIC_WITH_OPEN_SOURCE.has(f.category)

/** openSourceCalibrated on each finding (`license` undefined: a proprietary package, nothing changes). */
export function markOpenSource(findings: Finding[], license: string | undefined): void {
  if (license === undefined) return
  for (let i = 0; i < findings.length; i++)
    findings[i] = openSourceCalibrated(findings[i], license) ?? findings[i]
}

/** A finding as markThirdParty makes it for a third-party file (a copy). */
export function asThirdParty(finding: Finding): Finding {
  return THIRD_PARTY_KEEPS.has(finding.category)
    ? { ...finding, thirdParty: true }
    : { ...finding, severity: 'info', thirdParty: true }
}

/** Counts of a count-only scan (see count-only.ts) moved to the severities markThirdParty (for a
 *  third-party file) and markOpenSource (under `license`) give the findings counted. */
export function calibratedCounts(
  counts: FindingCounts,
  thirdParty: boolean,
  license: string | undefined,
): FindingCounts {
  const out: FindingCounts = {}
  for (const { category, severity, n } of eachCount(counts)) {
    const lowered = thirdParty
      ? !THIRD_PARTY_KEEPS.has(category)
      : license !== undefined && lowersAsOpenSource({ category, severity })
    countInto(out, { category, severity: lowered ? 'info' : severity }, n)
  }
  return out
}

/** Findings of one rule kept per file: a generated file can repeat one match 100,000 times, and the
 *  first ones tell the story (the rest would only bloat the report). */
export const MAX_FINDINGS_PER_RULE = 500

function capPerRule(hits: readonly Hit[]): Hit[] {
  const counts = new Map<string, number>()
  return hits.filter((hit) => {
    const n = (counts.get(hit.rule) ?? 0) + 1
    counts.set(hit.rule, n)
    return n <= MAX_FINDINGS_PER_RULE
  })
}

function markInTest(finding: Finding): Finding {
  return { ...finding, severity: lowerSeverity(finding.severity), inTest: true }
}
