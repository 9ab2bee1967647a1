// The page's state: one analysis at a time, its streamed results, and the view's filters.
// Big arrays are $state.raw and replaced wholesale (never deep-proxy 200,000 files); batches are
// appended to plain buffers and published as a fresh array, a few times a second at most.
import { SummaryBuilder } from '../core/report/summary'
import { loadScopes, parseScopes, saveScopes } from './settings/settings'
import { appendAll } from '../core/util/append'
import type {
  Category,
  ExposedFile,
  Finding,
  Kind,
  Limits,
  Progress,
  Report,
  ReportError,
  Summary,
} from '../core/report/model'
import { DEFAULT_LIMITS } from '../core/report/model'
import type { AnalysisClient, JobHandle } from '../worker/client'
import type { InputFile, ShippedBytes } from '../worker/protocol'
import { MARKS } from '../worker/protocol'
import type { Filters } from './summary/filters'
import { fileFilterOf, filterFindingsBy, flaggedFileIds } from './summary/filters'

export type Phase = 'landing' | 'running' | 'done' | 'failed'

export interface ProgressView extends Progress {
  /** Bytes (or files, while scanning) per second since the stage began. */
  rate: number
}

export interface ViewerTarget {
  file: ExposedFile
  line?: number
  /** The finding to select (opened from the findings table, or stepped to with Prev/Next). */
  finding?: Finding
}

/** The sample artifact the app serves itself. Same value as SAMPLE_URL in src/build/sample-plugin.ts
 *  (the page does not import build code); relative, so the app works under any sub-path. */
export const SAMPLE_URL = 'sample/acme-orbit-cli-3.4.1.tgz'

/** "Retry with lower limits" divides every byte/entry limit by this. */
const RETRY_DIVISOR = 4

/** Streamed files, findings and progress figures are shown at most this often (ms) while an analysis
 *  runs: on 2 cores every re-render of the page takes time from the worker and is slowed by it. */
const PUBLISH_MS = 250

export class AppState {
  readonly #client: AnalysisClient
  #handle: JobHandle | null = null
  /** Counts the user's actions that replace what is shown (an artifact opened, the sample asked
   *  for, back to the landing page): callbacks of an older one ignore themselves, so a late answer
   *  (a cancelled job's end, a slow sample download) never undoes the latest action. */
  #generation = 0
  #inputs = $state.raw<InputFile[]>([])
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
  /** The summary of what has streamed in so far, updated batch by batch. */
  #provisional = $state.raw<Summary>(new SummaryBuilder().build())

  #phase = $state<Phase>('landing')
  #inputName = $state('')
  #files = $state.raw<readonly ExposedFile[]>([])
  #findings = $state.raw<readonly Finding[]>([])
  #errors = $state.raw<readonly ReportError[]>([])
  #report = $state.raw<Report | null>(null)
  #progress = $state.raw<ProgressView | null>(null)
  #fatal = $state<string | null>(null)
  #notice = $state<string | null>(null)
  #limits = $state.raw<Partial<Limits>>({})
  #viewer = $state.raw<ViewerTarget | null>(null)
  #viewerText = $state.raw<string | null>(null)

  /** Ids of a treemap area mode and colour mode (ui/treemap/modes). */
  sizeBy = $state('bytes')
  colorBy = $state('kind')
  kindFilter = $state<Kind | null>(null)
  categoryFilter = $state<Category | null>(null)
  search = $state('')
  comparing = $state(false)
  /** The landing page shown by the browser's Back while an analysis stays in memory (Forward
   *  shows it again). */
  atLanding = $state(false)
  /** npm scopes counted as first-party (remembered in this browser); applies to the next analysis. */
  internalScopes = $state<string[]>(loadScopes())
  /** Findings in third-party code are kept in the report but shown only on request. */
  showThirdParty = $state(false)
  /** The file chosen in the file table or opened from the treemap (its id), highlighted in both. */
  selectedFileId = $state<number | null>(null)
  /** The results pane shows the treemap or the file table. */
  pane = $state<'map' | 'files'>('map')
  /** The findings table's rows in its current order and filter (the viewer's Prev/Next walk them). */
  tableOrder = $state.raw<readonly Finding[]>([])

  constructor(client: AnalysisClient) {
    this.#client = client
  }

