// One analysis job inside the worker: runs the core, batches what the sink reports into a few
// messages a second (200,000 files must not become 200,000 postMessage calls), keeps the texts the
// core hands over so the page's viewer can ask for them, and records stage timings for the benchmark.
import { analyze, type ScanService } from '../core/analyze'
import type { ExposedFile, Finding, Limits, Progress, Report, ReportError } from '../core/report/model'
import type { FinalParts, FromWorker, InputFile, ShippedBytes, WorkerTimings } from './protocol'
import { MARKS } from './protocol'
import { blobSource } from './worker-blob-source'
import { streamGunzip } from './worker-gunzip'
import { secretSpans } from '../core/detectors'
import { redactSecrets, type Span } from '../core/detectors/redact'
import { bundleBytes } from '../core/sourcemap/bundle-bytes'
import { readMapMappings } from '../core/sourcemap/map-mappings'
import { KeptTexts } from '../core/kept-texts'
import { BlobLog } from './worker-blob-log'
import { OpfsFile } from './worker-opfs-file'

/** How often batches and progress go out: a few updates a second keeps the page live without
 *  flooding its message queue. */
export const FLUSH_INTERVAL_MS = 100
/** A batch goes out early past this many items, bounding the size of one structured clone: the page
 *  reads each message in one task, while the worker keeps the other core busy and slows the page's
 *  own work several times over (4,756 map sources in one message were a 36 ms task; 1,000 still up
 *  to 38 ms of CPU; one message of 200,000 took 0.9–1.3 s). */
export const MAX_BATCH = 500

type Post = (message: FromWorker, transfer?: Transferable[]) => void

export class WorkerJob {
  readonly id: number
  /** Texts kept for the viewer and exports, outside the heap (a file of the origin's private file
   *  system, or Blobs without one); decoded when asked for. */
  texts = new KeptTexts(new BlobLog())
  /** The file this job keeps on disk (its texts, and a large map's bytes). */
  readonly #opfs: OpfsFile[] = []
  /** Each file's path by id, for finding the secrets in its text again when the viewer asks. */
  readonly #paths: string[] = []
  /** The secret spans of each text the viewer has asked for, so opening it again does not rescan it. */
  readonly #secretSpans = new Map<number, Span[]>()
  readonly #controller = new AbortController()
  readonly #post: Post
  readonly #timings: WorkerTimings = {}
  #files: ExposedFile[] = []
  #findings: Finding[] = []
  #errors: ReportError[] = []
  #progress: Progress | null = null
  #lastStage: string | null = null
  #lastFlush = 0
  #timer: ReturnType<typeof setTimeout> | null = null
  #listed = false
  /** Each file's kind and map resolution as streamed, by id, to send only what changed at the end. */
  readonly #streamedAs: Pick<ExposedFile, 'kind' | 'mapResolution'>[] = []
  /** Stream position of every finding sent. */
  readonly #findingAt = new Map<Finding, number>()

  constructor(id: number, post: Post) {
    this.id = id
    this.#post = post
    this.#timings[MARKS.inputReceived] = performance.now()
  }

  cancel(): void {
    this.#controller.abort()
  }

  /** Frees what the job keeps (its files on disk). */
  release(): void {
    this.cancel()
    for (const file of this.#opfs.splice(0)) file.dispose()
  }

  /** The job's file of the private file system, when the browser offers it: its texts, and a large
   *  map's bytes as they inflate (a region at its end, so the map's sources are kept as ranges of
   *  them, not written a second time). */
  async #openFile(): Promise<void> {
    const name = `exposure-explorer-${this.id}-${Math.random().toString(36).slice(2)}-texts`
    const file = await OpfsFile.open(name)
    if (!file) return
    this.#opfs.push(file)
    this.texts = new KeptTexts(file)
  }

  get cancelled(): boolean {
    return this.#controller.signal.aborted
  }

  async run(
    inputs: InputFile[],
    limits: Partial<Limits>,
    internalScopes: readonly string[] = [],
    matchKey?: Uint8Array,
    scanner?: ScanService,
  ): Promise<void> {
    const sources = inputs.map((input) => blobSource(input.path, input.file))
    try {
      await this.#openFile()
      const { texts } = this
      const report = await analyze(
        sources,
        {
          limits,
          internalScopes,
          signal: this.#controller.signal,
          gunzip: streamGunzip({ takesWhole: true }),
          scanner,
          match: matchKey ? { key: matchKey } : undefined,
          store: texts,
          spill: () => texts.region(),
        },
        {
          progress: (p) => this.#onProgress(p),
          files: (batch) => {
            for (const f of batch) {
              this.#streamedAs.push({ kind: f.kind, mapResolution: f.mapResolution })
              this.#paths[f.id] = f.path
            }
            this.#push(this.#files, batch, true)
          },
          findings: (batch) => {
            for (const f of batch) this.#findingAt.set(f, this.#findingAt.size)
            this.#push(this.#findings, batch)
          },
          errors: (batch) => this.#push(this.#errors, batch),
        },
      )
      this.#flush()
      this.#timings[MARKS.analysisDone] = performance.now()
      const parts = this.#finalParts(report)
      const done = { job: this.id, timings: this.#timings, cancelled: this.cancelled }
      if (parts)
        this.#post({ type: 'done', ...done, report: { ...report, files: [], findings: [] }, parts }, [
          parts.order.buffer,
        ])
      else this.#post({ type: 'done', ...done, report })
    } catch (error) {
      // A bug in the core (user-facing problems are report errors, not exceptions): flatten it,
      // Error objects do not survive structured clone whole.
      this.#flush()
      const message = error instanceof Error ? error.message : String(error)
      this.#post({ type: 'failed', job: this.id, message: `The analysis stopped: ${message}` })
    } finally {
      if (this.#timer !== null) clearTimeout(this.#timer)
    }
  }

