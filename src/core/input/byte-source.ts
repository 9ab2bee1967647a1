// Where bytes come from. One small interface (after Perfetto's TraceStream): a name, a size, and a
// ranged read. The browser backs it with a Blob/File, Node with a file handle, tests with memory.

export interface ByteSource {
  /** Path of the input as the user gave it: a file name, or a path below a dropped folder ("dist/cli.js"). */
  readonly name: string
  readonly size: number
  /** Bytes [start, end). May return fewer bytes only at the end of the source. */
  read(start: number, end: number): Promise<Uint8Array>
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
