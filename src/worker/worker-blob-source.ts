// A ByteSource over a Blob (the dropped File): each read slices the Blob and reads only that range,
// so a 1 GB file is never copied whole just to start inflating it.
import type { ByteSource } from '../core/input/byte-source'

export function blobSource(name: string, blob: Blob): ByteSource {
  return {
    name,
    size: blob.size,
    async read(start: number, end: number): Promise<Uint8Array> {
      const stop = Math.min(end, blob.size)
      if (start >= stop) return new Uint8Array(0)
      return new Uint8Array(await blob.slice(start, stop).arrayBuffer())
    },
  }
}
