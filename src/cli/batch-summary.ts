// exposure-explorer summarize <jsonl>...: merges the JSONL of `scan --batch` runs (one per shard, or a
// resumed run) into one table, in list order, and a Markdown summary. An entry found in several
// files counts once (a result wins over a failure, the later line over the earlier). The table
// leaves out timings, so the shards of a list merge to the same table as one run over it.
import { readFile } from 'node:fs/promises'
import { formatBytes, formatCount, severityRank } from '../core/report/present'
import { escapeMarkdown, escapePath } from '../core/report/format-markdown'
import type { Severity } from '../core/report/model'
import { SEVERITIES } from '../core/report/model'
import { findingTotals } from '../core/report/timeline'
import { neutralPath } from '../core/report/neutral-text'
import { common, commonFlag, UsageError, walk, type CommonArgs } from './args'
import { entryKey, parseBatchLines, type BatchLine } from './batch-line'
import { figuresFail } from './history'
import { InputError } from './node-source'
import { writeParts } from './write-parts'

export const SUMMARIZE_FORMATS = ['text', 'markdown', 'json'] as const

export interface SummarizeArgs extends CommonArgs {
  inputs: string[]
}

export function parseSummarizeArgs(argv: readonly string[]): SummarizeArgs {
  const args: SummarizeArgs = { ...common(), inputs: [] }
  walk(
    argv,
    (flag, value) => commonFlag(args, SUMMARIZE_FORMATS, flag, value),
    (arg) => args.inputs.push(arg),
  )
  if (!args.help && args.inputs.length === 0) throw new UsageError('summarize needs at least one JSONL file')
  return args
}

/** One line per entry, in list order. */
export function mergeLines(lines: readonly BatchLine[]): BatchLine[] {
  const byKey = new Map<string, BatchLine>()
  for (const line of lines) {
    const known = byKey.get(entryKey(line))
    if (!known || !line.failed || known.failed) byKey.set(entryKey(line), line)
  }
  return [...byKey.values()].sort(
    (a, b) => a.index - b.index || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0),
  )
}

const severityTotals = (line: BatchLine) => findingTotals(line.summary ?? { findings: {} })

/** The release gate on a line: as scan's --fail-on on the report it came from. */
export function lineFails(line: BatchLine, args: Pick<CommonArgs, 'failOn' | 'allowUnscanned'>): boolean {
  if (line.failed) return false
  return figuresFail(
    { findings: severityTotals(line), unscanned: line.unscanned ?? 0 },
    args.failOn,
    args.allowUnscanned,
  )
}

const COLUMNS = ['#', 'Entry', 'Files', 'Bytes', 'First-party files', 'Lines', ...SEVERITIES, 'Unscanned']

function cells(line: BatchLine, entry: (text: string) => string): string[] {
  if (line.failed) return [String(line.index + 1), entry(line.entry), `not read: ${entry(line.failed)}`]
  const s = line.summary!
  const totals = severityTotals(line)
  return [
    String(line.index + 1),
    entry(line.entry),
    formatCount(s.files),
    formatBytes(s.bytes),
    formatCount(s.firstPartySourceFiles),
    formatCount(s.firstPartySourceLines),
    ...SEVERITIES.map((sev) => formatCount(totals[sev])),
    formatCount(line.unscanned ?? 0),
  ]
}

/** The merged table as aligned text columns. */
export function formatTable(lines: readonly BatchLine[]): string {
  const rows = [COLUMNS, ...lines.map((l) => cells(l, (t) => neutralPath(t, 80)))]
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === 1 || i >= r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  )
}

