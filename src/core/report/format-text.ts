// The human-readable summary the CLI prints by default, and the small helpers the Markdown summary
// shares with it (a finding's place, unlisted findings, largest trees).
//
// Artifact text goes through neutral-text.ts (one line, controls and bidi characters escaped, long
// paths clipped in the middle), and every line that holds some starts with words or marks of ours
// (`Artifact:`, `[high] rule`, `· ` before a message, `> ` before an excerpt), so no name, message
// or excerpt can start a line of the output (a CI log runs a line starting with `::` as a command).
import { changesInOrder, type ReportDiff } from './diff'
import { briefLineText, briefOf } from './brief'
import { exposuresOfReport } from './exposures'
import type { Exposure, Finding, Report } from './model'
import { CATEGORIES, KINDS, SEVERITIES } from './model'
import { neutralPath, neutralText } from './neutral-text'
import { formatBytes, formatCount, joinChain, locationOf, plural } from './present'
import { unscannedNote } from './summary'
import { PLACES_PER_EXPOSURE } from '../finding-list'

/** Where a finding sits: origin chain › path, plus :line:column when it has a position. */
export function findingPlace(f: Finding): string {
  const where = locationOf(f)
  return f.line > 0 ? `${where}:${f.line}:${f.column}` : where
}

/** Every finding the summary counts: those listed plus those counted only (repeats, past the limit). */
export function findingsTotal(report: Report): number {
  const unlisted = report.summary.unlisted
  return report.findings.length + (unlisted ? unlisted.repeats + unlisted.pastLimit : 0)
}

/** Lines saying which findings are counted but not listed; none when every finding is listed. */
export function unlistedLines(report: Report, folds = 3): string[] {
  const unlisted = report.summary.unlisted
  if (!unlisted) return []
  const out = [`Listed: ${formatCount(report.findings.length)}; counted, not listed:`]
  if (unlisted.repeats > 0)
    out.push(
      `${formatCount(unlisted.repeats)} repeat an exposure (same rule and excerpt) already listed at ${PLACES_PER_EXPOSURE} places`,
    )
  for (const fold of (report.folds ?? []).slice(0, folds))
    out.push(`  ${formatCount(fold.folded)} more of ${fold.rule}, first at ${neutralPath(fold.path, 120)}`)
  if (unlisted.pastLimit > 0)
    out.push(
      `${formatCount(unlisted.pastLimit)} came after the limit of listed findings (limits.maxFindings)`,
    )
  return out
}

export interface ExposedTree {
  tree: string
  files: number
  bytes: number
}

/** The largest exposed trees: files grouped by their container chain plus first path segment. */
export function largestTrees(report: Report, limit: number): ExposedTree[] {
  const trees = new Map<string, { files: number; bytes: number }>()
  for (const file of report.files) {
    const first = file.path.split('/').slice(0, file.path.includes('/') ? 1 : 0)
    const key = joinChain([...file.origin, ...first]) || '(top level)'
    const tree = trees.get(key) ?? { files: 0, bytes: 0 }
    tree.files++
    tree.bytes += file.bytes
    trees.set(key, tree)
  }
  return [...trees]
    .map(([tree, t]) => ({ tree, ...t }))
    .sort((a, b) => b.bytes - a.bytes || b.files - a.files || (a.tree < b.tree ? -1 : 1))
    .slice(0, limit)
}

/** An exposure in the text outputs: severity and title, how many places, the first place, its message
 *  and excerpt. */
function exposureLines(e: Exposure, findings: readonly Finding[]): string[] {
  const first = findings[e.findings[0]]
  const lines = [
    `  [${e.severity}] ${neutralText(e.title, 160)}  (${plural(e.places, 'place')}; ${neutralText(e.rule, 80)})`,
  ]
  if (!first) return lines
  lines.push(`      at ${neutralPath(findingPlace(first))}`, `      · ${neutralText(first.message)}`)
  if (first.excerpt && first.excerpt !== first.path) lines.push(`      > ${neutralText(first.excerpt, 160)}`)
  return lines
}

/** The brief's lines (brief.ts), indented, artifact text made one safe line each. */
export function briefLines(report: Report): string[] {
  const brief = briefOf({ ...report, exposures: exposuresOfReport(report) })
  if (brief.lines.length === 0) return []
  return [
    `Brief${brief.severity ? ` (worst: ${brief.severity})` : ''}:`,
    ...brief.lines.map((l) => `  [${l.severity}] ${neutralText(briefLineText(l), 300)}`),
  ]
}

export interface TextOptions {
  /** Findings listed per category before "… and M more" (default 5). */
  perCategory?: number
  /** Trees listed under "Largest exposed trees" (default 10). */
  trees?: number
}

