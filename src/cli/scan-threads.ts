// The CLI scans texts on worker threads while the main thread reads on: on the incident's
// tarball the detectors were ~1 s of a ~2.3 s scan, all of it on the thread that also walks the tar
// and decodes the map. Texts travel in batches of about BATCH_CHARS (a map's sources are ~10 KB each;
// one message per source would cost more than it saves) to the thread with the least text in flight,
// at most BATCHES_PER_THREAD to a thread at a time: the rest wait here, so a batch is sent when a
// thread is about to need it, and whether it is scanned count-only (see core/count-only.ts) is
// decided as late as it can be. At most MAX_IN_FLIGHT_CHARS wait at once, so a 10× map is never
// copied to the threads whole; one text of up to ALONE_CHARS may be in flight beyond that, so the
// reading goes on while a thread scans a minified bundle (on the real release the reader used to
// sit idle for the 1.7 s a thread took over its 13 MB cli.js). A text whose UTF-8 bytes are their own
// buffer crosses as that buffer, and a map's source as a copy of its JSON literal's bytes, moved (not
// copied) and decoded in the thread; other texts are strings, which postMessage copies. An input with less text than one batch is scanned in line and
// starts no thread at all.
//
// The threads run the same bundle as the CLI (bin.js hands its URL over): a module of the bundle
// starts serving when it loads in a thread started with THREAD_ROLE.
import { availableParallelism } from 'node:os'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { findingsIn, scanMoved, type ScanResult, type ScanService } from '../core/analyze'
import type { CountOnlyQuery, ListedHashes } from '../core/count-only'
import { KeyedHash } from '../core/util/keyed-hash'
import { bufferOf, movable, submittedChars, type MovedText } from '../core/moved-text'
import { partSizesFromEnv, setPartSizes } from '../core/parted-scan'
import type { ExposedFile, Finding } from '../core/report/model'

const THREAD_ROLE = 'exposure-explorer-scanner'
/** Characters of text per message to a thread. */
export const BATCH_CHARS = 512 * 1024
/** Characters handed over and not yet reported, past which the reading waits. */
export const MAX_IN_FLIGHT_CHARS = 8 * 1024 * 1024
/** One text up to this many characters may be in flight beyond MAX_IN_FLIGHT_CHARS. */
export const ALONE_CHARS = 16 * 1024 * 1024
/** Bytes from which a text crosses as its moved buffer rather than as a copied string. */
export const TRANSFER_FROM_BYTES = 64 * 1024
/** A thread that scanned a batch of more characters than this is stopped once it is done with it. */
export const RETIRE_AFTER_CHARS = 32 * 1024 * 1024
/** Batches sent to one thread and not yet answered: one being scanned, one waiting behind it. */
export const BATCHES_PER_THREAD = 2

/** A batch crosses as parallel arrays of plain values: cloning 200,000 file objects (origin chains
 *  and all) cost the main thread more than it saved. The detectors read only a file's id and path;
 *  the main side puts each finding's origin back. */
interface Request {
  id: number
  fileIds: number[]
  paths: string[]
  /** Each text, or its UTF-8 bytes or a map source's JSON literal for the thread to decode. */
  texts: (string | MovedText)[]
  /** The listed exposures, when the texts are to be scanned count-only. */
  listed?: ListedHashes
}
interface Reply {
  id: number
  results: ScanResult[]
  /** The findings' strings (see packStrings). */
  strings: string[]
}

/** The thread's side: scan each batch, answer with one result per text. */
function serve(): void {
  const port = parentPort
  if (!port) return
  const key = (workerData as { matchKey?: Uint8Array }).matchKey
  const hasher = key ? new KeyedHash(key) : undefined
  port.on('message', ({ id, fileIds, paths, texts, listed }: Request) => {
    const results = texts.map((content, i) => {
      // The main side puts each finding's origin back.
      return scanMoved({ id: fileIds[i]!, path: paths[i]! }, content, hasher, listed)
    })
    port.postMessage({ id, results, strings: packStrings(results) } satisfies Reply)
  })
}

