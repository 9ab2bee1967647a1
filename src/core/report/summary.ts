import type { ExposedFile, Finding, Summary } from './model'
import { emptySeverityCounts } from './model'

const formatCount = (n: number) => n.toLocaleString('en-US')

/** Totals for the summary block of the report. */
export function summarize(files: readonly ExposedFile[], findings: readonly Finding[]): Summary {
  const summary: Summary = {
    files: files.length,
    bytes: 0,
    firstPartySourceFiles: 0,
    firstPartySourceLines: 0,
    kinds: {},
    findings: {},
  }
  const linesByMap = new Map<string, number>()
  // Maps are files named *.map, or any file carrying a map (a JS file with an inline data: map).
  const mapKeys = new Set<string>()
  for (const file of files)
    if (file.container === 'source-map') mapKeys.add([...file.origin, file.path].join(' › '))
  for (const file of files) {
    summary.bytes += file.bytes
    const kind = (summary.kinds[file.kind] ??= { files: 0, bytes: 0 })
    kind.files++
    kind.bytes += file.bytes
    if (file.kind === 'first-party-source' && file.hasContent) {
      summary.firstPartySourceFiles++
      summary.firstPartySourceLines += file.lines
      const parent = file.origin.at(-1)
      const key = file.origin.join(' › ')
      if (parent !== undefined && (/\.map$/i.test(parent) || mapKeys.has(key))) {
        linesByMap.set(key, (linesByMap.get(key) ?? 0) + file.lines)
      }
    }
  }
  for (const finding of findings) {
    const counts = (summary.findings[finding.category] ??= emptySeverityCounts())
    counts[finding.severity]++
  }
  const maps = [...linesByMap].sort((a, b) => b[1] - a[1]).map(([key]) => key)
  if (maps.length > 0) summary.reconstructedFrom = maps
  summary.headline = headlineOf(summary)
  return summary
}

function headlineOf(s: Summary): string {
  if (s.firstPartySourceFiles > 0) {
    const parts = [
      `${formatCount(s.firstPartySourceFiles)} first-party source file${s.firstPartySourceFiles === 1 ? '' : 's'}`,
      `${formatCount(s.firstPartySourceLines)} lines`,
    ]
    const from = s.reconstructedFrom
    if (from && from.length > 0) {
      const last = from[0].split(' › ').slice(1).join(' › ') || from[0]
      parts.push(`reconstructed from ${last}${from.length > 1 ? ` and ${from.length - 1} more` : ''}`)
    } else parts.push('shipped as raw source')
    return parts.join(' · ')
  }
  if (s.files === 0) return 'Nothing exposed: the artifact holds no files'
  return `${formatCount(s.files)} file${s.files === 1 ? '' : 's'} exposed · no first-party source`
}
