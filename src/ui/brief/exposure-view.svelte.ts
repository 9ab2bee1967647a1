// The page's view of a report's exposures: the triage a reviewer gave them (accepted or suppressed,
// with a reason; kept by exposure key, so it outlives a new analysis of the same artifact and can be
// saved as a baseline), whether suppressed ones show, whether the findings table groups by exposure,
// and the brief's filter (the exposures of one of its lines, or one exposure).
import type { Exposure, Finding, Report } from '../../core/report/model'
import { briefOf, type Brief } from '../../core/report/brief'
import type { Triage } from '../../core/report/baseline'
import { baselineOf, baselineText, BaselineError, readBaseline, triageOf } from '../../core/report/baseline'
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
  readonly #report: () => Report | null
  showSuppressed = $state(false)
  /** The findings table shows a row per exposure (else a row per place). */
  grouped = $state(true)
  filter = $state.raw<ExposureFilter | null>(null)

  constructor(report: () => Report | null) {
    this.#report = report
  }

  get triage(): ReadonlyMap<string, Triage> {
    return this.#triage
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
    const report = this.#report()
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
   *  --baseline). The page analyses without a match key, so the file has none: a secret is matched
   *  by its rule and redaction, as a keyless CLI scan matches it. */
  baselineText(): string {
    return baselineText(baselineOf(this.#report()?.exposures ?? [], this.#triage))
  }

  /** Replaces the triage by a baseline file's; says how many entries it had and how many of this
   *  report's exposures they match, or what is wrong with the file (the triage then stays). */
  loadBaseline(text: string): { entries: number; matched: number } | { error: string } {
    let triage: Map<string, Triage>
    try {
      triage = triageOf(readBaseline(text))
    } catch (error) {
      if (error instanceof BaselineError) return { error: error.message }
      throw error
    }
    this.#triage = triage
    const matched = (this.#report()?.exposures ?? []).filter((e) => triage.has(e.key)).length
    return { entries: triage.size, matched }
  }

  clearFilter(): void {
    this.filter = null
  }
}
