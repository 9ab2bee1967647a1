// Difference between two reports of two versions of an artifact: which exposed files are new, gone
// or changed, which exposures are new or gone, and one sentence saying, in the brief's words, what
// the new version adds.
//
// Matching: two versions of a tarball differ in their own name (a-1.0.tgz, a-1.1.tgz) but not in what
// is inside, so a file is keyed by its origin chain without the outermost container, plus its path
// (file-key.ts). Exposures are matched by their key (exposures.ts): a host, a flag or a user by its
// name, a secret by the keyed hash of its value, a prompt or a file by that file key — never by line
// or by the minified code around a match, which change between builds. An exposure keyed by its file
// whose match the new version still holds elsewhere (a prompt moved from the bundle into the source
// its new map rebuilds) is not gone. A token replaced by another
// of the same shape redacts alike but hashes apart: it is a new exposure. Files with content hashes
// (`contentHash`) are "changed" when the hashes differ, whatever their sizes. Both reports must come
// from analyses given the same match key.
import { briefOf } from './brief'
import { foldKeyOf } from './bundle-fold'
import { exposureKindOf, exposuresOfReport } from './exposures'
import { fileKeyer } from './file-key'
import { FirstPartyCounter, type SourceCount } from './first-party'
import type { Exposure, ExposedFile, Finding, Report } from './model'
import { CATEGORIES } from './model'
import { CHAIN_SEPARATOR, EXPOSURE_NOUNS, joinChain, plural } from './present'
import { pathBaseName } from '../util/path'

export { fileKeyer } from './file-key'

export interface FileChange {
  status: 'new' | 'removed' | 'changed'
  /** The file in the new report (for 'removed': in the old one). */
  file: ExposedFile
  /** For 'changed': the file in the old report. */
  before?: ExposedFile
}

export interface ReportDiff {
  /** One sentence, e.g. "adds: source of 1,906 first-party files via cli.js.map; 90 feature gates and
   *  139 experiments; …; new: 1 source map (cli.js.map)". */
  headline: string
  files: FileChange[]
  /** Exposures of the new report whose key the old one has not (report/exposures.ts: a host, a flag,
   *  a secret's value…, matched whatever minified code around them was renamed). */
  newExposures: Exposure[]
  /** Exposures of the old report whose key the new one has not. */
  goneExposures: Exposure[]
  /** The places (findings) of the new exposures, in report order. */
  newFindings: Finding[]
  /** The places of the gone exposures. */
  goneFindings: Finding[]
  /** Set when the two inputs are different packages (package.json names differ). */
  unrelated?: { old: string; new: string }
  /** Paths compared are origin chain + path with the outermost container name dropped, so two versions
   *  of a tarball (a-1.0.tgz, a-1.1.tgz) line up. */
  old: Report
  new: Report
}

function diffFiles(before: Report, after: Report): FileChange[] {
  const oldKey = fileKeyer(before)
  const newKey = fileKeyer(after)
  const old = new Map<string, ExposedFile[]>()
  for (const f of before.files) {
    const k = oldKey(f.origin, f.path)
    const list = old.get(k)
    if (list) list.push(f)
    else old.set(k, [f])
  }
  const changes: FileChange[] = []
  for (const file of after.files) {
    const match = old.get(newKey(file.origin, file.path))?.shift()
    if (!match) changes.push({ status: 'new', file })
    else if (
      match.bytes !== file.bytes ||
      match.kind !== file.kind ||
      match.hasContent !== file.hasContent ||
      match.contentHash !== file.contentHash
    )
      changes.push({ status: 'changed', file, before: match })
  }
  for (const rest of old.values()) for (const file of rest) changes.push({ status: 'removed', file })
  return changes
}

/** Names a few items and says how many more there are: "(.env, .npmrc and 2 more)". */
function some(names: string[], max = 3): string {
  const unique = [...new Set(names)]
  const shown = unique.slice(0, max).join(', ')
  return unique.length > max ? `${shown} and ${unique.length - max} more` : shown
}

/** "source of 1,906 first-party files via cli.js.map; 90 feature gates and 139 experiments; 3
 *  internal hosts": what a set of exposures holds, category by category, in the brief's words. */
