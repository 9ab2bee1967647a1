// Texts kept outside the JS heap once scanned, for a host that shows or exports them later (the
// page's viewer, the zip of sources). The core puts each text's UTF-8 into a host's ByteLog once and
// keeps, per file, only where its text lies: a member's own bytes, or for a source a map carries in
// `sourcesContent`, the JSON string literal inside the map's bytes (no copy of the source at all). A
// text is decoded again, and a literal unescaped, only when it is asked for. Peak memory then follows
// the largest member being read, not the sum of every text.
//
// The log is the host's: the worker appends to Blobs (Chromium keeps large ones on disk), a test or
// a Node host to memory or a file. Core sees only this interface (no DOM or Node types here).
import type { SpillFile } from './input/byte-source'
import { decodeJsonLiteral } from './sourcemap/json-bytes'
import { lowerBound } from './util/order'

/** An append-only store of bytes read back by offset. */
export interface ByteLog {
  /** Appends a copy of `bytes` (the caller may change or transfer them once this returns); returns
   *  the offset of their first byte. */
  append(bytes: Uint8Array): number
  /** The bytes at [start, end) of everything appended. */
  read(start: number, end: number): Promise<Uint8Array>
}

/** What the core calls while it reads: keeps bytes once, then says which bytes are which file's text. */
export interface ContentStore {
  /** Keeps a copy of `bytes`; returns where they start. */
  put(bytes: Uint8Array): number
  /** `fileId`'s text is the UTF-8 at [start, end) of what was put; `json`: those bytes are a JSON
   *  string literal, quotes included, whose value is the text. */
  assign(fileId: number, start: number, end: number, json: boolean): void
}

const NONE = 0
const RAW = 1
const JSON_LITERAL = 2
const decoder = new TextDecoder()

/** The ContentStore over a ByteLog, and the texts read back. Ranges are kept in flat arrays (two
 *  numbers and a flag per file), so 200,000 files cost a few megabytes. */
export class KeptTexts implements ContentStore {
  #starts = new Float64Array(1024)
  #ends = new Float64Array(1024)
  #how = new Uint8Array(1024)

  constructor(private readonly log: ByteLog) {}

  put(bytes: Uint8Array): number {
    return this.log.append(bytes)
  }

  /** A place for a large map at the end of this store's log (see LogRegion), when the log can be
   *  read synchronously; undefined otherwise. */
  region(): LogRegion | undefined {
    const log = this.log as Partial<SyncLog>
    return typeof log.readSync === 'function' ? new LogRegion(this.log as SyncLog) : undefined
  }

  assign(fileId: number, start: number, end: number, json: boolean): void {
    if (fileId >= this.#how.length) this.#grow(fileId + 1)
    this.#starts[fileId] = start
    this.#ends[fileId] = end
    this.#how[fileId] = json ? JSON_LITERAL : RAW
  }

  has(fileId: number): boolean {
    return fileId < this.#how.length && this.#how[fileId] !== NONE
  }

  /** The UTF-8 kept for `fileId` as it lies in the log (a map source still escaped), or null. */
  async bytes(fileId: number): Promise<Uint8Array | null> {
    if (!this.has(fileId)) return null
    return this.log.read(this.#starts[fileId], this.#ends[fileId])
  }

  /** The UTF-8 of `fileId`'s text: a member's bytes as kept, a map source unescaped and encoded
   *  again; null when none was kept. */
  async utf8(fileId: number): Promise<Uint8Array | null> {
    const bytes = await this.bytes(fileId)
    if (bytes === null || this.#how[fileId] !== JSON_LITERAL) return bytes
    return new TextEncoder().encode(decodeJsonLiteral(bytes))
  }

  /** The text of `fileId` (decoded, a map source unescaped), or null when none was kept. */
  async text(fileId: number): Promise<string | null> {
    const bytes = await this.bytes(fileId)
    if (bytes === null) return null
    return this.#how[fileId] === JSON_LITERAL ? decodeJsonLiteral(bytes) : decoder.decode(bytes)
  }

  #grow(min: number): void {
    const size = Math.max(min, this.#how.length * 2)
    const starts = new Float64Array(size)
    const ends = new Float64Array(size)
    const how = new Uint8Array(size)
    starts.set(this.#starts)
    ends.set(this.#ends)
    how.set(this.#how)
    this.#starts = starts
    this.#ends = ends
    this.#how = how
  }
}

/** A ByteLog that is also read synchronously (a file): what a LogRegion is cut from. */
export type SyncLog = ByteLog & Pick<SpillFile, 'readSync' | 'size' | 'windowBytes'>

/** A host's place for a large map (a SpillFile) that is the tail of its texts' log: the map's bytes
 *  are written once, as they inflate, and its sources are kept as ranges of them (keptAt) instead of
 *  being put into the log a second time. Nothing else may be appended to the log while the region
 *  is written (the walker reads one member at a time); closing it leaves the bytes where they are. */
export class LogRegion implements SpillFile {
  readonly keptAt: number
  #size = 0

  constructor(private readonly log: SyncLog) {
    this.keptAt = log.size
  }

  append(bytes: Uint8Array): number {
    const at = this.log.append(bytes) - this.keptAt
    if (at !== this.#size) throw new Error(`the texts' log was appended to while a map was spilled into it`)
    this.#size += bytes.length
    return at
  }

  readSync(start: number, end: number, into?: Uint8Array): Uint8Array {
    if (start < 0 || end > this.#size) throw new RangeError(`no bytes at [${start}, ${end}) of ${this.#size}`)
    return this.log.readSync(this.keptAt + start, this.keptAt + end, into)
  }

  get size(): number {
    return this.#size
  }

  get windowBytes(): number | undefined {
    return this.log.windowBytes
  }

  close(): void {}
}

/** A ByteLog in memory: for tests, and for a host that wants the texts but has nowhere else to put them. */
export class MemoryLog implements ByteLog {
  #parts: Uint8Array[] = []
  #starts: number[] = []
  #size = 0

  append(bytes: Uint8Array): number {
    const at = this.#size
    this.#parts.push(bytes.slice())
    this.#starts.push(at)
    this.#size += bytes.length
    return at
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.#size
  }

  read(start: number, end: number): Promise<Uint8Array> {
    const pieces = partsCovering(this.#starts, this.#size, start, end).map(({ index, from, to }) =>
      this.#parts[index].subarray(from, to),
    )
    if (pieces.length === 1) return Promise.resolve(pieces[0])
    // Several parts (or none, for an empty range): joined into a fresh buffer.
    const joined = new Uint8Array(end - start)
    let at = 0
    for (const piece of pieces) {
      joined.set(piece, at)
      at += piece.length
    }
    return Promise.resolve(joined)
  }
}

/** The parts of a log that hold [start, end): each part's index and the range inside it. `starts` are
 *  the parts' first offsets, ascending; `size` is where the last part ends. */
export function partsCovering(
  starts: readonly number[],
  size: number,
  start: number,
  end: number,
): { index: number; from: number; to: number }[] {
  if (start < 0 || end > size || start > end)
    throw new RangeError(`no bytes at [${start}, ${end}) of ${size}`)
  const pieces: { index: number; from: number; to: number }[] = []
  // The last part that starts at or before `start` (offsets are whole numbers).
  let index = lowerBound(starts, start + 1, (at) => at) - 1
  for (let at = start; at < end; index++) {
    const to = Math.min(end, index + 1 < starts.length ? starts[index + 1] : size)
    if (to > at) pieces.push({ index, from: at - starts[index], to: to - starts[index] })
    at = Math.max(at, to)
  }
  return pieces
}
