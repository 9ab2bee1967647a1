import type { ExposedFile, Finding, ReportError, Summary } from './model'
import { emptySeverityCounts, UNSCANNED_SEVERITY } from './model'

const formatCount = (n: number) => n.toLocaleString('en-US')

/** The sentence every view puts under its problems list when some left parts unscanned, or undefined. */
export function unscannedNote(errors: readonly ReportError[]): string | undefined {
  let n = 0
  for (const e of errors) if (e.unscanned) n++
  if (n === 0) return undefined
  const which = n < errors.length ? `${formatCount(n)} of them` : n === 1 ? 'It' : 'All of them'
  return (
    `${which} left parts not read or scanned: a release gate (--fail-on) counts ` +
    `${n === 1 ? 'it' : 'each'} as a ${UNSCANNED_SEVERITY} finding unless --allow-unscanned is given.`
  )
}

/** Totals for the summary block of the report. */
export function summarize(files: readonly ExposedFile[], findings: readonly Finding[]): Summary {
  return new SummaryBuilder().addFiles(files).addFindings(findings).build()
}

/** The same totals kept up to date batch by batch, so a page that receives 200,000 files in
 *  batches pays for each batch once instead of re-summing everything it has on every batch. */
export class SummaryBuilder {
  #files = 0
  #bytes = 0
  #firstPartyFiles = 0
  #firstPartyLines = 0
  readonly #kinds: Summary['kinds'] = {}
  readonly #findings: Summary['findings'] = {}
  /** First-party lines by parent chain (origin joined), for parents that may be maps. */
  readonly #linesByParent = new Map<string, { lines: number; namedMap: boolean }>()
  /** Chains of files that carry a map: files named *.map, or any file with an inline data: map. */
  readonly #mapKeys = new Set<string>()

  addFiles(files: readonly ExposedFile[]): this {
    for (const file of files) {
      if (file.container === 'source-map') this.#mapKeys.add([...file.origin, file.path].join(' › '))
      this.#files++
      this.#bytes += file.bytes
      const kind = (this.#kinds[file.kind] ??= { files: 0, bytes: 0 })
      kind.files++
      kind.bytes += file.bytes
      if (file.kind === 'first-party-source' && file.hasContent) {
        this.#firstPartyFiles++
        this.#firstPartyLines += file.lines
        const parent = file.origin.at(-1)
        if (parent === undefined) continue
        const key = file.origin.join(' › ')
        const entry = this.#linesByParent.get(key)
        if (entry) entry.lines += file.lines
        else this.#linesByParent.set(key, { lines: file.lines, namedMap: /\.map$/i.test(parent) })
      }
    }
    return this
  }

  addFindings(findings: readonly Finding[]): this {
    for (const finding of findings) {
      const counts = (this.#findings[finding.category] ??= emptySeverityCounts())
      counts[finding.severity]++
    }
    return this
  }

  /** A fresh Summary (nothing in it is shared with the builder, which may go on adding). */
  build(): Summary {
    const summary: Summary = {
      files: this.#files,
      bytes: this.#bytes,
      firstPartySourceFiles: this.#firstPartyFiles,
      firstPartySourceLines: this.#firstPartyLines,
      kinds: Object.fromEntries(Object.entries(this.#kinds).map(([k, v]) => [k, { ...v }])),
      findings: Object.fromEntries(Object.entries(this.#findings).map(([k, v]) => [k, { ...v }])),
    }
    const maps = [...this.#linesByParent]
      .filter(([key, v]) => v.namedMap || this.#mapKeys.has(key))
      .sort((a, b) => b[1].lines - a[1].lines)
      .map(([key]) => key)
    if (maps.length > 0) summary.reconstructedFrom = maps
    summary.headline = headlineOf(summary)
    return summary
  }
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
