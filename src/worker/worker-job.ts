// One analysis job inside the worker: runs the core, batches what the sink reports into a few
// messages a second (200,000 files must not become 200,000 postMessage calls), keeps the texts the
// core hands over so the page's viewer can ask for them, and records stage timings for the benchmark.
import { analyze } from '../core/analyze'
import type { ExposedFile, Finding, Limits, Progress, ReportError } from '../core/report/model'
import type { FromWorker, InputFile, WorkerTimings } from './protocol'
import { MARKS } from './protocol'
import { blobSource } from './worker-blob-source'
import { streamGunzip } from './worker-gunzip'
import { isSecretFinding, redactSecrets } from './worker-redact'

/** How often batches and progress go out: a few updates a second keeps the page live without
 *  flooding its message queue. */
export const FLUSH_INTERVAL_MS = 100
/** A batch goes out early past this many items, bounding the size of one structured clone. */
export const MAX_BATCH = 20_000

type Post = (message: FromWorker, transfer?: Transferable[]) => void

export class WorkerJob {
  readonly id: number
  readonly texts = new Map<number, string>()
  /** Secret findings per file id, to mask in the texts handed to the viewer. */
  readonly #secrets = new Map<number, Finding[]>()
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

  constructor(id: number, post: Post) {
    this.id = id
    this.#post = post
    this.#timings[MARKS.inputReceived] = performance.now()
  }

  cancel(): void {
    this.#controller.abort()
  }

  get cancelled(): boolean {
    return this.#controller.signal.aborted
  }

  async run(inputs: InputFile[], limits: Partial<Limits>): Promise<void> {
    const sources = inputs.map((input) => blobSource(input.path, input.file))
    try {
      const report = await analyze(
        sources,
        { limits, signal: this.#controller.signal, gunzip: streamGunzip() },
        {
          progress: (p) => this.#onProgress(p),
          files: (batch) => this.#push(this.#files, batch, true),
          findings: (batch) => {
            this.#keepSecrets(batch)
            this.#push(this.#findings, batch)
          },
          errors: (batch) => this.#push(this.#errors, batch),
          content: (fileId, text) => this.texts.set(fileId, text),
        },
      )
      this.#flush()
      this.#timings[MARKS.analysisDone] = performance.now()
      this.#post({ type: 'done', job: this.id, report, timings: this.#timings, cancelled: this.cancelled })
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

  /** UTF-8 of a kept text, as a fresh buffer the caller transfers. */
  contentOf(fileId: number): ArrayBuffer | null {
    const text = this.texts.get(fileId)
    if (text === undefined) return null
    const shown = redactSecrets(text, this.#secrets.get(fileId) ?? [])
    return new TextEncoder().encode(shown).buffer as ArrayBuffer
  }

  #keepSecrets(batch: readonly Finding[]): void {
    for (const f of batch) {
      if (f.fileId === undefined || !isSecretFinding(f)) continue
      const list = this.#secrets.get(f.fileId)
      if (list) list.push(f)
      else this.#secrets.set(f.fileId, [f])
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
    if (this.#files.length > 0) {
      this.#post({ type: 'files', job, files: this.#files })
      this.#files = []
    }
    if (this.#findings.length > 0) {
      this.#post({ type: 'findings', job, findings: this.#findings })
      this.#findings = []
    }
    if (this.#errors.length > 0) {
      this.#post({ type: 'errors', job, errors: this.#errors })
      this.#errors = []
    }
    if (this.#progress !== null) {
      this.#post({ type: 'progress', job, progress: this.#progress })
      this.#progress = null
    }
  }
}
