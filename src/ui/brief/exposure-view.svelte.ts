// The page's view of a report's exposures: the triage a reviewer gave them (accepted or suppressed,
// with a reason; kept by exposure key, so it outlives a new analysis of the same artifact and can be
// saved as a baseline), whether suppressed ones show, whether the findings table groups by exposure,
// and the brief's filter (the exposures of one of its lines, or one exposure).
import type { Exposure, Finding, Report } from '../../core/report/model'
import { briefOf, type Brief } from '../../core/report/brief'
import type { BaselineEntry, Triage } from '../../core/report/baseline'
import {
  baselineKey,
  baselineOf,
  baselineText,
  BaselineError,
  readBaseline,
  triageOf,
} from '../../core/report/baseline'
import { sameBytes } from '../../core/util/keyed-hash'
import { NO_IDS, NO_TRIAGE, suppressedIds, withTriage } from './triage-sets'

export type { Triage, TriageStatus } from '../../core/report/baseline'

/** The exposures a filter of the brief keeps, and the words saying so ("Roadmap", "KAIROS"). */
export interface ExposureFilter {
  label: string
  ids: ReadonlySet<number>
}

export class ExposureView {
  /** Triage by exposure key. */
  #triage = $state.raw<ReadonlyMap<string, Triage>>(NO_TRIAGE)
  /** The entries of the baseline loaded last: saved again when they name nothing in this report. */
  #loaded: readonly BaselineEntry[] = []
  /** The key secrets are hashed with: the loaded baseline's (none until one with a key is loaded). */
  #matchKey: Uint8Array | undefined = undefined
  readonly #report: () => Report | null
  readonly #briefReport: () => Report | null
  showSuppressed = $state(false)
  /** The findings table shows a row per exposure (else a row per place). */
  grouped = $state(true)
  filter = $state.raw<ExposureFilter | null>(null)

  /** `report`: the report whose exposures are shown; `briefReport`: the same once its brief may be
   *  shown (later, in a task of its own). */
  constructor(report: () => Report | null, briefReport: () => Report | null = report) {
    this.#report = report
    this.#briefReport = briefReport
  }

  get triage(): ReadonlyMap<string, Triage> {
    return this.#triage
  }

  /** The key the page analyses with, so a secret hashes as the loaded baseline's did (the CLI's
   *  `scan --baseline` analyses with the same key); the secret itself is never kept. */
  get matchKey(): Uint8Array | undefined {
    return this.#matchKey
  }

  /** The report's exposures with the triage set on them; [] before the analysis is done. */
  readonly exposures: readonly Exposure[] = $derived.by(() => {
    const exposures = this.#report()?.exposures ?? []
    if (this.#triage.size === 0) return exposures
    return exposures.map((e) => {
      const triage = this.#triage.get(e.key)
      return triage ? { ...e, triage } : e
    })
  })

  readonly brief: Brief | null = $derived.by(() => {
    const report = this.#briefReport()
    if (!report?.exposures) return null
    return briefOf(
      { exposures: this.exposures, findings: report.findings, files: report.files },
      { showSuppressed: this.showSuppressed },
    )
  })

  /** Ids of the exposures hidden because they are suppressed (none when they show). */
  readonly #hidden: ReadonlySet<number> = $derived(
    this.showSuppressed ? NO_IDS : suppressedIds(this.exposures),
  )

  /** `findings` without the places of hidden (suppressed) exposures and, with a filter, only the
   *  places of its exposures. */
  filterFindings(findings: readonly Finding[]): readonly Finding[] {
    const hidden = this.#hidden
    const keep = this.filter?.ids
    if (hidden.size === 0 && !keep) return findings
    return findings.filter((f) => {
      if (f.exposure === undefined) return !keep
      return !hidden.has(f.exposure) && (!keep || keep.has(f.exposure))
    })
  }

  setTriage(exposure: Exposure, triage: Triage | null): void {
    this.#triage = withTriage(this.#triage, exposure.key, triage)
  }

  /** The baseline file of the triage now (core/report/baseline.ts, the file the CLI reads with
   *  --baseline), with the loaded baseline's key and its entries that name nothing in this report.
   *  Without a loaded key the page analyses without one: a secret is then matched by its rule and
   *  redaction, as a keyless CLI scan matches it. */
  baselineText(): string {
    const exposures = this.#report()?.exposures ?? []
    return baselineText(baselineOf(exposures, this.#triage, this.#matchKey, this.#loaded))
  }

  /** Replaces the triage by a baseline file's; says how many entries it had and how many of this
   *  report's exposures they match, or what is wrong with the file (the triage then stays). Its key
   *  becomes the page's match key (`rekeyed` when that changed it: the report must be analysed again
   *  for its secrets to match). */
  loadBaseline(text: string): { entries: number; matched: number; rekeyed: boolean } | { error: string } {
    let baseline
    try {
      baseline = readBaseline(text)
    } catch (error) {
      if (error instanceof BaselineError) return { error: error.message }
      throw error
    }
    const triage = triageOf(baseline)
    this.#triage = triage
    this.#loaded = baseline.entries
    const key = baselineKey(baseline)
    const rekeyed = !sameBytes(key, this.#matchKey)
    this.#matchKey = key
    const matched = (this.#report()?.exposures ?? []).filter((e) => triage.has(e.key)).length
    return { entries: triage.size, matched, rekeyed }
  }

  clearFilter(): void {
    this.filter = null
  }
}
