// The page's state: one analysis at a time (the job, its inputs and limits, where the page is) and
// the viewer. What the analysis streamed is kept by StreamedResults (results/results.svelte.ts), how it is
// looked at (modes, filters, selection) by ResultsView (results/results-view.svelte.ts).
import { loadScopes, parseScopes, saveScopes } from './settings/settings'
import type { ExposedFile, Finding, Limits } from '../core/report/model'
import { DEFAULT_LIMITS } from '../core/report/model'
import type { AnalysisClient, JobHandle } from '../worker/client'
import type { InputFile, ShippedBytes } from '../worker/protocol'
import { MARKS } from '../worker/protocol'
import { StreamedResults } from './results/results.svelte'
import { ResultsView } from './results/results-view.svelte'
import { ExposureView } from './brief/exposure-view.svelte'
import { sha256Hex } from './export/exports'
import { fileOf, inFile } from './viewer/navigation'

export type Phase = 'landing' | 'running' | 'done' | 'failed'

export interface ViewerTarget {
  file: ExposedFile
  line?: number
  /** The finding to select (opened from the findings table, or stepped to with Prev/Next). */
  finding?: Finding
}

/** The sample artifact the app serves itself. Same value as SAMPLE_URL in src/build/sample-plugin.ts
 *  (the page does not import build code); relative, so the app works under any sub-path. */
export const SAMPLE_URL = 'sample/acme-orbit-cli-3.4.1.tgz'

/** Digests of input files, made once per file. */
const DIGESTS = new WeakMap<Blob, Promise<string | undefined>>()

/** "Retry with lower limits" divides every byte/entry limit by this. */
const RETRY_DIVISOR = 4

export class AppState {
  readonly #client: AnalysisClient
  #handle: JobHandle | null = null
  /** Counts the user's actions that replace what is shown (an artifact opened, the sample asked
   *  for, back to the landing page): callbacks of an older one ignore themselves, so a late answer
   *  (a cancelled job's end, a slow sample download) never undoes the latest action. */
  #generation = 0
  #inputs = $state.raw<InputFile[]>([])
  /** What the current analysis streamed, and its report once done. */
  readonly results = new StreamedResults()
  /** The results' modes, filters and selection, and what they make of the results. */
  readonly view = new ResultsView(this.results)
  /** The report's exposures: their triage, the brief and the findings table's grouping. */
  readonly exposures = new ExposureView(
    () => this.results.settled,
    () => this.results.briefed,
  )

  #phase = $state<Phase>('landing')
  #inputName = $state('')
  #fatal = $state<string | null>(null)
  #notice = $state<string | null>(null)
  #limits = $state.raw<Partial<Limits>>({})
  #viewer = $state.raw<ViewerTarget | null>(null)
  /** The viewer's file as its lines (null while loading or without content). */
  #viewerText = $state.raw<string[] | null>(null)

  comparing = $state(false)
  /** The landing page shown by the browser's Back while an analysis stays in memory (Forward
   *  shows it again). */
  atLanding = $state(false)
  /** npm scopes counted as first-party (remembered in this browser); applies to the next analysis. */
  internalScopes = $state<string[]>(loadScopes())

  constructor(client: AnalysisClient) {
    this.#client = client
  }

  get phase(): Phase {
    return this.#phase
  }
  get inputName(): string {
    return this.#inputName
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
  get viewerText(): string[] | null {
    return this.#viewerText
  }
  /** Whether there is an input to run again (not after a sample that failed to download). */
  get canRetry(): boolean {
    return this.#inputs.length > 0
  }
  get client(): AnalysisClient {
    return this.#client
  }

  /** Starts analysing a new artifact; the previous job is cancelled and its replies dropped. */
  analyze(inputs: InputFile[], limits: Partial<Limits> = {}): void {
    if (inputs.length === 0) return
    const generation = ++this.#generation
    const current = () => generation === this.#generation
    const results = this.results
    this.#handle?.cancel()
    this.#handle?.release()
    this.#inputs = inputs
    this.#limits = limits
    this.#inputName = inputs.length === 1 ? inputs[0].path : `${inputs.length} files`
    this.#clearResults()
    this.view.clearFilters()
    this.exposures.clearFilter()
    this.comparing = false
    this.atLanding = false
    this.#phase = 'running'
    this.#handle = this.#client.start(
      inputs,
      limits,
      {
        progress: (p) => current() && results.addProgress(p),
        files: (batch, soFar) => current() && results.addFiles(batch, soFar),
        findings: (batch, soFar) => current() && results.addFindings(batch, soFar),
        errors: (batch) => current() && results.addErrors(batch),
        done: (report, info) => {
          if (!current()) return
          results.finish(report)
          this.#phase = 'done'
          if (info.cancelled) this.#notice = 'Cancelled: the results below cover what was read before.'
          performance.mark(MARKS.analysisDone, { detail: { workerTimings: info.timings } })
        },
        failed: (message, reason) => {
          if (!current()) return
          // What was read before stays visible.
          results.stop()
          if (reason === 'cancelled') {
            this.#notice = message
            this.#phase = results.files.length > 0 ? 'done' : 'landing'
            return
          }
          this.#fatal = message
          this.#phase = 'failed'
        },
        // The job runs again from the start in a fresh worker: what it streamed comes again.
        restarted: () => current() && this.#clearResults(),
      },
      this.internalScopes,
      this.exposures.matchKey,
    )
  }

  /** The SHA-256 of the one file analysed (a report to hand over names the artifact by it, as
   *  `scan --format html` does); undefined for several files, a folder or a file too large to read whole. */
  async inputSha256(): Promise<string | undefined> {
    const inputs = this.#inputs
    if (inputs.length !== 1) return undefined
    const file = inputs[0].file
    let digest = DIGESTS.get(file)
    if (!digest) DIGESTS.set(file, (digest = sha256Hex(file)))
    return digest
  }

  /** Reads a baseline file into the triage. A baseline keyed otherwise than the report's analysis
   *  (the CLI's `--write-baseline` makes its own key) matches secrets by hashes under its key: the
   *  input is analysed again with that key when the report has a secret (`reanalysing`). */
  loadBaseline(text: string): { entries: number; matched: number; reanalysing: boolean } | { error: string } {
    const loaded = this.exposures.loadBaseline(text)
    if ('error' in loaded) return loaded
    const secrets = this.results.report?.exposures?.some((e) => e.kind === 'secret') ?? false
    const reanalysing = loaded.rekeyed && secrets && this.#inputs.length > 0
    if (reanalysing) this.analyze(this.#inputs, this.#limits)
    return { entries: loaded.entries, matched: loaded.matched, reanalysing }
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
    this.results.clear()
    this.#fatal = null
    this.#notice = null
    this.#viewer = null
    this.#viewerText = null
    this.view.selectedFileId = null
  }

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
    this.view.selectedFileId = file.id
    // Another place in the file already shown: the text stays.
    if (this.#viewer?.file === file) {
      this.#viewer = { file, line, finding }
      return
    }
    this.#viewer = { file, line, finding }
    this.#viewerText = null
    const handle = this.#handle
    if (!handle || !file.hasContent) return
    const text = await handle.readLines(file.id)
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
    const file = fileOf(this.results.files, finding)
    if (file) void this.openFile(file, finding.line > 0 ? finding.line : undefined, finding)
  }

  closeViewer(): void {
    this.#viewer = null
    this.#viewerText = null
  }

  findingsOf(file: ExposedFile): Finding[] {
    return this.results.findings.filter((f) => inFile(f, file))
  }
}
