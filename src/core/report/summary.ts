import type { ExposedFile, Finding, ReportError, SeverityCounts, Summary } from './model'
import { FirstPartyCounter } from './first-party'
import { emptySeverityCounts, UNSCANNED_SEVERITY } from './model'

import { CHAIN_SEPARATOR, formatCount, joinChain, plural } from './present'

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
export function summarize(
  files: readonly ExposedFile[],
  findings: readonly Finding[],
  unlisted?: Parameters<SummaryBuilder['addUnlisted']>[0],
): Summary {
  const builder = new SummaryBuilder().addFiles(files).addFindings(findings)
  if (unlisted) builder.addUnlisted(unlisted)
  return builder.build()
}

/** The same totals kept up to date batch by batch, so a page that receives 200,000 files in
 *  batches pays for each batch once instead of re-summing everything it has on every batch. */
export class SummaryBuilder {
  #files = 0
  #bytes = 0
  readonly #kinds: Summary['kinds'] = {}
  readonly #findings: Summary['findings'] = {}
  readonly #firstParty = new FirstPartyCounter()

  addFiles(files: readonly ExposedFile[]): this {
    for (const file of files) {
      this.#files++
      this.#bytes += file.bytes
      const kind = (this.#kinds[file.kind] ??= { files: 0, bytes: 0 })
      kind.files++
      kind.bytes += file.bytes
      this.#firstParty.add(file)
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

  /** Findings counted but not listed (see FindingList): added to the counts, and said how many. */
  addUnlisted(unlisted: { counts: Summary['findings']; repeats: number; pastLimit: number }): this {
    for (const [category, counts] of Object.entries(unlisted.counts) as [string, SeverityCounts][]) {
      const into = (this.#findings[category as keyof Summary['findings']] ??= emptySeverityCounts())
      for (const severity of Object.keys(counts) as (keyof SeverityCounts)[])
        into[severity] += counts[severity]
    }
    this.#unlisted = { repeats: unlisted.repeats, pastLimit: unlisted.pastLimit }
    return this
  }

  #unlisted: Summary['unlisted']

  /** A fresh Summary (nothing in it is shared with the builder, which may go on adding). */
  build(): Summary {
    const { reconstructed, shipped, total, byMap } = this.#firstParty
    const summary: Summary = {
      files: this.#files,
      bytes: this.#bytes,
      firstPartySourceFiles: total.files,
      firstPartySourceLines: total.lines,
      kinds: Object.fromEntries(Object.entries(this.#kinds).map(([k, v]) => [k, { ...v }])),
      findings: Object.fromEntries(Object.entries(this.#findings).map(([k, v]) => [k, { ...v }])),
      reconstructedSourceFiles: reconstructed.files,
      reconstructedSourceLines: reconstructed.lines,
      shippedSourceFiles: shipped.files,
      shippedSourceLines: shipped.lines,
    }
    const maps = [...byMap]
      .filter(([key]) => key !== '')
      .sort((a, b) => b[1].lines - a[1].lines)
      .map(([key]) => key)
    if (maps.length > 0) summary.reconstructedFrom = maps
    summary.headline = headlineOf(summary)
    if (this.#unlisted) summary.unlisted = { ...this.#unlisted }
    return summary
  }
}

/** "package/cli.js.map" of "a.tgz › package/cli.js.map" (the dropped input's own name is left out). */
export const mapName = (chain: string): string => joinChain(chain.split(CHAIN_SEPARATOR).slice(1)) || chain

function headlineOf(s: Summary): string {
  if (s.firstPartySourceFiles > 0) {
    const parts = [
      plural(s.firstPartySourceFiles, 'first-party source file'),
      `${formatCount(s.firstPartySourceLines)} lines`,
    ]
    const from = s.reconstructedFrom
    const shipped = s.shippedSourceFiles ?? 0
    if (from && from.length > 0) {
      const via = `reconstructed from ${mapName(from[0])}${from.length > 1 ? ` and ${from.length - 1} more` : ''}`
      parts.push(
        shipped > 0
          ? `${formatCount(s.reconstructedSourceFiles ?? 0)} ${via}, ${formatCount(shipped)} shipped as is`
          : via,
      )
    } else parts.push('shipped as is')
    return parts.join(' · ')
  }
  if (s.files === 0) return 'Nothing exposed: the artifact holds no files'
  return `${plural(s.files, 'file')} exposed · no first-party source`
}
