// Difference between two reports of two versions of an artifact: which exposed files and findings are
// new, gone or changed, and one sentence saying what the new version exposes that the old did not.
//
// Matching: two versions of a tarball differ in their own name (a-1.0.tgz, a-1.1.tgz) but not in what
// is inside, so a file is keyed by its origin chain without the outermost container, plus its path.
// Findings are keyed by rule + that file key + the keyed hash of the value they matched (`valueHash`;
// the excerpt where there is none, as for findings about a whole file); not by line, which shifts
// between versions whenever code above the finding changes. Excerpts redact secrets, so a token
// replaced by another of the same shape would look the same there; its hash differs. Files with
// content hashes (`contentHash`) are "changed" when the hashes differ, whatever their sizes.
// Identical keys are matched as a multiset (the third identical finding in the new version is new if
// the old had only two). Both reports must come from analyses given the same match key.
import { FirstPartyCounter, type SourceCount } from './first-party'
import type { ExposedFile, Finding, Report } from './model'
import { SEVERITIES } from './model'
import { CHAIN_SEPARATOR, formatCount, joinChain, plural } from './present'
import { pathBaseName } from '../util/path'

export interface FileChange {
  status: 'new' | 'removed' | 'changed'
  /** The file in the new report (for 'removed': in the old one). */
  file: ExposedFile
  /** For 'changed': the file in the old report. */
  before?: ExposedFile
}

export interface ReportDiff {
  /** One sentence, e.g. "new: 1,906 first-party source files via package/cli.js.map". */
  headline: string
  files: FileChange[]
  newFindings: Finding[]
  goneFindings: Finding[]
  /** Paths compared are origin chain + path with the outermost container name dropped, so two versions
   *  of a tarball (a-1.0.tgz, a-1.1.tgz) line up. */
  old: Report
  new: Report
}

type Keyer = (origin: readonly string[] | undefined, path: string) => string

/** How a report's files are keyed, version-independently:
 *  - one dropped file (a-1.0.tgz): its members' chains start with the input name, which is dropped;
 *  - a dropped folder (dist-1.0/…): top-level paths share the folder name as first segment, which is
 *    dropped from the path and from the first link of a chain (a map inside the folder);
 *  - anything else (a file list): chains and paths are compared as they are. */
export function fileKeyer(report: Pick<Report, 'input' | 'files'>): Keyer {
  const top = report.files.filter((f) => f.origin.length === 0).map((f) => f.path)
  const first = top[0]?.split('/')[0]
  const folder = first !== undefined && top.every((p) => p.startsWith(`${first}/`)) ? `${first}/` : undefined
  const strip = (p: string) => (folder && p.startsWith(folder) ? p.slice(folder.length) : p)
  return (origin, path) => {
    const chain = origin ?? []
    if (chain.length === 0) return strip(path)
    if (chain[0] === report.input.name) return joinChain([...chain.slice(1), path])
    return joinChain([strip(chain[0]), ...chain.slice(1), path])
  }
}

/** Items of `after` not matched by an item of `before` with the same key (multiset difference). */
function unmatched<T>(
  before: readonly T[],
  beforeKey: (item: T) => string,
  after: readonly T[],
  afterKey: (item: T) => string,
): T[] {
  const counts = new Map<string, number>()
  for (const item of before) counts.set(beforeKey(item), (counts.get(beforeKey(item)) ?? 0) + 1)
  return after.filter((item) => {
    const k = afterKey(item)
    const n = counts.get(k) ?? 0
    if (n === 0) return true
    counts.set(k, n - 1)
    return false
  })
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

function headlineOf(
  inputName: string,
  files: FileChange[],
  newFindings: Finding[],
  goneFindings: Finding[],
): string {
  const parts: string[] = []
  const added = files.filter((c) => c.status === 'new').map((c) => c.file)
  // First-party sources (as the summary counts them), grouped by the map that exposes them, or shipped as is.
  const counter = new FirstPartyCounter()
  const sources = added.filter((f) => counter.add(f))
  const groups: [string, SourceCount][] = [...counter.byMap].map(([chain, n]) => {
    const links = chain.split(CHAIN_SEPARATOR)
    return [`via ${joinChain(links[0] === inputName ? links.slice(1) : links)}`, n]
  })
  if (counter.shipped.files > 0) groups.push(['shipped as is', counter.shipped])
  for (const [via, n] of groups.sort((a, b) => b[1].files - a[1].files))
    parts.push(`new: ${plural(n.files, 'first-party source file')} · ${plural(n.lines, 'line')} ${via}`)
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
  if (newFindings.length > 0) {
    const bySeverity = SEVERITIES.map((s) => [s, newFindings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${formatCount(n)} ${s}`)
      .join(', ')
    parts.push(`new findings: ${bySeverity}`)
  }
  if (goneFindings.length > 0) parts.push(`gone findings: ${formatCount(goneFindings.length)}`)
  return parts.length > 0 ? parts.join('; ') : 'no difference in exposed files or findings'
}

export function diffReports(before: Report, after: Report): ReportDiff {
  const files = diffFiles(before, after)
  const oldKey = fileKeyer(before)
  const newKey = fileKeyer(after)
  // Keys of findings: rule + file key + value hash or excerpt (never the line, which shifts).
  const key = (keyer: Keyer) => (f: Finding) =>
    [f.rule, keyer(f.origin, f.path), f.valueHash === undefined ? `e:${f.excerpt}` : `h:${f.valueHash}`].join(
      '\u0000',
    )
  const newFindings = unmatched(before.findings, key(oldKey), after.findings, key(newKey))
  const goneFindings = unmatched(after.findings, key(newKey), before.findings, key(oldKey))
  return {
    headline: headlineOf(after.input.name, files, newFindings, goneFindings),
    files,
    newFindings,
    goneFindings,
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
    // The hashes are keyed by a key the run forgot: meaningless outside it.
    newFindings: diff.newFindings.map(withoutHash),
    goneFindings: diff.goneFindings.map(withoutHash),
  }
}

function withoutHash(finding: Finding): Finding {
  const { valueHash: _, ...rest } = finding
  return rest
}
