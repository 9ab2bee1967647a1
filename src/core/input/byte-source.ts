// Where bytes come from. One small interface (after Perfetto's TraceStream): a name, a size, and a
// ranged read. The browser backs it with a Blob/File, Node with a file handle, tests with memory.

export interface ByteSource {
  /** Path of the input as the user gave it: a file name, or a path below a dropped folder ("dist/cli.js"). */
  readonly name: string
  readonly size: number
  /** Bytes [start, end). May return fewer bytes only at the end of the source. */
  read(start: number, end: number): Promise<Uint8Array>
  /** Takes back a buffer a read gave, once its reader is done with it and holds no view of it: the
   *  source may fill it again for a later read (the dropped File's chunks: reused, not left to the
   *  collector). */
  release?(chunk: Uint8Array): void
}

/** Default slice size for reading a source in chunks (large enough to amortise the per-read cost,
 *  small enough that a File is never copied whole just to start inflating it). */
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024

export function memorySource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length)),
  }
}

/** Where a host puts a member too large to hold in memory (the CLI: a private temporary file):
 *  appended to in order, then read by offset, then closed (and gone) once the member is read. */
export interface SpillFile {
  /** Appends a copy of `bytes`; returns where they start. */
  append(bytes: Uint8Array): number
  /** The bytes at [start, end): a buffer of their own, or read into the start of `into` when given
   *  (at least end - start long) and then a view of it. */
  readSync(start: number, end: number, into?: Uint8Array): Uint8Array
  readonly size: number
  close(): void
  /** Bytes read through at a time (default WINDOW_BYTES of sourcemap/byte-window.ts); tests lower it. */
  readonly windowBytes?: number
  /** Where the spilled bytes start in the host's content store, when the place is a region of the
   *  store's own log (kept-texts.ts LogRegion): a map's sources are then kept as ranges of them and
   *  nothing is put again. */
  readonly keptAt?: number
}
