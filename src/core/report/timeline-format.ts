// A timeline as text (a terminal, a CI log) and as Markdown (a pull-request comment, a wiki page).
// Versions, names, excerpts and paths come from the registry and the artifacts: they pass through
// neutral-text.ts (text) or escapeMarkdown (Markdown), and every line starts with words or marks of ours.
import { escapeMarkdown, escapePath } from './format-markdown'
import { formatBytes, formatCount, plural, severityRank } from './present'
import { SEVERITIES } from './model'
import { neutralPath, neutralText } from './neutral-text'
import type { Timeline, TimelineExposure, TimelineVersion } from './timeline'

/** Exposures listed per version and direction before "and N more". */
const LISTED = 12

/** "12 files · 40 KB · 3 first-party source files (120 lines) · 1 critical, 2 high". */
export function figuresLine(v: TimelineVersion): string {
  if (v.failed) return 'not read'
  const f = v.figures
  const parts = [plural(f.files, 'file'), formatBytes(f.bytes)]
  if (f.firstPartySourceFiles > 0)
    parts.push(
      `${plural(f.firstPartySourceFiles, 'first-party source file')} (${plural(f.firstPartySourceLines, 'line')})`,
    )
  const findings = SEVERITIES.filter((s) => f.findings[s] > 0).map(
    (s) => `${formatCount(f.findings[s])} ${s}`,
  )
  parts.push(findings.length > 0 ? findings.join(', ') : 'no findings')
  if (f.unscanned > 0) parts.push(`${formatCount(f.unscanned)} unscanned`)
  return parts.join(' · ')
}

/** How many versions were read, and how many exposures they carry in all. */
function overview(t: Timeline): string {
  const read = t.versions.filter((v) => !v.failed).length
  const failed = t.versions.length - read
  return (
    `${formatCount(t.versions.length)} versions${t.range ? ` in ${t.range}` : ''}` +
    `${failed > 0 ? ` (${formatCount(failed)} not read)` : ''}, ${formatCount(t.exposures.length)} exposures`
  )
}

function listed(ids: readonly number[], exposures: readonly TimelineExposure[]) {
  const sorted = [...ids].sort(
    (a, b) => severityRank(exposures[a].severity) - severityRank(exposures[b].severity) || a - b,
  )
  return { shown: sorted.slice(0, LISTED).map((id) => exposures[id]), more: sorted.length - LISTED }
}

export function formatTimelineText(t: Timeline): string {
  const out = [`History of ${neutralText(t.package, 214)}: ${overview(t)}`]
  for (const v of t.versions) {
    const date = v.published ? ` (${neutralText(v.published.slice(0, 10), 10)})` : ''
    out.push('', `Version ${neutralText(v.version, 80)}${date}: ${figuresLine(v)}`)
    if (v.failed) {
      out.push(`  not read: ${neutralText(v.failed, 300)}`)
      continue
    }
    out.push(`  change: ${v.change}`)
    for (const [sign, ids] of [
      ['+', v.appeared],
      ['-', v.gone],
    ] as const) {
      const { shown, more } = listed(ids, t.exposures)
      for (const e of shown)
        out.push(
          `  ${sign} [${e.severity}] ${e.rule} > ${neutralText(e.excerpt, 120)} · at ${neutralPath(e.path, 100)}`,
        )
      if (more > 0) out.push(`  ${sign} and ${formatCount(more)} more`)
    }
  }
  return out.join('\n') + '\n'
}

export function formatTimelineMarkdown(t: Timeline): string {
  const out = [`## History of ${escapeMarkdown(t.package, 214)}`, '', overview(t), '']
  out.push(
    '| Version | Published | Files | Bytes | First-party files | Critical | High | Medium | Low | Change |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  )
  for (const v of t.versions) {
    const f = v.figures
    const cells = v.failed
      ? ['', '', '', '', '', '', '', `not read: ${escapeMarkdown(v.failed, 200)}`]
      : [
          formatCount(f.files),
          formatBytes(f.bytes),
          formatCount(f.firstPartySourceFiles),
          ...(['critical', 'high', 'medium', 'low'] as const).map((s) => formatCount(f.findings[s])),
          escapeMarkdown(v.change, 400),
        ]
    const date = v.published ? escapeMarkdown(v.published.slice(0, 10), 10) : ''
    out.push(`| ${escapeMarkdown(v.version, 80)} | ${date} | ${cells.join(' | ')} |`)
  }
  const changed = t.versions.filter((v) => !v.failed && v.appeared.length + v.gone.length > 0)
  if (changed.length > 0) out.push('', '### What appeared and went away')
  for (const v of changed) {
    out.push('', `**${escapeMarkdown(v.version, 80)}**`, '')
    for (const [sign, ids] of [
      ['added', v.appeared],
      ['gone', v.gone],
    ] as const) {
      const { shown, more } = listed(ids, t.exposures)
      for (const e of shown)
        out.push(
          `- ${sign}: ${e.severity} ${e.rule} — ${escapeMarkdown(e.excerpt, 120)} (${escapePath(e.path, 100)})`,
        )
      if (more > 0) out.push(`- ${sign}: and ${formatCount(more)} more`)
    }
  }
  return out.join('\n') + '\n'
}