// Parts forced small for tests and benchmarks (EE_PART_BYTES), alike on the main side and in each
// thread, which decide alike whether a text is scanned in parts.
setPartSizes(partSizesFromEnv(process.env))

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === THREAD_ROLE) serve()

/** The string fields findings repeat: a rule's message, a line's excerpt, a file's path. */
const SHARED_FIELDS = ['rule', 'category', 'severity', 'path', 'excerpt', 'message', 'subject'] as const

/** Findings cross with those fields as indices into the reply's table of distinct strings (returned):
 *  a message carries a copy of a string per place it occurs, so the 100,000 findings a flood lists
 *  arrived as ~50 MB of copies of a few thousand strings, which lived as long as the report. */
function packStrings(results: readonly ScanResult[]): string[] {
  const index = new Map<string, number>()
  const table: string[] = []
  for (const result of results)
    for (const finding of findingsIn(result)) {
      const fields = finding as unknown as Record<string, unknown>
      for (const field of SHARED_FIELDS) {
        const value = fields[field]
        if (typeof value !== 'string') continue
        let at = index.get(value)
        if (at === undefined) index.set(value, (at = table.push(value) - 1))
        fields[field] = at
      }
    }
  return table
}

/** packStrings undone on the main side: each field gets its string from the table. */
function unpackStrings(findings: readonly Finding[], table: readonly string[]): void {
  for (const finding of findings) {
    const fields = finding as unknown as Record<string, unknown>
    for (const field of SHARED_FIELDS) {
      const at = fields[field]
      if (typeof at === 'number') fields[field] = table[at]
    }
  }
}

/** Threads to scan on: EE_SCAN_THREADS when set (0 scans in line), else one per core, at most 2
 *  (beside the main thread and zlib's, more threads only wait for a core). */
export function scanThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.EE_SCAN_THREADS)
  if (env.EE_SCAN_THREADS !== undefined && Number.isInteger(asked) && asked >= 0) return asked
  return Math.min(2, availableParallelism())
}

type Done = (result: ScanResult) => void

/** A batch being filled or in flight: its files and texts, and each text's callback. */
interface Batch {
  files: ExposedFile[]
  texts: string[]
  /** What each text that crosses as bytes crosses as (its UTF-8 or its JSON literal), by its index
   *  in `texts`. */
  bytes: Map<number, MovedText>
  done: Done[]
  chars: number
  /** Characters of the one text let in beyond the in-flight cap (see ALONE_CHARS), if it is here. */
  alone: number
  countOnly?: CountOnlyQuery
  /** Sent to be scanned in full (not count-only). */
  full?: boolean
}

const emptyBatch = (): Batch => ({ files: [], texts: [], bytes: new Map(), done: [], chars: 0, alone: 0 })

interface Thread {
  worker: Worker
  /** Characters sent and not yet answered. */
  chars: number
  batches: Map<number, Batch>
}

export interface ThreadScannerOptions {
  /** Threads at most (started as the text needs them). */
  threads: number
  /** Default BATCH_CHARS; tests use tiny ones so a small input crosses many batches. */
  batchChars?: number
  /** Default MAX_IN_FLIGHT_CHARS. */
  maxInFlightChars?: number
  /** Default ALONE_CHARS. */
  aloneChars?: number
  /** Default RETIRE_AFTER_CHARS; tests lower it so threads are retired and started again. */
  retireAfterChars?: number
  /** The diff run's key: findings then carry the keyed hash of their value (`valueHash`). */
  matchKey?: Uint8Array
}

