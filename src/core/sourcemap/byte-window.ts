// Bytes read through a window: the whole of a Uint8Array, or a window of WINDOW_BYTES paged in from a
// synchronous reader (a file in the CLI, a Blob through FileReaderSync in a worker), so a map that is
// never held as one buffer can be walked all the same. The JSON scanner (json-bytes.ts) reads through
// this, byte by byte and with indexOf, in the same order either way.

/** Bytes read by offset, synchronously. */
export interface SyncBytes {
  readonly size: number
  /** A copy of (or view on) the bytes at [start, end); a reader may read them into the start of
   *  `into` (at least end - start long) and give a view of it. */
  read(start: number, end: number, into?: Uint8Array): Uint8Array
  /** Bytes to page in at a time (default WINDOW_BYTES). */
  readonly windowBytes?: number
}

/** Bytes paged in at a time from a SyncBytes. */
export const WINDOW_BYTES = 16 * 1024 * 1024
/** How far before the wanted byte a window starts, so looking back a little (the backslashes before a
 *  quote) stays inside it. */
const BEHIND = 1024

export class ByteWindow {
  readonly length: number
  readonly #source: SyncBytes | undefined
  readonly #windowBytes: number
  #window: Uint8Array
  #base = 0
  /** What windows are read into, one after another (a 570 MB map read through 16 MiB windows
   *  allocated each time had up to a few hundred megabytes of them awaiting a collection). */
  #buffer: Uint8Array | undefined

  constructor(bytes: Uint8Array | SyncBytes) {
    if (bytes instanceof Uint8Array) {
      this.#windowBytes = bytes.length
      this.#window = bytes
      this.length = bytes.length
    } else {
      this.#windowBytes = Math.max(1, bytes.windowBytes ?? WINDOW_BYTES)
      this.#source = bytes
      this.#window = new Uint8Array(0)
      this.length = bytes.size
    }
  }

  /** The byte at `i`, or undefined past either end. */
  at(i: number): number | undefined {
    const j = i - this.#base
    if (j >= 0 && j < this.#window.length) return this.#window[j]
    if (i < 0 || i >= this.length || !this.#source) return undefined
    this.#load(i)
    return this.#window[i - this.#base]
  }

  /** The byte at `i` without moving the window: for a look at a far place (the first byte of a value
   *  whose place was recorded) between reads that go on where the window is. */
  peek(i: number): number | undefined {
    const j = i - this.#base
    if (j >= 0 && j < this.#window.length) return this.#window[j]
    if (i < 0 || i >= this.length || !this.#source) return undefined
    return this.#source.read(i, i + 1)[0]
  }

  /** The first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    if (!this.#source) return this.#window.indexOf(byte, from)
    for (let at = Math.max(0, from); at < this.length;) {
      if (at < this.#base || at >= this.#base + this.#window.length) this.#load(at)
      const found = this.#window.indexOf(byte, at - this.#base)
      if (found >= 0) return this.#base + found
      at = this.#base + this.#window.length
    }
    return -1
  }

  /** The bytes at [start, end): a view while they are in the window (valid until the next read
   *  through it: the next window is read into the same buffer), else read from the source. */
  slice(start: number, end: number): Uint8Array {
    const from = start - this.#base
    if (!this.#source) return this.#window.subarray(start, end)
    if (from >= 0 && end - this.#base <= this.#window.length)
      return this.#window.subarray(from, end - this.#base)
    return this.#source!.read(start, end)
  }

  #load(i: number): void {
    const start = Math.max(0, i - BEHIND)
    this.#buffer ??= new Uint8Array(Math.min(this.length, this.#windowBytes + BEHIND))
    this.#window = this.#source!.read(
      start,
      Math.min(this.length, start + this.#windowBytes + BEHIND),
      this.#buffer,
    )
    this.#base = start
  }
}

/** SyncBytes over a Uint8Array (tests, and a host that has the bytes at hand). */
export function memoryBytes(bytes: Uint8Array): SyncBytes {
  return { size: bytes.length, read: (start, end) => bytes.subarray(start, end) }
}

/** The size of bytes held or read through a reader. */
export const sizeOf = (bytes: Uint8Array | SyncBytes): number =>
  bytes instanceof Uint8Array ? bytes.length : bytes.size

/** The bytes at [start, end) of bytes held or read through a reader. */
export const rangeOf = (bytes: Uint8Array | SyncBytes, start: number, end: number): Uint8Array =>
  bytes instanceof Uint8Array ? bytes.subarray(start, end) : bytes.read(start, end)

/** Lines of the text in `bytes`, as countLinesBytes counts them, one window at a time. */
export function countLinesThrough(bytes: SyncBytes): number {
  if (bytes.size === 0) return 0
  const window = new ByteWindow(bytes)
  let lines = 1
  for (let at = window.indexOf(10, 0); at !== -1; at = window.indexOf(10, at + 1)) lines++
  return lines
}