  get phase(): Phase {
    return this.#phase
  }
  get inputName(): string {
    return this.#inputName
  }
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
  get progress(): ProgressView | null {
    return this.#progress
  }
  get fatal(): string | null {
    return this.#fatal
  }
  get notice(): string | null {
    return this.#notice
  }
  get limits(): Partial<Limits> {
    return this.#limits
  }
  get viewer(): ViewerTarget | null {
    return this.#viewer
  }
  get viewerText(): string | null {
    return this.#viewerText
  }
  /** Whether there is an input to run again (not after a sample that failed to download). */
  get canRetry(): boolean {
    return this.#inputs.length > 0
  }
  get client(): AnalysisClient {
    return this.#client
  }

  /** Findings the page shows: without third-party ones unless asked for. */
  readonly #shownFindings: readonly Finding[] = $derived.by(() =>
    this.showThirdParty ? this.#findings : this.#findings.filter((f) => !f.thirdParty),
  )

  get shownFindings(): readonly Finding[] {
    return this.#shownFindings
  }

  /** The report's summary once done; while scanning, the one kept up to date from the batches. Its
   *  finding counts are those of the findings shown. */
  readonly summary: Summary = $derived.by(() => {
    const summary = this.#report?.summary ?? this.#provisional
    if (this.showThirdParty || !this.#findings.some((f) => f.thirdParty)) return summary
    return { ...summary, findings: new SummaryBuilder().addFindings(this.#shownFindings).build().findings }
  })

  readonly headline: string = $derived.by(() => {
    if (this.#report) return this.#report.summary.headline ?? ''
    if (this.#files.length === 0) return ''
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
        : flaggedFileIds(this.#files, this.#shownFindings, this.categoryFilter),
    ),
  )

  /** Findings passing the summary filters and the search box. */
  readonly visibleFindings: readonly Finding[] = $derived.by(() =>
    filterFindingsBy(this.#filters, this.#files, this.#shownFindings),
  )

  get hasFilter(): boolean {
    return this.kindFilter !== null || this.categoryFilter !== null || this.search.trim() !== ''
  }

  clearFilters(): void {
    this.kindFilter = null
    this.categoryFilter = null
    this.search = ''
  }

  /** Starts analysing a new artifact; the previous job is cancelled and its replies dropped. */
  analyze(inputs: InputFile[], limits: Partial<Limits> = {}): void {
    if (inputs.length === 0) return
    const generation = ++this.#generation
    const current = () => generation === this.#generation
    this.#handle?.cancel()
    this.#handle?.release()
    this.#inputs = inputs
    this.#limits = limits
    this.#inputName = inputs.length === 1 ? inputs[0].path : `${inputs.length} files`
    this.#clearResults()
    this.clearFilters()
    this.comparing = false
    this.atLanding = false
    this.#phase = 'running'
    this.#handle = this.#client.start(
      inputs,
      limits,
      {
        progress: (p) => current() && this.#onProgress(p),
        files: (batch, soFar) => {
          if (!current()) return
          this.#summaryBuilder.addFiles(batch)
          this.#pendingFiles = soFar
          this.#publishSoon()
        },
        findings: (batch, soFar) => {
          if (!current()) return
          this.#summaryBuilder.addFindings(batch)
          this.#pendingFindings = soFar
          this.#publishSoon()
        },
        errors: (batch) => {
          if (!current()) return
          appendAll(this.#errorBuf, batch)
          this.#pendingErrors = true
          this.#publishSoon()
        },
        done: (report, info) => {
          if (!current()) return
          this.#dropPending()
          this.#report = report
          // The same file objects in the same order: keep the array, so the treemap and the filters
          // that depend on it do not redo their work for nothing (a rebuild of 200,000 files).
          if (!sameItems(report.files, this.#files)) this.#files = report.files
          this.#findings = report.findings
          this.#errors = report.errors
          this.#progress = null
          this.#phase = 'done'
          if (info.cancelled) this.#notice = 'Cancelled: the results below cover what was read before.'
          this.#markHeadline(report.summary)
          performance.mark(MARKS.analysisDone, { detail: { workerTimings: info.timings } })
        },
        failed: (message, reason) => {
          if (!current()) return
          // What was read before stays visible.
          this.#publish()
          this.#progress = null
          if (reason === 'cancelled') {
            this.#notice = message
            this.#phase = this.#files.length > 0 ? 'done' : 'landing'
            return
          }
          this.#fatal = message
          this.#phase = 'failed'
        },
        // The job runs again from the start in a fresh worker: what it streamed comes again.
        restarted: () => current() && this.#clearResults(),
      },
      this.internalScopes,
    )
  }

  /** Sets the scopes counted as first-party, remembers them in this browser, and analyses the current
   *  input again with them (when there is one). */
  setInternalScopes(text: string): void {
    const scopes = parseScopes(text)
    if (scopes.join(' ') === this.internalScopes.join(' ')) return
    this.internalScopes = scopes
    saveScopes(scopes)
    if (this.#inputs.length > 0 && this.#phase !== 'landing') this.analyze(this.#inputs, this.#limits)
  }

  /** Empties what an analysis showed, before one starts (or starts again). */
  #clearResults(): void {
    this.#errorBuf = []
    this.#summaryBuilder = new SummaryBuilder()
    this.#provisional = this.#summaryBuilder.build()
    this.#files = []
    this.#findings = []
    this.#errors = []
    this.#report = null
    this.#headlineMarked = ''
    this.#progress = null
    this.#fatal = null
    this.#notice = null
    this.#viewer = null
    this.#viewerText = null
    this.selectedFileId = null
    this.#dropPending()
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
  #headlineMarked = ''

  /** Marks the moment an input arrived (drop, pick, sample click), for the benchmark. Callers mark
   *  before any slow step of their own, such as walking a dropped folder. */
  markInput(): void {
    performance.mark(MARKS.inputReceived)
  }

  async analyzeSample(fetcher: typeof fetch = fetch): Promise<void> {
    this.markInput()
    // Anything the user does while the sample downloads wins over the sample.
    const generation = ++this.#generation
    try {
      const response = await fetcher(SAMPLE_URL)
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const name = SAMPLE_URL.split('/').pop()!
      const file = new File([await response.blob()], name, { type: 'application/gzip' })
      if (generation === this.#generation) this.analyze([{ path: name, file }])
    } catch (error) {
      if (generation !== this.#generation) return
      this.#fatal = `The sample could not be loaded from this site (${error instanceof Error ? error.message : String(error)}).`
      this.#phase = 'failed'
    }
  }

  cancel(): void {
    this.#handle?.cancel()
  }

  /** Runs the last input again with every limit divided, after the worker died on it. */
  retryWithLowerLimits(): void {
    const base = { ...DEFAULT_LIMITS, ...this.#limits }
    this.markInput()
    this.analyze(this.#inputs, {
      maxInflatedBytes: Math.floor(base.maxInflatedBytes / RETRY_DIVISOR),
      maxFileBytes: Math.floor(base.maxFileBytes / RETRY_DIVISOR),
      maxEntries: Math.floor(base.maxEntries / RETRY_DIVISOR),
      maxDepth: base.maxDepth,
    })
  }

  reset(): void {
    this.#generation++
    this.#handle?.cancel()
    this.#handle?.release()
    this.#handle = null
    this.#phase = 'landing'
    this.atLanding = false
    this.#clearResults()
  }

  async openFile(file: ExposedFile, line?: number, finding?: Finding): Promise<void> {
    this.selectedFileId = file.id
    // Another place in the file already shown: the text stays.
    if (this.#viewer?.file === file) {
      this.#viewer = { file, line, finding }
      return
    }
    this.#viewer = { file, line, finding }
    this.#viewerText = null
    const handle = this.#handle
    if (!handle || !file.hasContent) return
    const text = await handle.read(file.id)
    if (this.#viewer?.file === file) this.#viewerText = text
  }

  /** A file's text from the worker (secrets masked unless `raw`); null when there is none. */
  readText(fileId: number, raw = false): Promise<string | null> {
    return this.#handle?.read(fileId, raw) ?? Promise.resolve(null)
  }

  /** A bundle's bytes by the sources of its sibling map (the treemap's "bytes in the bundle"). */
  shipped(bundleId: number, mapId: number): Promise<ShippedBytes | null> {
    return this.#handle?.shipped(bundleId, mapId) ?? Promise.resolve(null)
  }

  openFinding(finding: Finding): void {
    const file =
      finding.fileId !== undefined
        ? this.#files[finding.fileId]
        : this.#files.find((f) => f.path === finding.path)
    if (file) void this.openFile(file, finding.line > 0 ? finding.line : undefined, finding)
  }

  closeViewer(): void {
    this.#viewer = null
    this.#viewerText = null
  }

  findingsOf(file: ExposedFile): Finding[] {
    return this.#findings.filter((f) =>
      f.fileId !== undefined ? f.fileId === file.id : f.path === file.path,
    )
  }

  #onProgress(p: Progress): void {
    const now = performance.now()
    const newStage = this.#stageStart.stage !== p.stage
    if (newStage) this.#stageStart = { stage: p.stage, at: now }
    const seconds = (now - this.#stageStart.at) / 1000
    this.#pendingProgress = { ...p, rate: seconds > 0.05 ? p.done / seconds : 0 }
    // A new stage shows at once; figures within a stage follow with the next showing.
    if (newStage) this.#publish()
    else this.#publishSoon()
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
