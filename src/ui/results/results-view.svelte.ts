// How the results are looked at: the treemap's modes, the summary's filters and the search box, the
// pane shown, the file selected, third-party findings shown or not; and the lists and summary those
// choices make of the streamed results.
import { SummaryBuilder } from '../../core/report/summary'
import type { Category, ExposedFile, Finding, Kind, Summary } from '../../core/report/model'
import type { StreamedResults } from './results.svelte'
import type { Filters } from '../summary/filters'
import { fileFilterOf, filterFindingsBy, flaggedFileIds } from '../summary/filters'

export class ResultsView {
  readonly #results: StreamedResults

  /** Ids of a treemap area mode and colour mode (ui/treemap/modes). */
  sizeBy = $state('bytes')
  colorBy = $state('kind')
  kindFilter = $state<Kind | null>(null)
  categoryFilter = $state<Category | null>(null)
  search = $state('')
  /** Findings in third-party code are kept in the report but shown only on request. */
  showThirdParty = $state(false)
  /** The file chosen in the file table or opened from the treemap (its id), highlighted in both. */
  selectedFileId = $state<number | null>(null)
  /** The results pane shows the treemap or the file table. */
  pane = $state<'map' | 'files'>('map')
  /** The findings table's rows in its current order and filter (the viewer's Prev/Next walk them). */
  tableOrder = $state.raw<readonly Finding[]>([])

  constructor(results: StreamedResults) {
    this.#results = results
  }

  /** Findings the page shows: without third-party ones unless asked for. */
  readonly #shownFindings: readonly Finding[] = $derived.by(() =>
    this.showThirdParty ? this.#results.findings : this.#results.findings.filter((f) => !f.thirdParty),
  )

  get shownFindings(): readonly Finding[] {
    return this.#shownFindings
  }

  /** The report's summary once done; while scanning, the one kept up to date from the batches. Its
   *  finding counts are those of the findings shown. */
  readonly summary: Summary = $derived.by(() => {
    const results = this.#results
    const summary = results.report?.summary ?? results.provisional
    if (this.showThirdParty || !results.findings.some((f) => f.thirdParty)) return summary
    return { ...summary, findings: new SummaryBuilder().addFindings(this.#shownFindings).build().findings }
  })

  readonly headline: string = $derived.by(() => {
    const results = this.#results
    if (results.report) return results.report.summary.headline ?? ''
    if (results.files.length === 0) return ''
    return `${this.summary.headline ?? ''} (so far)`
  })

  readonly #filters: Filters = $derived({
    kind: this.kindFilter,
    category: this.categoryFilter,
    needle: this.search.trim().toLowerCase(),
  })

  /** The treemap's filter (null when nothing is filtered). */
  readonly fileFilter: ((file: ExposedFile) => boolean) | null = $derived.by(() =>
    fileFilterOf(
      this.#filters,
      this.categoryFilter === null
        ? null
        : flaggedFileIds(this.#results.files, this.#shownFindings, this.categoryFilter),
    ),
  )

  /** Findings passing the summary filters and the search box. */
  readonly visibleFindings: readonly Finding[] = $derived.by(() =>
    filterFindingsBy(this.#filters, this.#results.files, this.#shownFindings),
  )

  get hasFilter(): boolean {
    return this.kindFilter !== null || this.categoryFilter !== null || this.search.trim() !== ''
  }

  clearFilters(): void {
    this.kindFilter = null
    this.categoryFilter = null
    this.search = ''
  }
}
