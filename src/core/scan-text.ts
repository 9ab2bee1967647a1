// One text through the detectors, their failure caught and their time budget kept: what the core
// runs for each file, and what a scan service's thread runs (the CLI's worker threads).
import type { ScanResult, ScanTarget } from './analysis-contract'
import { scanBudgetMs, scanContentWithin, TimeBudget } from './detectors'
import type { KeyedHash } from './util/keyed-hash'

/** The detectors on one text, their failure caught: what a scan service's thread runs too. */
export function scanText(file: ScanTarget, text: string, hasher?: KeyedHash): ScanResult {
  try {
    const budget = new TimeBudget(scanBudgetMs(text.length))
    const { findings, stoppedAt } = scanContentWithin(file, text, budget, hasher)
    if (stoppedAt === null) return findings
    return { error: notFullyScanned(stoppedAt, budget.ms), findings, stoppedAt }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** The error entry of a text that ran past its time budget. */
export function notFullyScanned(stoppedAt: string, ms: number): string {
  return `Not fully scanned: the rule ${stoppedAt} was still running when the file's scan passed its time budget (${Math.round(ms)} ms); findings after that point may be missing`
}
