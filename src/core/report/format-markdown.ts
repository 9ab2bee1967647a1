// Markdown summary of a report, fit for a pull-request comment.
//
// Everything taken from the artifact (input name, paths, excerpts, error messages) is hostile text: a
// file named `[release notes](https://evil.example)` or `<img src=x onerror=…>` must render as those
// characters, never as a link or HTML. `escapeMarkdown` backslash-escapes every ASCII punctuation
// character (CommonMark makes any escaped punctuation literal, and a backslash also splits the text
// node, which stops GFM's bare-URL/`www.`/email autolinking, and makes `<` literal). Before that,
// neutral-text.ts writes control and bidi characters as visible escapes, so a name cannot start a
// heading, end a table row or reorder what is shown, and no artifact text ever starts a line: each
// such line starts with list, quote or table marks of ours. Our own words (headings, counts) are
// written plainly. Nothing from the artifact goes into a code span (a backtick run could close it).
import { changesInOrder, type ReportDiff } from './diff'
import { briefLineText, briefOf } from './brief'
import { exposuresOfReport } from './exposures'
import type { Exposure, Finding, Report } from './model'
import { CATEGORIES, KINDS, SEVERITIES } from './model'
import { findingPlace, largestTrees, unlistedLines } from './format-text'
import { neutralPath, neutralText } from './neutral-text'
import { formatBytes, formatCount, locationOf, plural } from './present'
import { unscannedNote } from './summary'

/** Findings listed under "Top findings" (a PR comment should stay well under GitHub's 65,536 chars). */
const TOP_FINDINGS = 25
const TOP_ERRORS = 10

/** ASCII punctuation, per CommonMark's "backslash escapes" list. */
const escapePunctuation = (text: string) =>
  text.replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, (c) => `\\${c}`)

/** Escapes text so Markdown renders it literally: no links, images, HTML, emphasis, headings or table breaks. */
export function escapeMarkdown(text: string, max = 400): string {
  return escapePunctuation(neutralText(text, max))
}

/** escapeMarkdown for a path: clipped in the middle, so its end (the file name) stays visible. */
export function escapePath(path: string, max = 200): string {
  return escapePunctuation(neutralPath(path, max))
}

