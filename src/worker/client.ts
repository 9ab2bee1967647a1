// The page's side of the worker protocol: starts jobs, routes each reply to the job it belongs to
// (replies of finished, cancelled or superseded jobs are dropped), answers content reads with
// promises, and turns a dead worker into a `failed` event instead of a silent stop.
//
// A worker stuck inside one long step answers nothing, not even `cancel`, and every job posted after
// it waits behind it. So a job that does not answer its cancel within the grace time gets the worker
// terminated, and the other jobs that were waiting in it start again, from the beginning, in a fresh
// worker (their `restarted` event says so): opening a new artifact always supersedes a stuck one.
//
// Beside the reader, the client may start a pool of scan workers (the same script, told to serve
// scans on a port to the reader): the reader hands them its texts and lists on. The pool lives and
// dies with the reader: a restart or a crash of any of them replaces them all.
import type { ExposedFile, Finding, Limits, Progress, Report, ReportError } from '../core/report/model'
import type { FinalParts, FromWorker, InputFile, ShippedBytes, ToWorker, WorkerTimings } from './protocol'
import { isFromWorker, linesOf } from './protocol'
import { appendAll } from '../core/util/append'
import { linkFindings } from '../core/report/exposures'
import { spawnWorker } from './spawn'

export type FailReason = 'error' | 'crashed' | 'cancelled'

export interface JobEvents {
  progress?(p: Progress): void
  /** A new batch, and every file of the job so far (the client's own array: copy it to keep it). */
  files?(batch: ExposedFile[], soFar: readonly ExposedFile[]): void
  findings?(batch: Finding[], soFar: readonly Finding[]): void
  errors?(batch: ReportError[]): void
  done?(report: Report, info: { timings: WorkerTimings; cancelled: boolean }): void
  /** The job ended without a report. 'cancelled': the worker did not stop in time and was restarted. */
  failed?(message: string, reason: FailReason): void
  /** The worker was replaced (another job's cancel found it stuck) and this job starts again from
   *  the beginning in the new one: drop what it streamed so far. */
  restarted?(): void
}

export interface JobHandle {
  readonly id: number
  cancel(): void
  /** The text of one exposed file (null when the artifact has only its name, or the job is gone). */
  read(fileId: number, raw?: boolean): Promise<string | null>
  /** The same text as its lines, secrets masked (see linesOf): for the viewer. */
  readLines(fileId: number): Promise<string[] | null>
  /** A bundle's bytes by the sources of its sibling map (null when they cannot be told). */
  shipped(bundleId: number, mapId: number): Promise<ShippedBytes | null>
  /** Frees the texts the worker keeps for this job. */
  release(): void
}

/** How long a cancelled job may take to answer before the worker is terminated and replaced: the
 *  core checks its signal between chunks and members, but one huge member can take longer. */
export const CANCEL_GRACE_MS = 1500

/** The scan pool's size: one scan worker per core beyond the reader's, at least one, at most four. */
export function scanPoolSize(cores = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return Math.max(1, Math.min(4, cores - 1))
}

export class AnalysisClient {
  readonly #spawn: () => Worker
  readonly #graceMs: number
  readonly #scanWorkers: number
  #worker: Worker | null = null
  #scanners: Worker[] = []
  #nextJob = 1
  #nextReq = 1
  readonly #jobs = new Map<number, JobEvents>()
  /** Jobs that have neither finished nor failed yet (a finished job stays in #jobs for reads). */
  readonly #running = new Set<number>()
  /** Pending `read` and `shipped` requests by request id (resolved with null when the worker goes). */
  readonly #reads = new Map<number, (reply: string[] | ShippedBytes | null) => void>()
  /** The parts of a text received so far, by request id. */
  readonly #parts = new Map<number, string[]>()
  /** What each running job has streamed, to rebuild its report from the final parts. */
  readonly #streamed = new Map<number, { files: ExposedFile[]; findings: Finding[] }>()
  /** The request of each running job, to post it again to a fresh worker. */
  readonly #requests = new Map<number, ToWorker & { type: 'analyze' }>()

  /** `scanWorkers`: scan workers beside the reader (0: the reader scans in line). */
  constructor(spawn: () => Worker = spawnWorker, graceMs = CANCEL_GRACE_MS, scanWorkers = 0) {
    this.#spawn = spawn
    this.#graceMs = graceMs
    this.#scanWorkers = scanWorkers
  }

  /** Starts the reader and its scan pool now, so the first drop waits for neither to load: starting
   *  a worker costs the page's thread tens of milliseconds at times, which at the drop would be a
   *  long task while the first results are drawn. */
  warmUp(): void {
    this.#post({ type: 'ping' })
    this.#ensurePool()
  }