/** Totals, the rules found in most artifacts, the worst artifacts, then the table. */
export function formatSummaryMarkdown(lines: readonly BatchLine[]): string {
  const read = lines.filter((l) => !l.failed)
  const bytes = read.reduce((n, l) => n + (l.summary?.bytes ?? 0), 0)
  const withSources = read.filter((l) => (l.summary?.firstPartySourceFiles ?? 0) > 0).length
  const out = [
    '## Exposure summary',
    '',
    `${formatCount(lines.length)} artifacts, ${formatCount(read.length)} read (${formatBytes(bytes)}), ` +
      `${formatCount(lines.length - read.length)} not read; ${formatCount(withSources)} expose first-party source.`,
    '',
  ]
  const worst = (l: BatchLine) => SEVERITIES.findIndex((s) => severityTotals(l)[s] > 0)
  const artifactsBySeverity = SEVERITIES.map((s) => read.filter((l) => severityTotals(l)[s] > 0).length)
  out.push(
    '| Severity | Artifacts with a finding |',
    '| --- | ---: |',
    ...SEVERITIES.map((s, i) => `| ${s} | ${formatCount(artifactsBySeverity[i])} |`),
    '',
  )
  const rules = new Map<string, { severity: Severity; artifacts: number; findings: number }>()
  for (const l of read)
    for (const [rule, r] of Object.entries(l.rules ?? {})) {
      const known = rules.get(rule) ?? { severity: r.severity, artifacts: 0, findings: 0 }
      known.artifacts++
      known.findings += r.findings
      if (severityRank(r.severity) < severityRank(known.severity)) known.severity = r.severity
      rules.set(rule, known)
    }
  if (rules.size > 0) {
    out.push('| Rule | Worst | Artifacts | Findings |', '| --- | --- | ---: | ---: |')
    const sorted = [...rules].sort(
      (a, b) =>
        severityRank(a[1].severity) - severityRank(b[1].severity) ||
        b[1].artifacts - a[1].artifacts ||
        (a[0] < b[0] ? -1 : 1),
    )
    for (const [rule, r] of sorted.slice(0, 30))
      out.push(
        `| ${escapeMarkdown(rule)} | ${r.severity} | ${formatCount(r.artifacts)} | ${formatCount(r.findings)} |`,
      )
    out.push('')
  }
  const ranked = read
    .filter((l) => worst(l) >= 0 && worst(l) <= 1)
    .sort((a, b) => worst(a) - worst(b) || a.index - b.index)
  if (ranked.length > 0) {
    out.push('### Critical and high', '')
    for (const l of ranked.slice(0, 50))
      out.push(`- ${escapePath(l.entry, 160)}: ${escapeMarkdown(l.summary?.headline ?? '', 300)}`)
    if (ranked.length > 50) out.push(`- and ${formatCount(ranked.length - 50)} more`)
    out.push('')
  }
  out.push(
    '### All artifacts',
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map((_, i) => (i === 1 ? '---' : '---:')).join(' | ')} |`,
  )
  for (const l of lines) out.push(`| ${cells(l, (t) => escapePath(t, 160)).join(' | ')} |`)
  return out.join('\n') + '\n'
}

/** Exit code: 1 when an artifact fails --fail-on, 2 when an entry was not read (after the output). */
export async function runSummarize(argv: readonly string[], help: string): Promise<number> {
  const args = parseSummarizeArgs(argv)
  if (args.help) {
    await writeParts([help])
    return 0
  }
  const all: BatchLine[] = []
  for (const input of args.inputs) {
    let text: string
    try {
      text = await readFile(input, 'utf8')
    } catch (error) {
      throw new InputError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    for (const line of parseBatchLines(text)) all.push(line)
  }
  const lines = mergeLines(all)
  const text =
    args.format === 'json'
      ? lines.map((l) => JSON.stringify({ ...l, ms: undefined })).join('\n') + (lines.length ? '\n' : '')
      : args.format === 'markdown'
        ? formatSummaryMarkdown(lines)
        : formatTable(lines)
  await writeParts([text], args.output)
  const unread = lines.filter((l) => l.failed).length
  if (unread > 0)
    throw new InputError(`${unread} of ${lines.length} entries were not read; the table says why`)
  return lines.some((l) => lineFails(l, args)) ? 1 : 0
}
