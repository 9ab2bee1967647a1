// What one analysis has streamed so far, and its report once done. Big arrays are $state.raw and
// replaced wholesale (never deep-proxy 200,000 files); batches are appended to plain buffers and
// published as a fresh array, a few times a second at most.
import { SummaryBuilder } from '../../core/report/summary'
import { appendAll } from '../../core/util/append'
import type { ExposedFile, Finding, Progress, Report, ReportError, Summary } from '../../core/report/model'
import { MARKS } from '../../worker/protocol'
import { afterNextFrame } from '../schedule'

export interface ProgressView extends Progress {
  /** Bytes (or files, while scanning) per second since the stage began. */
  rate: number
}

/** Streamed files, findings and progress figures are shown at most this often (ms) while an analysis
 *  runs: on 2 cores every re-render of the page takes time from the worker and is slowed by it. */
const PUBLISH_MS = 250

export class StreamedResults {
  #errorBuf: ReportError[] = []
  #stageStart = { stage: '', at: 0 }
  #summaryBuilder = new SummaryBuilder()
  /** Streamed files and findings not shown yet (see PUBLISH_MS), and when they were last shown. */
  #pendingFiles: readonly ExposedFile[] | null = null
  #pendingFindings: readonly Finding[] | null = null
  /** Streamed problems not shown yet (a damaged tarball can stream 200,000 of them). */
  #pendingErrors = false
  #pendingProgress: ProgressView | null = null
  #publishTimer: ReturnType<typeof setTimeout> | null = null
  #lastPublish = 0
  /** The headline figures last marked for the benchmark. */
  #headlineMarked = ''

  /** The summary of what has streamed in so far, updated batch by batch. */
  #provisional = $state.raw<Summary>(new SummaryBuilder().build())
  #files = $state.raw<readonly ExposedFile[]>([])
  #findings = $state.raw<readonly Finding[]>([])
  #errors = $state.raw<readonly ReportError[]>([])
  #report = $state.raw<Report | null>(null)
  #settled = $state.raw<Report | null>(null)
  #briefed = $state.raw<Report | null>(null)
  /** Cancels the settling of a report not shown yet (see finish). */
  #cancelSettle: (() => void) | null = null
  #progress = $state.raw<ProgressView | null>(null)

  get files(): readonly ExposedFile[] {
    return this.#files
  }
  get findings(): readonly Finding[] {
    return this.#findings
  }
  get errors(): readonly ReportError[] {
    return this.#errors
  }
  get report(): Report | null {
    return this.#report
  }
  /** The report once its findings (in the report's order) and its exposures are shown: a frame after
   *  `report` (see finish); null before. */
  get settled(): Report | null {
    return this.#settled
  }
  /** The report once its brief is shown: a frame after `settled`; null before. */
  get briefed(): Report | null {
    return this.#briefed
  }
  get progress(): ProgressView | null {
    return this.#progress
  }
  get provisional(): Summary {
    return this.#provisional
  }

  /** Empties what an analysis showed, before one starts (or starts again). */
  clear(): void {
    this.#errorBuf = []
    this.#summaryBuilder = new SummaryBuilder()
    this.#provisional = this.#summaryBuilder.build()
    this.#files = []
    this.#findings = []
    this.#errors = []
    this.#report = null
    this.#settled = null
    this.#briefed = null
    this.#headlineMarked = ''
    this.#progress = null
    this.#dropPending()
  }

  addFiles(batch: readonly ExposedFile[], soFar: readonly ExposedFile[]): void {
    this.#summaryBuilder.addFiles(batch)
    this.#pendingFiles = soFar
    this.#publishSoon()
  }

  addFindings(batch: readonly Finding[], soFar: readonly Finding[]): void {
    this.#summaryBuilder.addFindings(batch)
    this.#pendingFindings = soFar
    this.#publishSoon()
  }