  start(
    inputs: InputFile[],
    limits: Partial<Limits>,
    events: JobEvents,
    internalScopes: readonly string[] = [],
    matchKey?: Uint8Array,
  ): JobHandle {
    const id = this.#nextJob++
    this.#jobs.set(id, events)
    this.#running.add(id)
    this.#streamed.set(id, { files: [], findings: [] })
    const request: ToWorker & { type: 'analyze' } = {
      type: 'analyze',
      job: id,
      inputs,
      limits,
      internalScopes: [...internalScopes],
      ...(matchKey ? { matchKey } : {}),
    }
    this.#requests.set(id, request)
    this.#post(request)
    return {
      id,
      cancel: () => this.#cancel(id),
      read: async (fileId, raw) => (await this.#read(id, fileId, raw))?.join('') ?? null,
      readLines: async (fileId) => {
        const parts = await this.#read(id, fileId)
        return parts && linesOf(parts)
      },
      shipped: (bundleId, mapId) => this.#shipped(id, bundleId, mapId),
      release: () => {
        // A running job stays in #running until it answers or its cancel times out.
        this.#jobs.delete(id)
        this.#streamed.delete(id)
        this.#requests.delete(id)
        if (this.#worker) this.#post({ type: 'release', job: id })
      },
    }
  }

  /** One job to completion, for the compare page: its report, and its handle to read its texts
   *  until the caller releases it. `matchKey`: the compare run's key (AnalyzeOptions.match), the same
   *  for both versions. */
  analyzeKept(
    files: File[],
    limits: Partial<Limits> = {},
    internalScopes: readonly string[] = [],
    matchKey?: Uint8Array,
  ): Promise<{ report: Report; handle: JobHandle }> {
    return new Promise((resolve, reject) => {
      const handle = this.start(
        files.map((file) => ({ path: file.webkitRelativePath || file.name, file })),
        limits,
        {
          done: (report) => resolve({ report, handle }),
          failed: (message) => {
            handle.release()
            reject(new Error(message))
          },
        },
        internalScopes,
        matchKey,
      )
    })
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker
    const worker = this.#spawn()
    worker.addEventListener('message', (event: MessageEvent<unknown>) => this.#onMessage(event.data))
    this.#onCrash(worker)
    worker.addEventListener('messageerror', () =>
      this.#crash('A message from the analysis worker could not be read; the analysis was stopped.'),
    )
    this.#worker = worker
    return worker
  }

  /** Starts the scan workers beside the reader, once per reader, when its first analysis is posted
   *  (not at page load: a visit that never drops a file does not load the script N more times). */
  #ensurePool(): void {
    const worker = this.#ensureWorker()
    if (this.#scanners.length > 0 || this.#scanWorkers === 0) return
    const ports: MessagePort[] = []
    for (let i = 0; i < this.#scanWorkers; i++) {
      const scanner = this.#spawn()
      const channel = new MessageChannel()
      this.#onCrash(scanner)
      scanner.postMessage({ type: 'serve-scans', port: channel.port2 } satisfies ToWorker, [channel.port2])
      this.#scanners.push(scanner)
      ports.push(channel.port1)
    }
    worker.postMessage({ type: 'scan-pool', ports } satisfies ToWorker, ports)
  }

  /** A worker of the current set that dies fails the open jobs (and the set is replaced). */
  #onCrash(worker: Worker): void {
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault()
      if (worker !== this.#worker && !this.#scanners.includes(worker)) return
      const detail = event.message ? ` (${event.message})` : ''
      this.#crash(
        `The analysis worker stopped unexpectedly${detail}. This can happen when an artifact needs more memory than the tab has.`,
      )
    })
  }

  #terminate(): void {
    this.#worker?.terminate()
    this.#worker = null
    for (const scanner of this.#scanners.splice(0)) scanner.terminate()
  }

