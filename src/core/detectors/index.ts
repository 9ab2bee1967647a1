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
import { PromptCaps } from './prompt-anchors'
import { BUILD_RULE_SET, detectBuildEnvironment } from './build-environment'
import { scanBudgetMs, TimeBudget } from './budget'
import { scanContext } from './context'
import type { ContentDetector, ScanContext } from './context'
import { credentialFileByName, detectNpmrcAuth } from './credential-files'
import type { Hit } from './engine'
import { detectFeatureFlags } from './feature-flags'
import { detectInternalEndpoints } from './internal-endpoints'
import { detectInternalNotes, notePathFacts } from './internal-notes'
import { FindingMaker, markInTest, wholeText, type TextPart } from './findings'
import type { Span } from './redact'
import { baseName, isCodePath } from './text-utils'
import { detectSecrets } from './secrets'
import { detectSourceExposure, fileFinding, publicUnder, type SourceTerms } from './source-exposure'
import { subjectOf } from './subject'
import { countInto, eachCount, type FindingCounts, type ListedHashes } from '../count-only'

export { redact } from './redact'
export { scanBudgetMs, TimeBudget } from './budget'
export { MAX_FINDINGS_PER_RULE } from './findings'

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
  const maker = new FindingMaker(file, hasher)
  maker.add(wholeText(text), collectHits(scanContext(file.path, text)))
  return maker.findings
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
  return scanPartsWithin(file, [wholeText(text)], budget, hasher, listed)
}

/** scanContentWithin over a text given in parts, in order (see parted-scan.ts): the detectors run on
 *  each part's window, the findings are made of the hits placed in its own range, with one budget
 *  and one FindingMaker for the whole text. */
export function scanPartsWithin(
  file: ScanTarget,
  parts: Iterable<TextPart>,
  budget: TimeBudget,
  hasher?: KeyedHash,
  listed?: ListedHashes,
): { findings: Finding[]; stoppedAt: string | null; counted?: FindingCounts } {
  const count = listed && { listed, counts: {} }
  const maker = new FindingMaker(file, hasher, count)
  const caps = new PromptCaps()
  for (const part of parts) {
    if (budget.stoppedAt !== null) break
    const whole = part.from === 0 && part.to === Infinity
    const context = scanContext(file.path, part.text, budget)
    const hits = collectHits(whole ? context : { ...context, part: { ...part, caps } })
    maker.add(part, hits)
  }
  return {
    findings: maker.findings,
    stoppedAt: budget.stoppedAt,
    ...(count ? { counted: count.counts } : {}),
  }
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