export function exposureSummary(report: Report, exposures: readonly Exposure[]): string[] {
  const brief = briefOf({ exposures, findings: report.findings, files: report.files })
  const parts: string[] = []
  for (const line of [...brief.lines].sort(
    (a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category),
  )) {
    if (line.category === 'source-exposure')
      parts.push(...line.exposures.map((id) => exposures.find((e) => e.id === id)!.title))
    else if (/^[\d,]+$/.test(line.counts)) {
      // The brief gives a count alone where its label names the kind ("Secrets: 2"); a headline
      // has no label, so it says the noun.
      const noun = EXPOSURE_NOUNS[exposures.find((e) => e.id === line.exposures[0])!.kind]
      parts.push(`${line.counts} ${line.exposures.length === 1 ? noun.one : noun.many}`)
    } else parts.push(line.counts)
  }
  return parts
}

function headlineOf(
  reports: { old: Report; new: Report },
  files: FileChange[],
  exposures: { added: Exposure[]; gone: Exposure[] },
  unrelated: ReportDiff['unrelated'],
): string {
  const parts: string[] = []
  if (unrelated) parts.push(`unrelated packages: ${unrelated.old} and ${unrelated.new}`)
  const inputName = reports.new.input.name
  const adds = exposureSummary(reports.new, exposures.added)
  if (adds.length > 0) parts.push(`adds: ${adds.join('; ')}`)
  const added = files.filter((c) => c.status === 'new').map((c) => c.file)
  // First-party sources (as the summary counts them), grouped by the map that exposes them, or shipped as is.
  const counter = new FirstPartyCounter()
  const sources = added.filter((f) => counter.add(f))
  const groups: [string, SourceCount][] = [...counter.byMap].map(([chain, n]) => {
    const links = chain.split(CHAIN_SEPARATOR)
    return [`via ${joinChain(links[0] === inputName ? links.slice(1) : links)}`, n]
  })
  if (counter.shipped.files > 0) groups.push(['shipped as is', counter.shipped])
  // A source tree the exposures already name ("source of 1,906 first-party files via cli.js.map") is
  // not said twice; its lines are.
  const treeNamed = exposures.added.some((e) => e.kind === 'source-tree' && e.triage?.status !== 'suppressed')
  for (const [via, n] of groups.sort((a, b) => b[1].files - a[1].files))
    parts.push(
      treeNamed && via !== 'shipped as is'
        ? `${plural(n.lines, 'line')} of first-party source ${via}`
        : `new: ${plural(n.files, 'first-party source file')} · ${plural(n.lines, 'line')} ${via}`,
    )
  // Credential files and source maps are named: they are what a reviewer acts on first.
  const named: [ExposedFile['kind'], string][] = [
    ['credential', 'credential file'],
    ['source-map', 'source map'],
  ]
  let listed = sources.length
  for (const [kind, label] of named) {
    const ofKind = added.filter((f) => f.kind === kind)
    listed += ofKind.length
    if (ofKind.length > 0)
      parts.push(`new: ${plural(ofKind.length, label)} (${some(ofKind.map((f) => pathBaseName(f.path)))})`)
  }
  const others = added.length - listed
  if (others > 0) parts.push(`new: ${plural(others, listed > 0 ? 'other file' : 'file')}`)
  const changed = files.filter((c) => c.status === 'changed').length
  if (changed > 0) parts.push(`changed: ${plural(changed, 'file')}`)
  const removed = files.filter((c) => c.status === 'removed').length
  if (removed > 0) parts.push(`removed: ${plural(removed, 'file')}`)
  const removes = exposureSummary(reports.old, exposures.gone)
  if (removes.length > 0) parts.push(`no longer: ${removes.join('; ')}`)
  return parts.length > 0 ? parts.join('; ') : 'no difference in exposed files or exposures'
}

/** Whether an exposure of another report (`of`) is still found in `report` under another key: an
 *  exposure keyed by its file (a prompt, a work note) moves when the file does — a prompt found in
 *  the bundle of one version is placed in the source its map rebuilds in the next — yet the same
 *  match is still there (the same kind and subject, or rule and excerpt: bundle-fold.ts). Secrets
 *  are not: a token replaced by another of the same shape redacts alike, and the old one is gone. */