  #post(message: ToWorker): void {
    if (message.type === 'analyze') this.#ensurePool()
    this.#ensureWorker().postMessage(message)
  }

  #onMessage(data: unknown): void {
    if (!isFromWorker(data)) return
    const message: FromWorker = data
    if (message.type === 'ready') return
    if (message.type === 'content' && message.more) {
      const parts = this.#parts.get(message.req) ?? []
      this.#parts.set(message.req, parts)
      if (message.text !== null) parts.push(message.text)
      return
    }
    if (message.type === 'content') {
      const parts = this.#parts.get(message.req)
      this.#parts.delete(message.req)
      const resolve = this.#reads.get(message.req)
      this.#reads.delete(message.req)
      resolve?.(message.text === null ? null : [...(parts ?? []), message.text])
      return
    }
    if (message.type === 'shipped') {
      const resolve = this.#reads.get(message.req)
      this.#reads.delete(message.req)
      resolve?.(message.result)
      return
    }
    // A job's last word ends it, whether or not the page still listens (a released job).
    const streamed = this.#streamed.get(message.job)
    if (message.type === 'done' || message.type === 'failed') this.#finish(message.job)
    const events = this.#jobs.get(message.job)
    if (!events) return // a released or superseded job: stale reply
    switch (message.type) {
      case 'progress':
        events.progress?.(message.progress)
        break
      case 'files': {
        const soFar = streamed?.files ?? []
        appendAll(soFar, message.files)
        events.files?.(message.files, soFar)
        break
      }
      case 'findings': {
        const soFar = streamed?.findings ?? []
        appendAll(soFar, message.findings)
        events.findings?.(message.findings, soFar)
        break
      }
      case 'errors':
        events.errors?.(message.errors)
        break
      case 'done': {
        const report =
          message.parts && streamed ? assemble(message.report, message.parts, streamed) : message.report
        events.done?.(report, { timings: message.timings, cancelled: message.cancelled })
        break
      }
      case 'failed':
        this.#jobs.delete(message.job)
        events.failed?.(message.message, 'error')
        break
    }
  }

  /** Forgets what a job needed while it ran (its events stay for reads until it is released). */
  #finish(id: number): void {
    this.#running.delete(id)
    this.#streamed.delete(id)
    this.#requests.delete(id)
  }

  #cancel(id: number): void {
    const events = this.#jobs.get(id)
    if (!this.#worker || !events || !this.#running.has(id)) return
    this.#post({ type: 'cancel', job: id })
    setTimeout(() => {
      // Still no answer: the worker is stuck inside one long step. Replace it.
      if (!this.#running.has(id)) return
      // Released meanwhile (a newer job superseded it): nobody listens for its end any more.
      const listening = this.#jobs.get(id) === events
      this.#finish(id)
      this.#jobs.delete(id)
      this.#restart()
      if (listening)
        events.failed?.('Cancelled. The worker was restarted; what was read before is shown.', 'cancelled')
    }, this.#graceMs)
  }

  /** Fails every open job and read, then drops the worker; the next job spawns a fresh one. */
  #crash(message: string): void {
    const events = [...this.#jobs].filter(([id]) => this.#running.has(id)).map(([, e]) => e)
    this.#jobs.clear()
    for (const id of [...this.#running]) this.#finish(id)
    this.#restart()
    for (const e of events) e.failed?.(message, 'crashed')
  }

  /** Terminates the worker; the jobs still running in it start again in a fresh one. */
  #restart(): void {
    this.#terminate()
    for (const resolve of this.#reads.values()) resolve(null)
    this.#reads.clear()
    this.#parts.clear()
    for (const id of [...this.#running]) {
      const request = this.#requests.get(id)
      const events = this.#jobs.get(id)
      if (!request || !events) {
        this.#finish(id)
        continue
      }
      this.#streamed.set(id, { files: [], findings: [] })
      events.restarted?.()
      this.#post(request)
    }
  }

  /** A file's text in the parts the worker sent. */
  #read(id: number, fileId: number, raw = false): Promise<string[] | null> {
    if (!this.#worker) return Promise.resolve(null)
    const req = this.#nextReq++
    return new Promise((resolve) => {
      this.#reads.set(req, (reply) => resolve(Array.isArray(reply) ? reply : null))
      this.#post({ type: 'read', job: id, req, fileId, ...(raw ? { raw } : {}) })
    })
  }

  #shipped(id: number, bundleId: number, mapId: number): Promise<ShippedBytes | null> {
    if (!this.#worker) return Promise.resolve(null)
    const req = this.#nextReq++
    return new Promise((resolve) => {
      this.#reads.set(req, (reply) => resolve(Array.isArray(reply) ? null : reply))
      this.#post({ type: 'shipped', job: id, req, bundleId, mapId })
    })
  }
}

/** The final report from the batches already received and what the worker sent at the end. Files
 *  that did not change are the very objects the batches carried, so the page can tell nothing moved. */
function assemble(
  shell: Report,
  parts: FinalParts,
  streamed: { files: ExposedFile[]; findings: Finding[] },
): Report {
  const files = streamed.files.slice()
  for (const change of parts.changes) {
    const file = { ...files[change.id], kind: change.kind }
    if (change.mapResolution === undefined) delete file.mapResolution
    else file.mapResolution = change.mapResolution
    files[change.id] = file
  }
  const findings = Array.from(parts.order, (at) => streamed.findings[at])
  // The streamed findings learn their exposure only now.
  if (shell.exposures) linkFindings(findings, shell.exposures)
  return { ...shell, files, findings }
}