  addErrors(batch: readonly ReportError[]): void {
    appendAll(this.#errorBuf, batch)
    this.#pendingErrors = true
    this.#publishSoon()
  }

  addProgress(p: Progress): void {
    const now = performance.now()
    const newStage = this.#stageStart.stage !== p.stage
    if (newStage) this.#stageStart = { stage: p.stage, at: now }
    const seconds = (now - this.#stageStart.at) / 1000
    this.#pendingProgress = { ...p, rate: seconds > 0.05 ? p.done / seconds : 0 }
    // A new stage shows at once; figures within a stage follow with the next showing.
    if (newStage) this.#publish()
    else this.#publishSoon()
  }

  /** The report replaces what streamed: its headline, summary, files and problems at once; its
   *  findings in their final order with the exposures (the grouped findings table, the map's marks)
   *  in a task after the next frame; the brief after one more frame. Showing a report of thousands
   *  of findings is three tasks and three renderings of the page instead of one long one. */
  finish(report: Report): void {
    this.#dropPending()
    this.#report = report
    // The same file objects in the same order: keep the array, so the treemap and the filters
    // that depend on it do not redo their work for nothing (a rebuild of 200,000 files).
    if (!sameItems(report.files, this.#files)) this.#files = report.files
    this.#errors = report.errors
    this.#progress = null
    this.#markHeadline(report.summary)
    this.#cancelSettle = afterNextFrame(() => {
      this.#findings = report.findings
      this.#settled = report
      this.#cancelSettle = afterNextFrame(() => {
        this.#cancelSettle = null
        this.#briefed = report
      })
    })
  }

  /** The analysis ended without a report: what was read before stays visible. */
  stop(): void {
    this.#publish()
    this.#progress = null
  }

  /** Shows the streamed files, findings and progress at most every PUBLISH_MS: each showing
   *  re-renders the summary, the headline, the table, the progress panel and the treemap's data, a
   *  map's sources arrive as several messages in a row, and the worker reports progress every 100 ms. */
  #publishSoon(): void {
    if (this.#publishTimer !== null) return
    const wait = Math.max(0, this.#lastPublish + PUBLISH_MS - performance.now())
    this.#publishTimer = setTimeout(() => this.#publish(), wait)
  }

  #publish(): void {
    if (this.#publishTimer !== null) clearTimeout(this.#publishTimer)
    this.#publishTimer = null
    const files = this.#pendingFiles
    const findings = this.#pendingFindings
    if (files === null && findings === null && this.#pendingProgress === null && !this.#pendingErrors) return
    this.#lastPublish = performance.now()
    if (this.#pendingProgress !== null) this.#progress = this.#pendingProgress
    if (files !== null) {
      if (this.#files.length === 0 && files.length > 0) performance.mark(MARKS.filesListed)
      this.#files = files.slice()
    }
    if (findings !== null) this.#findings = findings.slice()
    if (this.#pendingErrors) this.#errors = this.#errorBuf.slice()
    if (files !== null || findings !== null) {
      this.#provisional = this.#summaryBuilder.build()
      this.#markHeadline(this.#provisional)
    }
    this.#pendingFiles = null
    this.#pendingFindings = null
    this.#pendingProgress = null
    this.#pendingErrors = false
  }

  #dropPending(): void {
    this.#cancelSettle?.()
    this.#cancelSettle = null
    if (this.#publishTimer !== null) clearTimeout(this.#publishTimer)
    this.#publishTimer = null
    this.#pendingFiles = null
    this.#pendingFindings = null
    this.#pendingProgress = null
    this.#pendingErrors = false
    this.#lastPublish = 0
  }

  /** Marks each change of the headline's first-party figures, for the benchmark (which takes the
   *  first mark that already shows the final figures). */
  #markHeadline(summary: Summary): void {
    const detail = { files: summary.firstPartySourceFiles, lines: summary.firstPartySourceLines }
    const key = `${detail.files}/${detail.lines}`
    if (key === this.#headlineMarked) return
    this.#headlineMarked = key
    performance.mark(MARKS.headline, { detail })
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
