// The reader's side of the page's scan pool: a ScanService (see core/analyze-files) that hands each
// text to one of the scan workers the page started beside the reader (scan-serve.ts), so the reader
// goes on listing while the detectors run elsewhere. Texts travel in batches of about BATCH_CHARS to
// the worker with the least text in flight, and a worker is sent at most BATCHES_PER_WORKER batches at
// a time: the rest wait in the reader (as references to texts it keeps anyway) until a worker answers.
// So the reader pays for copying a batch only when a worker is about to need it, never while it lists
// a map whose sources the busy workers could not take yet. A text whose UTF-8 bytes are its own
// buffer crosses as that buffer, transferred (moved, not copied) and decoded there; a map's source
// crosses as a copy of its JSON literal's bytes, moved and decoded there (cloning the decoded strings
// of the release's map cost the reader ~0.3 s: 47M characters, 27M of them in two-byte strings);
// other texts are strings, which postMessage can only copy. Past MAX_IN_FLIGHT_CHARS the reader waits (a 570 MB map must not be
// copied into the workers' queues whole); the release and the 1× inputs never reach it. Once the
// reader has read everything it scans the batches no worker has taken yet itself, newest first, one
// at a time between the workers' answers, so the reader's core is not idle while one scan worker
// works through the rest.
import type { ScanResult, ScanService } from '../core/analysis-contract'
import type { CountOnlyQuery } from '../core/count-only'
import type { ExposedFile } from '../core/report/model'
import { findingsIn, scanMoved } from '../core/scan-text'
import { KeyedHash } from '../core/util/keyed-hash'
import { bufferOf, movable, releaseMoved, submittedChars } from '../core/moved-text'
import type { ScanReply, ScanRequest, ScanText } from './protocol'

export const BATCH_CHARS = 256 * 1024
export const MAX_IN_FLIGHT_CHARS = 64 * 1024 * 1024
/** Bytes from which a text crosses as its transferred buffer rather than as a copied string. */
export const TRANSFER_FROM_BYTES = 64 * 1024
/** Batches sent to one worker and not yet answered: one being scanned, one waiting behind it. */
export const BATCHES_PER_WORKER = 2

type Done = (result: ScanResult) => void

let nextRequest = 1

/** One scan worker's port on the reader's side, shared by the jobs the reader runs. */
export class ScanPort {
  /** Characters and batches sent to this worker and not yet answered. */
  chars = 0
  batches = 0
  /** Called after each answer: jobs with batches waiting for room. */
  readonly wake = new Set<() => void>()
  readonly #port: MessagePort
  readonly #replies = new Map<number, (results: ScanResult[]) => void>()

  constructor(port: MessagePort) {
    this.#port = port
    port.onmessage = (event: MessageEvent<ScanReply>) => {
      const reply = this.#replies.get(event.data.id)
      this.#replies.delete(event.data.id)
      reply?.(event.data.results)
      for (const wake of [...this.wake]) wake()
    }
  }

  send(request: Omit<ScanRequest, 'id'>, transfer: Transferable[], reply: (r: ScanResult[]) => void): void {
    const id = nextRequest++
    this.#replies.set(id, reply)
    this.#port.postMessage({ ...request, id } satisfies ScanRequest, transfer)
  }
}

interface Batch {
  files: ExposedFile[]
  texts: ScanText[]
  /** The buffers among `texts`, to move with them. */
  transfer: ArrayBuffer[]
  done: Done[]
  chars: number
  countOnly?: CountOnlyQuery
}

const emptyBatch = (): Batch => ({ files: [], texts: [], transfer: [], done: [], chars: 0 })

/** One job's scans over the pool's ports. */
export class PoolScanner implements ScanService {
  readonly #ports: readonly ScanPort[]
  readonly #key: Uint8Array | undefined
  #hasher: KeyedHash | undefined
  readonly #batchChars: number
  readonly #readerScans: boolean
  #batch = emptyBatch()
  /** Full batches not sent yet, oldest first. */
  readonly #held: Batch[] = []
  readonly #pump = () => this.#sendHeld()
  #inFlight = 0
  #waiting: (() => void)[] = []

  /** Texts the reader scanned itself. */
  scannedHere = 0

