// The page's view of a report's exposures: the triage a reviewer gave them (accepted or suppressed,
// with a reason; kept by exposure key, so it outlives a new analysis of the same artifact and can be
// saved as a baseline), whether suppressed ones show, whether the findings table groups by exposure,
// and the brief's filter (the exposures of one of its lines, or one exposure).
import type { Exposure, Finding, Report } from '../../core/report/model'
import { briefOf, type Brief } from '../../core/report/brief'

export type TriageStatus = 'accepted' | 'suppressed'
export interface Triage {
  status: TriageStatus
  reason: string
}

/** The exposures a filter of the brief keeps, and the words saying so ("Roadmap", "KAIROS"). */
export interface ExposureFilter {
  label: string
  ids: ReadonlySet<number>
}

export class ExposureView {
  /** Triage by exposure key. */
  #triage = $state.raw<ReadonlyMap<string, Triage>>(new Map())
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
  readonly #hidden: ReadonlySet<number> = $derived.by(() => {
    if (this.showSuppressed) return new Set()
    return new Set(this.exposures.filter((e) => e.triage?.status === 'suppressed').map((e) => e.id))
  })

  get suppressedCount(): number {
    let n = 0
    for (const e of this.exposures) if (e.triage?.status === 'suppressed') n++
    return n
  }

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
    const next = new Map(this.#triage)
    if (triage) next.set(exposure.key, triage)
    else next.delete(exposure.key)
    this.#triage = next
  }

  /** Replaces the whole triage (a baseline loaded). */
  replaceTriage(entries: Iterable<[string, Triage]>): void {
    this.#triage = new Map(entries)
  }

  clearFilter(): void {
    this.filter = null
  }
}