/** The human-readable summary the CLI prints by default. */
export function formatText(report: Report, options: TextOptions = {}): string {
  const perCategory = options.perCategory ?? 5
  const s = report.summary
  const out: string[] = []
  out.push(`Artifact: ${neutralPath(report.input.name)} (${formatBytes(report.input.bytes)})`)
  if (s.headline) out.push(neutralText(s.headline, 300))
  const brief = briefLines(report)
  if (brief.length > 0) out.push('', ...brief)
  out.push('')
  out.push(`Exposed files: ${formatCount(s.files)} · ${formatBytes(s.bytes)}`)
  for (const kind of KINDS) {
    const k = s.kinds[kind]
    if (k)
      out.push(
        `  ${kind.padEnd(20)} ${formatCount(k.files).padStart(9)} files ${formatBytes(k.bytes).padStart(10)}`,
      )
  }
  const trees = largestTrees(report, options.trees ?? 10)
  if (trees.length > 0) {
    out.push('')
    out.push('Largest exposed trees:')
    for (const t of trees)
      out.push(
        `  ${formatBytes(t.bytes).padStart(10)} ${formatCount(t.files).padStart(8)} files  ${neutralPath(t.tree)}`,
      )
  }
  out.push('')
  const categories = CATEGORIES.filter((c) => s.findings[c])
  if (categories.length === 0) out.push('Findings: none')
  else {
    const exposures = exposuresOfReport(report)
    out.push(
      `Findings: ${formatCount(findingsTotal(report))} at ${plural(exposures.length, 'distinct exposure')}`,
    )
    for (const line of unlistedLines(report)) out.push(`  ${line}`)
    for (const category of categories) {
      const counts = s.findings[category]!
      const severities = SEVERITIES.filter((sev) => counts[sev] > 0)
        .map((sev) => `${formatCount(counts[sev])} ${sev}`)
        .join(', ')
      out.push('')
      const inCategory = exposures.filter((e) => e.category === category)
      out.push(`${category}: ${severities} (${plural(inCategory.length, 'exposure')})`)
      for (const e of inCategory.slice(0, perCategory)) out.push(...exposureLines(e, report.findings))
      if (inCategory.length > perCategory)
        out.push(`  … and ${formatCount(inCategory.length - perCategory)} more`)
    }
  }
  if (report.errors.length > 0) {
    out.push('')
    out.push(`Problems reading the artifact: ${formatCount(report.errors.length)}`)
    const note = unscannedNote(report.errors)
    if (note) out.push(`  ${note}`)
    for (const e of report.errors.slice(0, 20))
      out.push(`  ${e.level ?? 'error'}: ${neutralPath(e.path)}: ${neutralText(e.message, 300)}`)
    if (report.errors.length > 20) out.push(`  … and ${formatCount(report.errors.length - 20)} more`)
  }
  return out.join('\n') + '\n'
}

/** The text form of `exposure-explorer diff`: headline, file changes, new and gone findings. */
export function formatDiffText(
  diff: ReportDiff,
  options: { files?: number; findings?: number } = {},
): string {
  const maxFiles = options.files ?? 50
  const maxFindings = options.findings ?? 30
  const out: string[] = []
  out.push(`Comparing: ${neutralPath(diff.old.input.name, 120)} → ${neutralPath(diff.new.input.name, 120)}`)
  out.push(neutralText(diff.headline, 1000))
  const changes = changesInOrder(diff)
  const counts = (['new', 'changed', 'removed'] as const).map(
    (s) => `${formatCount(changes.filter((c) => c.status === s).length)} ${s}`,
  )
  out.push('', `Files: ${counts.join(', ')}`)
  for (const c of changes.slice(0, maxFiles)) {
    const size =
      c.status === 'changed' && c.before
        ? `${formatBytes(c.before.bytes)} → ${formatBytes(c.file.bytes)}`
        : formatBytes(c.file.bytes)
    const place = neutralPath(locationOf(c.file))
    out.push(`  ${c.status.padEnd(8)} ${place}  (${c.file.kind}, ${size})`)
  }
  if (changes.length > maxFiles) out.push(`  … and ${formatCount(changes.length - maxFiles)} more`)
  const list = (title: string, exposures: readonly Exposure[], findings: readonly Finding[]) => {
    out.push('', `${title}: ${formatCount(exposures.length)}`)
    for (const e of exposures.slice(0, maxFindings)) out.push(...exposureLines(e, findings))
    if (exposures.length > maxFindings)
      out.push(`  … and ${formatCount(exposures.length - maxFindings)} more`)
  }
  list('New exposures', diff.newExposures, diff.new.findings)
  list('Gone exposures', diff.goneExposures, diff.old.findings)
  return out.join('\n') + '\n'
}