  /** `batchChars` (default BATCH_CHARS): tests use small ones so a small input crosses many batches.
   *  `readerScans` false: every text goes to the workers, even once the reading is done. */
  constructor(
    ports: readonly ScanPort[],
    matchKey?: Uint8Array,
    batchChars = BATCH_CHARS,
    readerScans = true,
  ) {
    this.#ports = ports
    this.#key = matchKey
    this.#batchChars = batchChars
    this.#readerScans = readerScans
  }

  readonly takesLiterals = true

  submit(
    ...[file, text, done, bytes, countOnly, literal, literalChars]: Parameters<ScanService['submit']>
  ): void {
    const batch = this.#batch
    batch.countOnly ??= countOnly
    batch.files.push(file)
    const moved = movable(bytes, literal, TRANSFER_FROM_BYTES)
    batch.texts.push(moved ?? text)
    if (moved) batch.transfer.push(bufferOf(moved))
    batch.done.push(done)
    const chars = literalChars ?? submittedChars(text, bytes)
    batch.chars += chars
    this.#inFlight += chars
    if (batch.chars >= this.#batchChars) this.#hold()
  }

  whenReady(maxChars = MAX_IN_FLIGHT_CHARS): Promise<void> | null {
    const cap = Math.min(maxChars, MAX_IN_FLIGHT_CHARS)
    if (this.#inFlight <= cap) return null
    return this.#until(() => this.#inFlight <= cap)
  }

  async drain(): Promise<void> {
    if (this.#batch.files.length > 0) this.#hold()
    while (this.#readerScans && this.#held.length > 0) {
      this.#scanHere(this.#held.pop()!)
      // The workers' answers wait for this: each one sends the worker its next batch.
      await nextTask()
    }
    await this.#until(() => this.#inFlight === 0)
  }

  /** Scans a batch on the reader, as a scan worker would (scan-serve.ts). */
  #scanHere(batch: Batch): void {
    const listed = batch.countOnly?.()
    if (this.#key) this.#hasher ??= new KeyedHash(this.#key)
    batch.texts.forEach((content, i) => {
      const file = batch.files[i]!
      const result = scanMoved({ id: file.id, path: file.path }, content, this.#hasher, listed)
      releaseMoved(content)
      for (const finding of findingsIn(result)) finding.origin = file.origin
      batch.done[i]!(result)
    })
    this.#inFlight -= batch.chars
    this.scannedHere += batch.texts.length
  }

  #hold(): void {
    this.#held.push(this.#batch)
    this.#batch = emptyBatch()
    this.#sendHeld()
  }

  /** Sends held batches while a worker has room; otherwise waits for an answer from any of them. */
  #sendHeld(): void {
    while (this.#held.length > 0) {
      const open = this.#ports.filter((p) => p.batches < BATCHES_PER_WORKER)
      if (open.length === 0) break
      this.#send(
        this.#held.shift()!,
        open.reduce((a, b) => (b.chars < a.chars ? b : a)),
      )
    }
    for (const port of this.#ports)
      if (this.#held.length > 0) port.wake.add(this.#pump)
      else port.wake.delete(this.#pump)
  }

  #send(batch: Batch, port: ScanPort): void {
    port.chars += batch.chars
    port.batches++
    const listed = batch.countOnly?.()
    const request = {
      fileIds: batch.files.map((f) => f.id),
      paths: batch.files.map((f) => f.path),
      texts: batch.texts,
      ...(this.#key ? { matchKey: this.#key } : {}),
      ...(listed ? { listed } : {}),
    }
    port.send(request, batch.transfer, (results) => {
      batch.done.forEach((done, i) => {
        const result = results[i] ?? { error: 'no result from the scan worker' }
        for (const finding of findingsIn(result)) finding.origin = batch.files[i]!.origin
        done(result)
      })
      port.chars -= batch.chars
      port.batches--
      this.#inFlight -= batch.chars
      for (const wake of this.#waiting.splice(0)) wake()
    })
  }

  #until(ready: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (ready() ? resolve() : this.#waiting.push(check))
      check()
    })
  }
}

/** Resolves in a task of its own, after the messages already queued for this thread. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