/** A table cell: escaped text (the escaped `|` keeps the row intact). */
const cell = (text: string) => escapePath(text)

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === 'number' ? formatCount(c) : c)).join(' | ')} |`
}

function kindsTable(report: Report): string[] {
  const kinds = KINDS.filter((k) => report.summary.kinds[k])
  if (kinds.length === 0) return []
  const out = ['| Kind | Files | Bytes |', '| --- | ---: | ---: |']
  for (const kind of kinds) {
    const k = report.summary.kinds[kind]!
    out.push(row([kind, k.files, formatBytes(k.bytes)]))
  }
  return out
}

function findingsTable(report: Report): string[] {
  const categories = CATEGORIES.filter((c) => report.summary.findings[c])
  if (categories.length === 0) return []
  const out = [
    `| Category | ${SEVERITIES.join(' | ')} |`,
    `| --- | ${SEVERITIES.map(() => '---:').join(' | ')} |`,
  ]
  for (const category of categories) {
    const counts = report.summary.findings[category]!
    out.push(row([category, ...SEVERITIES.map((s) => counts[s])]))
  }
  return out
}

function exposureItem(e: Exposure, findings: readonly Finding[], n: number): string[] {
  const first = findings[e.findings[0]]
  const where = first ? ` — ${escapePath(findingPlace(first))}` : ''
  const lines = [
    `${n}. **${e.severity}** · ${e.category} · ${escapeMarkdown(e.title)} (${plural(e.places, 'place')})${where}`,
  ]
  if (!first) return lines
  lines.push(`   - ${escapeMarkdown(first.message)}`)
  if (first.excerpt && first.excerpt !== first.path) lines.push(`   > ${escapeMarkdown(first.excerpt, 160)}`)
  return lines
}

/** The brief as a list: one item per category, the category's label in bold. */
function briefItems(report: Report): string[] {
  const brief = briefOf({ ...report, exposures: exposuresOfReport(report) })
  return brief.lines.map(
    (l) => `- **${l.label}** (${l.severity}): ${escapeMarkdown(briefLineText(l).slice(l.label.length + 2))}`,
  )
}

export interface MarkdownOptions {
  /** Heading level of the title (default 2: fits under a comment's own context). */
  level?: number
}

export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const h = '#'.repeat(Math.min(5, Math.max(1, options.level ?? 2)))
  const s = report.summary
  const out: string[] = []
  out.push(`${h} Exposure Explorer: ${escapePath(report.input.name)}`)
  out.push('')
  if (s.headline) out.push(`**${escapeMarkdown(s.headline)}**`, '')
  out.push(
    `${formatCount(s.files)} exposed files · ${formatBytes(s.bytes)} · input ${formatBytes(report.input.bytes)}`,
  )
  const brief = briefItems(report)
  if (brief.length > 0) out.push('', `${h}# Brief`, '', ...brief)
  const kinds = kindsTable(report)
  if (kinds.length > 0) out.push('', ...kinds)

  const trees = largestTrees(report, 5)
  if (trees.length > 0) {
    out.push('', `${h}# Largest exposed trees`, '')
    out.push('| Tree | Files | Bytes |', '| --- | ---: | ---: |')
    for (const t of trees) out.push(row([cell(t.tree), t.files, formatBytes(t.bytes)]))
  }

  out.push('', `${h}# Findings`, '')
  const table = findingsTable(report)
  if (table.length === 0) out.push('No findings.')
  else {
    out.push(...table, '')
    const exposures = exposuresOfReport(report)
    const top = exposures.slice(0, TOP_FINDINGS)
    out.push(`${h}# Top exposures`, '')
    out.push(
      `${plural(report.findings.length, 'finding')} listed, at ${plural(exposures.length, 'distinct exposure')}.`,
      '',
    )
    top.forEach((e, i) => out.push(...exposureItem(e, report.findings, i + 1)))
    if (exposures.length > top.length)
      out.push('', `… and ${formatCount(exposures.length - top.length)} more exposures.`)
    const unlisted = unlistedLines(report)
    if (unlisted.length > 0) out.push('', ...unlisted.map((line) => `- ${escapeMarkdown(line.trim())}`))
  }

  if (report.errors.length > 0) {
    out.push('', `${h}# Problems reading the artifact`, '')
    const note = unscannedNote(report.errors)
    if (note) out.push(escapeMarkdown(note), '')
    for (const e of report.errors.slice(0, TOP_ERRORS))
      out.push(`- ${e.level ?? 'error'}: ${escapePath(e.path)}: ${escapeMarkdown(e.message)}`)
    if (report.errors.length > TOP_ERRORS)
      out.push(`- … and ${formatCount(report.errors.length - TOP_ERRORS)} more`)
  }
  out.push('', `Generated offline by ${escapeMarkdown(`${report.tool.name} ${report.tool.version}`)}.`)
  return out.join('\n') + '\n'
}

/** The Markdown form of `exposure-explorer diff`, for a pull-request comment on a release branch. */
export function formatDiffMarkdown(diff: ReportDiff, options: MarkdownOptions = {}): string {
  const h = '#'.repeat(Math.min(5, Math.max(1, options.level ?? 2)))
  const out: string[] = []
  out.push(
    `${h} Exposure Explorer: ${escapePath(diff.old.input.name, 120)} → ${escapePath(diff.new.input.name, 120)}`,
    '',
    `**${escapeMarkdown(diff.headline)}**`,
  )
  const changes = changesInOrder(diff)
  if (changes.length > 0) {
    out.push('', `${h}# Exposed files`, '', '| Change | File | Kind | Bytes |', '| --- | --- | --- | ---: |')
    for (const c of changes.slice(0, TOP_FINDINGS * 2)) {
      const bytes =
        c.before && c.status === 'changed'
          ? `${formatBytes(c.before.bytes)} → ${formatBytes(c.file.bytes)}`
          : formatBytes(c.file.bytes)
      out.push(row([c.status, cell(locationOf(c.file)), c.file.kind, bytes]))
    }
    if (changes.length > TOP_FINDINGS * 2)
      out.push('', `… and ${formatCount(changes.length - TOP_FINDINGS * 2)} more files.`)
  }
  const list = (title: string, exposures: readonly Exposure[], findings: readonly Finding[]) => {
    out.push('', `${h}# ${title} (${formatCount(exposures.length)})`, '')
    if (exposures.length === 0) out.push('None.')
    const top = exposures.slice(0, TOP_FINDINGS)
    top.forEach((e, i) => out.push(...exposureItem(e, findings, i + 1)))
    if (exposures.length > top.length)
      out.push('', `… and ${formatCount(exposures.length - top.length)} more.`)
  }
  list('New exposures', diff.newExposures, diff.new.findings)
  list('Gone exposures', diff.goneExposures, diff.old.findings)
  return out.join('\n') + '\n'
}