function stillPresent(report: Report): (e: Exposure, of: Report) => boolean {
  const matches = new Set(report.findings.map((f) => foldKeyOf(f, exposureKindOf(f))))
  return (e, of) =>
    e.kind !== 'secret' &&
    e.findings.some((i) => {
      const f = of.findings[i]
      return f !== undefined && matches.has(foldKeyOf(f, exposureKindOf(f)))
    })
}

/** Matches exposures by key (keys hold no version: see exposures.ts); both reports must come from
 *  analyses given the same match key, so a secret's value hashes alike in both. */
export function diffReports(before: Report, after: Report): ReportDiff {
  const files = diffFiles(before, after)
  const oldExposures = exposuresOfReport(before)
  const newExposures = exposuresOfReport(after)
  const oldKeys = new Set(oldExposures.map((e) => e.key))
  const newKeys = new Set(newExposures.map((e) => e.key))
  const added = newExposures.filter((e) => !oldKeys.has(e.key))
  const present = stillPresent(after)
  const gone = oldExposures.filter((e) => !newKeys.has(e.key) && !present(e, before))
  const placesOf = (report: Report, exposures: Exposure[]) =>
    exposures
      .flatMap((e) => e.findings)
      .sort((a, b) => a - b)
      .map((i) => report.findings[i])
  const names = [before.package?.name, after.package?.name]
  const unrelated =
    names[0] !== undefined && names[1] !== undefined && names[0] !== names[1]
      ? { old: names[0], new: names[1] }
      : undefined
  return {
    headline: headlineOf({ old: before, new: after }, files, { added, gone }, unrelated),
    files,
    newExposures: added,
    goneExposures: gone,
    newFindings: placesOf(after, added),
    goneFindings: placesOf(before, gone),
    ...(unrelated ? { unrelated } : {}),
    old: before,
    new: after,
  }
}

const STATUS_ORDER = { new: 0, changed: 1, removed: 2 } as const

/** File changes grouped new, changed, removed (file order kept within each group), as every view lists them. */
export function changesInOrder(diff: Pick<ReportDiff, 'files'>): FileChange[] {
  return diff.files
    .map((c, i) => ({ c, i }))
    .sort((a, b) => STATUS_ORDER[a.c.status] - STATUS_ORDER[b.c.status] || a.i - b.i)
    .map(({ c }) => c)
}

/** The diff as JSON: the change lists in full, but of each report only its input and summary (the
 *  full reports are what `scan --format json` is for). */
export function diffToJson(diff: ReportDiff): Record<string, unknown> {
  const brief = (r: Report) => ({ tool: r.tool, input: r.input, summary: r.summary, errors: r.errors })
  const file = (f: ExposedFile) => ({
    path: f.path,
    origin: f.origin,
    kind: f.kind,
    bytes: f.bytes,
    lines: f.lines,
    hasContent: f.hasContent,
  })
  return {
    headline: diff.headline,
    old: brief(diff.old),
    new: brief(diff.new),
    files: diff.files.map((c) => ({
      status: c.status,
      ...file(c.file),
      ...(c.before ? { before: file(c.before) } : {}),
    })),
    ...(diff.unrelated ? { unrelated: diff.unrelated } : {}),
    newExposures: diff.newExposures.map(exposureBrief),
    goneExposures: diff.goneExposures.map(exposureBrief),
    // The hashes are keyed by a key the run forgot: meaningless outside it.
    newFindings: diff.newFindings.map(withoutHash),
    goneFindings: diff.goneFindings.map(withoutHash),
  }
}

/** An exposure in the diff's JSON: what it is, without the indices (into a report the diff leaves out)
 *  or the key (it may hold a hash keyed by the run's forgotten key). */
function exposureBrief(e: Exposure) {
  const { id: _id, key: _key, findings: _findings, ...rest } = e
  return rest
}

function withoutHash(finding: Finding): Finding {
  const { valueHash: _, ...rest } = finding
  return rest
}
