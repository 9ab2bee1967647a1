import type { Report } from './model'
import { CATEGORIES, KINDS, SEVERITIES } from './model'

const count = (n: number) => n.toLocaleString('en-US')

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`
}

/** The largest exposed trees: files grouped by their container chain plus first path segment. */
function largestTrees(report: Report, limit: number): { tree: string; files: number; bytes: number }[] {
  const trees = new Map<string, { files: number; bytes: number }>()
  for (const file of report.files) {
    const first = file.path.split('/').slice(0, file.path.includes('/') ? 1 : 0)
    const key = [...file.origin, ...first].join(' › ') || '(top level)'
    const tree = trees.get(key) ?? { files: 0, bytes: 0 }
    tree.files++
    tree.bytes += file.bytes
    trees.set(key, tree)
  }
  return [...trees]
    .map(([tree, t]) => ({ tree, ...t }))
    .sort((a, b) => b.bytes - a.bytes || b.files - a.files)
    .slice(0, limit)
}

/** The human-readable summary the CLI prints by default. */
export function formatText(report: Report): string {
  const s = report.summary
  const out: string[] = []
  out.push(`${report.input.name} (${formatBytes(report.input.bytes)})`)
  out.push(s.headline ?? '')
  out.push('')
  out.push(`Exposed files: ${count(s.files)} · ${formatBytes(s.bytes)}`)
  for (const kind of KINDS) {
    const k = s.kinds[kind]
    if (k)
      out.push(
        `  ${kind.padEnd(20)} ${count(k.files).padStart(9)} files ${formatBytes(k.bytes).padStart(10)}`,
      )
  }
  out.push('')
  out.push('Largest exposed trees:')
  for (const t of largestTrees(report, 10)) {
    out.push(`  ${formatBytes(t.bytes).padStart(10)} ${count(t.files).padStart(8)} files  ${t.tree}`)
  }
  const categories = CATEGORIES.filter((c) => s.findings[c])
  if (categories.length > 0) {
    out.push('')
    out.push(`Findings: ${count(report.findings.length)}`)
    for (const category of categories) {
      const counts = s.findings[category]!
      const bySeverity = SEVERITIES.filter((sev) => counts[sev] > 0)
        .map((sev) => `${counts[sev]} ${sev}`)
        .join(', ')
      out.push(`  ${category.padEnd(20)} ${bySeverity}`)
    }
    const order = (sev: string) => SEVERITIES.indexOf(sev as (typeof SEVERITIES)[number])
    const top = [...report.findings].sort((a, b) => order(a.severity) - order(b.severity)).slice(0, 20)
    out.push('')
    out.push('Most severe findings:')
    for (const f of top) {
      const where = [...(f.origin ?? []), f.path].join(' › ') + (f.line > 0 ? `:${f.line}:${f.column}` : '')
      out.push(`  [${f.severity}] ${f.rule} ${where}`)
      out.push(`      ${f.message}${f.excerpt ? ` — ${f.excerpt}` : ''}`)
    }
    if (report.findings.length > top.length)
      out.push(`  … and ${count(report.findings.length - top.length)} more`)
  } else {
    out.push('')
    out.push('Findings: none')
  }
  if (report.errors.length > 0) {
    out.push('')
    out.push(`Problems reading the artifact: ${report.errors.length}`)
    for (const e of report.errors.slice(0, 20)) out.push(`  ${e.level ?? 'error'}: ${e.path}: ${e.message}`)
  }
  return out.join('\n') + '\n'
}