export class ThreadScanner implements ScanService {
  readonly #entry: URL
  readonly #maxThreads: number
  readonly #batchLimit: number
  readonly #maxInFlight: number
  readonly #aloneChars: number
  readonly #retireAfter: number
  readonly #matchKey: Uint8Array | undefined
  readonly #hasher: KeyedHash | undefined
  readonly #threads: Thread[] = []
  #batch: Batch = emptyBatch()
  /** Full batches not sent yet, oldest first. */
  readonly #held: Batch[] = []
  #inFlight = 0
  /** Characters of the batches in flight that are scanned in full. */
  #fullInFlight = 0
  /** Characters of the one text in flight beyond the cap (0: none). */
  #alone = 0
  #nextId = 0
  #started = 0
  /** Resolvers waiting for room (whenReady) and for the end (drain). */
  #waiting: (() => void)[] = []

  /** `entry`: the module a thread loads (the CLI bundle). */
  constructor(entry: URL, options: ThreadScannerOptions) {
    this.#entry = entry
    this.#maxThreads = Math.max(1, options.threads)
    this.#batchLimit = options.batchChars ?? BATCH_CHARS
    this.#maxInFlight = options.maxInFlightChars ?? MAX_IN_FLIGHT_CHARS
    this.#aloneChars = options.aloneChars ?? ALONE_CHARS
    this.#retireAfter = options.retireAfterChars ?? RETIRE_AFTER_CHARS
    this.#matchKey = options.matchKey
    this.#hasher = options.matchKey ? new KeyedHash(options.matchKey) : undefined
  }

  readonly takesLiterals = true

