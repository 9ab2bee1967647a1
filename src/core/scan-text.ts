// One text through the detectors, their failure caught and their time budget kept: what the core
// runs for each file, and what a scan service's thread runs (the CLI's worker threads).
import type { ScanResult, ScanTarget } from './analysis-contract'
import type { FindingCounts, ListedHashes } from './count-only'
import type { Finding } from './report/model'
import { scanBudgetMs, scanContentWithin, scanPartsWithin, TimeBudget } from './detectors'
import { decodeMoved, type MovedText } from './moved-text'
import { isParted, textParts } from './parted-scan'
import { detached } from './util/detach'
import type { KeyedHash } from './util/keyed-hash'

/** The detectors on one text, their failure caught: what a scan service's thread runs too. With
 *  `listed` the scan is count-only (see count-only.ts): its result has `counted`. */
export function scanText(
  file: ScanTarget,
  text: string,
  hasher?: KeyedHash,
  listed?: ListedHashes,
): ScanResult {
  const budget = new TimeBudget(scanBudgetMs(text.length))
  return resultOf(budget, () => scanContentWithin(file, text, budget, hasher, listed))
}

/** scanText of the text whose UTF-8 is `bytes`, in parts (see parted-scan.ts). Its time budget is
 *  reckoned from its bytes (its characters for ASCII text). */
export function scanTextBytes(
  file: ScanTarget,
  bytes: Uint8Array,
  hasher?: KeyedHash,
  listed?: ListedHashes,
): ScanResult {
  const budget = new TimeBudget(scanBudgetMs(bytes.length))
  return resultOf(budget, () => scanPartsWithin(file, textParts(bytes), budget, hasher, listed))
}

/** scanText of a text as it crossed to a scan service's thread (see moved-text.ts): UTF-8 long
 *  enough to be scanned in parts is, without decoding it whole. */
export function scanMoved(
  file: ScanTarget,
  content: string | MovedText,
  hasher?: KeyedHash,
  listed?: ListedHashes,
): ScanResult {
  if (content instanceof ArrayBuffer && isParted(content.byteLength))
    return scanTextBytes(file, new Uint8Array(content), hasher, listed)
  return scanText(file, typeof content === 'string' ? content : decodeMoved(content), hasher, listed)
}

/** The result of a scan (`scan`), its failure caught. */
function resultOf(
  budget: TimeBudget,
  scan: () => { findings: Finding[]; stoppedAt: string | null; counted?: FindingCounts },
): ScanResult {
  try {
    const { findings, stoppedAt, counted } = scan()
    // Findings outlive the text: their excerpts and messages must not keep it alive. Each distinct
    // one is copied once (the findings on a line share its excerpt, a rule's findings its message).
    const copies = new Map<string, string>()
    const copy = (s: string) => {
      let out = copies.get(s)
      if (out === undefined) copies.set(s, (out = detached(s)))
      return out
    }
    for (const finding of findings) {
      finding.excerpt = copy(finding.excerpt)
      finding.message = copy(finding.message)
    }
    const error = stoppedAt === null ? {} : { error: notFullyScanned(stoppedAt, budget.ms), stoppedAt }
    if (counted) return { findings, counted, ...error }
    return stoppedAt === null ? findings : { findings, ...error }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** The findings a result carries (none for a failed scan). */
export const findingsIn = (result: ScanResult): Finding[] =>
  Array.isArray(result) ? result : (result.findings ?? [])

/** The error entry of a text that ran past its time budget. */
export function notFullyScanned(stoppedAt: string, ms: number): string {
  return `Not fully scanned: the rule ${stoppedAt} was still running when the file's scan passed its time budget (${Math.round(ms)} ms); findings after that point may be missing`
}
