// A ByteSource over a Blob (the dropped File): each read slices the Blob and reads only that range,
// so a 1 GB file is never copied whole just to start inflating it.
//
// A read fills a buffer this source allocated (through a byte reader of the slice's stream), and a
// buffer released by its reader is filled again by a later read. A buffer the browser allocates
// (Blob.arrayBuffer(), a stream's own chunks) stays held by the browser's side until a collection
// even once detached from script, and detaching it hides it from the collector's count; the 10×
// input read 306 MB of them in 8 MiB chunks, a few hundred megabytes of which awaited a collection
// at a time.
import type { ByteSource } from '../core/input/byte-source'

/** Released buffers kept for reuse: a chunk being inflated and the one read meanwhile. */
const POOL = 2

/** The byte readers reading now. A read whose stream nothing else reaches (the job's promises
 *  reach it only through the read itself) never resolved in a worker: the collector took the
 *  stream, and the read with it. */
const reading = new Set<ReadableStreamBYOBReader>()

export function blobSource(name: string, blob: Blob): ByteSource {
  const pool: ArrayBuffer[] = []
  return {
    name,
    size: blob.size,
    async read(start: number, end: number): Promise<Uint8Array> {
      const stop = Math.min(end, blob.size)
      if (start >= stop) return new Uint8Array(0)
      const length = stop - start
      const reused = pool.findIndex((b) => b.byteLength >= length)
      const buffer = reused >= 0 ? pool.splice(reused, 1)[0] : new ArrayBuffer(length)
      return fill(blob.slice(start, stop), buffer, length)
    },
    release(chunk: Uint8Array): void {
      if (pool.length < POOL && chunk.buffer instanceof ArrayBuffer && chunk.buffer.byteLength > 0)
        pool.push(chunk.buffer)
    },
  }
}

/** `blob`'s bytes (`length` of them) read into `buffer`, which the byte reader moves: the bytes are
 *  in the buffer it gives back, at its start. */
async function fill(blob: Blob, buffer: ArrayBuffer, length: number): Promise<Uint8Array> {
  const reader = blob.stream().getReader({ mode: 'byob' })
  reading.add(reader)
  try {
    let at = 0
    while (at < length) {
      const { done, value } = await reader.read(new Uint8Array(buffer, at, length - at))
      if (done || !value) throw new Error(`the file ended after ${at} of ${length} bytes`)
      buffer = value.buffer as ArrayBuffer
      at += value.length
    }
    return new Uint8Array(buffer, 0, length)
  } finally {
    reading.delete(reader)
    reader.releaseLock()
  }
}
