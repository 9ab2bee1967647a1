// The eval's tables, as aligned text for the terminal and as Markdown for the README.
import { CATEGORIES } from '../../src/core/report/model'
import { per10MB, precisionOf, recallOf, type ArtifactScore, type Ratio, type Totals } from './score'

export interface Table {
  head: string[]
  rows: string[][]
  /** Columns aligned right (numbers). */
  right: number[]
}

const int = (n: number): string => n.toLocaleString('en-US')

export function ratio(r: Ratio): string {
  if (r.of === 0) return '—'
  return `${((100 * r.hit) / r.of).toFixed(1)}% (${int(r.hit)}/${int(r.of)})`
}

function pair(truth: number | undefined, report: number): string {
  if (truth === undefined) return '—'
  return truth === report ? int(truth) : `${int(truth)} / ${int(report)}`
}

export function categoryTable(t: Totals): Table {
  return {
    head: [
      'Category',
      'Recall (found/expected)',
      'Precision (matched/judged)',
      'Judged in (truth files)',
      'Findings ≥ low',
    ],
    right: [1, 2, 3, 4],
    rows: CATEGORIES.map((c) => {
      const s = t.categories[c]
      return [c, ratio(recallOf([s])), ratio(precisionOf([s])), int(s.judgedIn), int(s.findings)]
    }),
  }
}

export function artifactTable(scores: readonly ArtifactScore[]): Table {
  return {
    head: [
      'Artifact',
      'Role',
      'MB',
      'Recall',
      'Precision',
      'Traps hit',
      '≥ medium',
      '≥ medium /10 MB',
      'First-party files (truth / report)',
      'Lines (truth / report)',
    ],
    right: [2, 3, 4, 5, 6, 7, 8, 9],
    rows: scores.map((s) => {
      const cats = Object.values(s.categories)
      const c = s.counts
      return [
        `${s.package}@${s.version}`,
        s.role,
        (s.bytes / 1e6).toFixed(1),
        ratio(recallOf(cats)),
        ratio(precisionOf(cats)),
        int(s.trapHits.length),
        int(s.mediumOrAbove),
        per10MB(s.mediumOrAbove, s.bytes).toFixed(1),
        pair(c?.truth.firstPartySourceFiles, c?.report.firstPartySourceFiles ?? 0),
        pair(c?.truth.firstPartySourceLines, c?.report.firstPartySourceLines ?? 0),
      ]
    }),
  }
}

/** The headline figures under the tables. */
export function summaryLines(t: Totals): string[] {
  const { clean } = t
  return [
    `Recall over the set: ${ratio(t.recall)}`,
    `Precision over the complete categories: ${ratio(t.precision)}`,
    `Known non-exposures reported at low or above: ${int(t.trapHits)}`,
    `Clean packages: ${clean.artifacts}, ${(clean.bytes / 1e6).toFixed(1)} MB, ${int(clean.mediumOrAbove)} findings ` +
      `at medium or above = ${per10MB(clean.mediumOrAbove, clean.bytes).toFixed(1)} per 10 MB`,
  ]
}

export function formatText(table: Table): string {
  const widths = table.head.map((h, i) => Math.max(h.length, ...table.rows.map((r) => r[i].length)))
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (table.right.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return (
    [line(table.head), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n') + '\n'
  )
}

/** Cell text for Markdown: a pipe would end the cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|')

export function formatMarkdown(table: Table): string {
  const rule = table.head.map((_, i) => (table.right.includes(i) ? '---:' : '---'))
  return (
    [table.head, rule, ...table.rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`).join('\n') + '\n'
  )
}
