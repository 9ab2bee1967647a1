// The worker's ByteLog (core/kept-texts.ts): kept texts as Blobs, outside the worker's JS heap.
// Chromium holds Blob data in its browser process and moves large blobs to disk under memory
// pressure, so the worker keeps only offsets. Small appends are copied into one staging buffer and
// sealed as one Blob per SEAL_BYTES (200,000 small members make a few hundred Blobs, not 200,000);
// a large one becomes a Blob of its own at once. The Blob constructor copies, so the caller's bytes
// are free to go (or to be transferred to a scan worker) as soon as append returns.
import { partsCovering, type ByteLog } from '../core/kept-texts'

/** Bytes gathered before they become one Blob. */
export const SEAL_BYTES = 4 * 1024 * 1024

export class BlobLog implements ByteLog {
  readonly #blobs: Blob[] = []
  readonly #starts: number[] = []
  #staging: Uint8Array<ArrayBuffer> | null = null
  #staged = 0
  #size = 0

  append(bytes: Uint8Array): number {
    const at = this.#size
    if (bytes.length >= SEAL_BYTES) {
      this.#seal()
      this.#add(new Blob([bytes as Uint8Array<ArrayBuffer>]), bytes.length)
      return at
    }
    if (this.#staged + bytes.length > SEAL_BYTES) this.#seal()
    this.#staging ??= new Uint8Array(SEAL_BYTES)
    this.#staging.set(bytes, this.#staged)
    this.#staged += bytes.length
    this.#size += bytes.length
    return at
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    this.#seal()
    const pieces = partsCovering(this.#starts, this.#size, start, end).map(({ index, from, to }) =>
      this.#blobs[index].slice(from, to),
    )
    return new Uint8Array(await new Blob(pieces).arrayBuffer())
  }

  #add(blob: Blob, size: number): void {
    this.#starts.push(this.#size)
    this.#blobs.push(blob)
    this.#size += size
  }

  /** What is staged becomes one Blob (a copy); the staging buffer is reused. */
  #seal(): void {
    if (this.#staged === 0) return
    const staged = this.#staged
    this.#size -= staged
    this.#staged = 0
    this.#add(new Blob([this.#staging!.subarray(0, staged)]), staged)
  }
}