  submit(
    ...[file, text, done, bytes, countOnly, literal, literalChars]: Parameters<ScanService['submit']>
  ): void {
    const batch = this.#batch
    batch.countOnly ??= countOnly
    batch.files.push(file)
    const moved = movable(bytes, literal, TRANSFER_FROM_BYTES)
    if (moved) batch.bytes.set(batch.texts.length, moved)
    batch.texts.push(text)
    batch.done.push(done)
    const chars = literalChars ?? submittedChars(text, bytes)
    batch.chars += chars
    this.#inFlight += chars
    if (this.#alone === 0 && chars > this.#maxInFlight && chars <= this.#aloneChars) {
      this.#alone = chars
      batch.alone = chars
    }
    if (batch.chars >= this.#batchLimit) this.#hold()
  }

  /** Threads started so far (none for an input with less text than one batch). */
  get threadsStarted(): number {
    return this.#started
  }

  whenReady(): Promise<void> | null {
    const room = () => this.#inFlight - this.#alone <= this.#maxInFlight
    return room() ? null : this.#until(room)
  }

  async drain(): Promise<void> {
    if (this.#threads.length === 0 && this.#held.length === 0) {
      // Less text than one batch in the whole input: not worth a thread.
      const batch = this.#takeBatch()
      const listed = batch.countOnly?.()
      batch.texts.forEach((text, i) => {
        // A map source handed over as its literal is decoded from it (`text` may be the literal).
        const moved = batch.bytes.get(i)
        batch.done[i]!(scanMoved(batch.files[i]!, moved ?? text, this.#hasher, listed))
      })
      this.#inFlight = 0
      this.#alone = 0
      return
    }
    if (this.#batch.texts.length > 0) this.#hold()
    await this.#until(() => this.#inFlight === 0)
  }

  /** Stops the threads (after drain, or to abandon what is in flight). A live thread keeps the
   *  process running, so every analysis ends with this. */
  async close(): Promise<void> {
    const threads = this.#threads.splice(0)
    await Promise.all(threads.map((t) => t.worker.terminate()))
  }

  #takeBatch(): Batch {
    const taken = this.#batch
    this.#batch = emptyBatch()
    return taken
  }

  #hold(): void {
    this.#held.push(this.#takeBatch())
    this.#sendHeld()
  }

  /** Sends held batches while a thread has room; the rest wait for an answer. */
  #sendHeld(): void {
    while (this.#held.length > 0) {
      // When the full scans in flight may fill the list, the next batch waits for them: it is then
      // scanned count-only (a distinct-line flood scanned twice the texts it lists in full).
      if (this.#fullInFlight > 0 && this.#held[0]!.countOnly?.fillsWith?.(this.#fullInFlight)) return
      const thread = this.#pickThread()
      if (!thread) return
      this.#send(this.#held.shift()!, thread)
    }
  }

  #send(batch: Batch, thread: Thread): void {
    const id = this.#nextId++
    thread.batches.set(id, batch)
    thread.chars += batch.chars
    const fileIds = batch.files.map((f) => f.id)
    const paths = batch.files.map((f) => f.path)
    const listed = batch.countOnly?.()
    if (!listed) {
      batch.full = true
      this.#fullInFlight += batch.chars
    }
    const texts = batch.texts.map((text, i) => batch.bytes.get(i) ?? text)
    const transfer = [...batch.bytes.values()].map(bufferOf)
    const request = { id, fileIds, paths, texts, ...(listed ? { listed } : {}) }
    thread.worker.postMessage(request satisfies Request, transfer)
    // The thread has its copy: this side lets go of the texts (a 124 MB bundle stayed alive here
    // for as long as its scan took).
    batch.texts = []
    batch.bytes.clear()
  }

  /** An idle thread; else a new one while there are fewer than allowed; else the one with the least
   *  text in flight that has room for a batch (undefined when none has). */
  #pickThread(): Thread | undefined {
    const idle = this.#threads.find((t) => t.batches.size === 0)
    if (idle) return idle
    if (this.#threads.length < this.#maxThreads) return this.#spawn()
    const open = this.#threads.filter((t) => t.batches.size < BATCHES_PER_THREAD)
    return open.length === 0 ? undefined : open.reduce((a, b) => (b.chars < a.chars ? b : a))
  }

  #spawn(): Thread {
    const worker = new Worker(this.#entry, { workerData: { role: THREAD_ROLE, matchKey: this.#matchKey } })
    this.#started++
    const thread: Thread = { worker, chars: 0, batches: new Map() }
    worker.on('message', ({ id, results, strings }: Reply) => {
      const batch = thread.batches.get(id)
      if (!batch) return
      thread.batches.delete(id)
      batch.done.forEach((done, i) => {
        const result = results[i] ?? { error: 'no result from the scan thread' }
        const findings = findingsIn(result)
        unpackStrings(findings, strings)
        for (const finding of findings) finding.origin = batch.files[i]!.origin
        done(result)
      })
      // A thread's heap keeps a text it scanned until its next collection, which a thread that
      // sits idle may not run for a long time: one that held more than RETIRE_AFTER_CHARS (one
      // huge text; a 124 MB bundle is 248 MB as a string) is retired, and a fresh one started
      // when needed.
      if (batch.chars > this.#retireAfter) this.#retire(thread)
      this.#settle(thread, batch)
    })
    // A thread that dies (out of memory, a crash) fails what it held; the rest goes on elsewhere.
    const fail = (reason: string) => {
      const i = this.#threads.indexOf(thread)
      if (i >= 0) this.#threads.splice(i, 1)
      for (const batch of thread.batches.values()) {
        batch.done.forEach((done) => done({ error: `the scan thread stopped: ${reason}` }))
        this.#settle(thread, batch)
      }
      thread.batches.clear()
    }
    worker.on('error', (error) => fail(error.message))
    worker.on('exit', (code) => fail(`exit code ${code}`))
    this.#threads.push(thread)
    return thread
  }

  #retire(thread: Thread): void {
    if (thread.batches.size > 0) return
    const i = this.#threads.indexOf(thread)
    if (i >= 0) this.#threads.splice(i, 1)
    thread.worker.removeAllListeners('exit')
    void thread.worker.terminate()
  }

  #settle(thread: Thread, { chars, alone, full }: Batch): void {
    thread.chars -= chars
    this.#inFlight -= chars
    if (full) this.#fullInFlight -= chars
    if (alone > 0) this.#alone = 0
    this.#sendHeld()
    const waiting = this.#waiting.splice(0)
    for (const wake of waiting) wake()
  }

  /** Resolves once `ready()` holds, re-checked whenever a batch is answered. */
  #until(ready: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (ready() ? resolve() : this.#waiting.push(check))
      check()
    })
  }
}