  /** The report as changes to what was streamed; null when it holds anything that was not streamed
   *  (then the whole report is sent). */
  #finalParts(report: Report): FinalParts | null {
    if (report.files.length !== this.#streamedAs.length) return null
    const changes: FinalParts['changes'] = []
    for (let i = 0; i < report.files.length; i++) {
      const file = report.files[i]
      const was = this.#streamedAs[i]
      if (file.id !== i) return null
      if (file.kind !== was.kind || file.mapResolution !== was.mapResolution)
        changes.push({ id: i, kind: file.kind, mapResolution: file.mapResolution })
    }
    if (report.findings.length !== this.#findingAt.size) return null
    const order = new Uint32Array(report.findings.length)
    for (let i = 0; i < order.length; i++) {
      const at = this.#findingAt.get(report.findings[i])
      if (at === undefined) return null
      order[i] = at
    }
    return { changes, order }
  }

  /** A kept text, secrets masked unless `raw`. */
  async contentOf(fileId: number, raw = false): Promise<string | null> {
    if (!this.texts.has(fileId)) return null
    const text = (await this.texts.text(fileId))!
    if (raw) return text
    let spans = this.#secretSpans.get(fileId)
    if (!spans) this.#secretSpans.set(fileId, (spans = secretSpans(this.#paths[fileId] ?? '', text)))
    return spans.length === 0 ? text : redactSecrets(text, spans)
  }

  /** The bundle's bytes by the sources of its map (both texts kept by this job), or null. A map kept
   *  as its bytes gives only `mappings` and `sources` (its contents are never decoded). */
  async shippedBytes(bundleId: number, mapId: number): Promise<ShippedBytes | null> {
    const code = await this.texts.text(bundleId)
    const kept = await this.texts.utf8(mapId)
    if (code === null || kept === null) return null
    const map = readMapMappings(kept)
    if (map === null) return null
    try {
      return { ...bundleBytes(code, map.mappings, map.sources.length), sources: map.sources }
    } catch {
      return null // damaged mappings: the page keeps sizing by bytes
    }
  }

  #onProgress(p: Progress): void {
    const stageChanged = p.stage !== this.#lastStage
    if (stageChanged) {
      this.#lastStage = p.stage
      this.#timings[`stage:${p.stage}`] ??= performance.now()
    }
    this.#progress = p
    if (stageChanged) this.#flush()
    else this.#schedule()
  }

  #push<T>(buffer: T[], batch: readonly T[], isFiles = false): void {
    for (const item of batch) buffer.push(item)
    if (isFiles && !this.#listed && batch.length > 0) {
      this.#listed = true
      this.#timings[MARKS.filesListed] = performance.now()
    }
    if (buffer.length >= MAX_BATCH) this.#flush()
    else this.#schedule()
  }

  /** Flushes on a timer, and also inline when the core runs long synchronous stretches during which
   *  the timer cannot fire. */
  #schedule(): void {
    if (performance.now() - this.#lastFlush >= FLUSH_INTERVAL_MS) {
      this.#flush()
      return
    }
    this.#timer ??= setTimeout(() => this.#flush(), FLUSH_INTERVAL_MS)
  }

  #flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    this.#lastFlush = performance.now()
    const job = this.id
    // One message per MAX_BATCH items: the core may hand over a whole map's 47,000 sources at once,
    // and the page reads each message in one task.
    for (const files of slices(this.#files)) this.#post({ type: 'files', job, files })
    for (const findings of slices(this.#findings)) this.#post({ type: 'findings', job, findings })
    for (const errors of slices(this.#errors)) this.#post({ type: 'errors', job, errors })
    this.#files = []
    this.#findings = []
    this.#errors = []
    if (this.#progress !== null) {
      this.#post({ type: 'progress', job, progress: this.#progress })
      this.#progress = null
    }
  }
}

function* slices<T>(items: T[]): Generator<T[]> {
  if (items.length <= MAX_BATCH) {
    if (items.length > 0) yield items
    return
  }
  for (let i = 0; i < items.length; i += MAX_BATCH) yield items.slice(i, i + MAX_BATCH)
}
