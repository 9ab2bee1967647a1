// One line of `scan --batch --jsonl OUT`: what one artifact of the list exposes, in brief. `summarize`
// reads these lines back (from one run or from several shards) and merges them into one table.
import type { Category, Report, Severity, Summary } from '../core/report/model'
import { severityRank } from '../core/report/present'

export interface BatchLine {
  /** Position of the entry in the list (0-based, blank lines and # comments not counted). */
  index: number
  /** The list's line as written: a path or a package spec. */
  entry: string
  input?: { name: string; bytes: number }
  /** The report's summary (the JSON report contract). */
  summary?: Summary
  /** Listed findings by rule, with the rule's category and worst severity. */
  rules?: Record<string, { category: Category; severity: Severity; findings: number }>
  /** Problems in the report, and how many of them left parts unread or unscanned. */
  errors?: number
  unscanned?: number
  /** Why the entry could not be fetched or read (then nothing else but index and entry). */
  failed?: string
  /** Milliseconds the scan took (not part of the merged table: it differs from run to run). */
  ms?: number
}

export function batchLine(index: number, entry: string, report: Report, ms: number): BatchLine {
  const rules: NonNullable<BatchLine['rules']> = {}
  for (const f of report.findings) {
    const known = rules[f.rule]
    if (!known) rules[f.rule] = { category: f.category, severity: f.severity, findings: 1 }
    else {
      known.findings++
      if (severityRank(f.severity) < severityRank(known.severity)) known.severity = f.severity
    }
  }
  return {
    index,
    entry,
    input: report.input,
    summary: report.summary,
    rules,
    errors: report.errors.length,
    unscanned: report.errors.filter((e) => e.unscanned).length,
    ms: Math.round(ms),
  }
}

/** Lines of a JSONL text that parse as batch lines; a torn last line (a stopped run) is skipped. */
export function parseBatchLines(text: string): BatchLine[] {
  const out: BatchLine[] = []
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      continue
    }
    const line = value as BatchLine
    if (
      typeof line === 'object' &&
      line !== null &&
      Number.isInteger(line.index) &&
      typeof line.entry === 'string'
    )
      out.push(line)
  }
  return out
}

/** The identity of an entry across runs and shards. */
export const entryKey = (line: Pick<BatchLine, 'index' | 'entry'>): string => `${line.index}\0${line.entry}`
