// The CLI's ByteLog (core/kept-texts.ts): kept texts in a temporary file, so `scan --extract` holds
// offsets, not the sources, while the artifact is read. The same file holds a source map too large
// to hold in memory while it is read through a window (a SpillFile). The file is made private to the user (0600
// in a 0700 folder), since it holds the artifact's text, and removed by close().
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SpillFile } from '../core/input/byte-source'
import type { ByteLog } from '../core/kept-texts'

export class FileLog implements ByteLog, SpillFile {
  readonly #dir = mkdtempSync(join(tmpdir(), 'exposure-explorer-'))
  /** The temporary file. */
  readonly path = join(this.#dir, 'texts')
  readonly #fd = openSync(this.path, 'w+', 0o600)
  #size = 0
  #closed = false

  append(bytes: Uint8Array): number {
    const at = this.#size
    for (let done = 0; done < bytes.length;)
      done += writeSync(this.#fd, bytes, done, bytes.length - done, at + done)
    this.#size += bytes.length
    return at
  }

  get size(): number {
    return this.#size
  }

  read(start: number, end: number): Promise<Uint8Array> {
    return Promise.resolve(this.readSync(start, end))
  }

  readSync(start: number, end: number, into?: Uint8Array): Uint8Array {
    const bytes = into ? into.subarray(0, end - start) : new Uint8Array(end - start)
    for (let done = 0; done < bytes.length;) {
      const n = readSync(this.#fd, bytes, done, bytes.length - done, start + done)
      if (n === 0) throw new RangeError(`no bytes at ${start + done} of ${this.#size}`)
      done += n
    }
    return bytes
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    closeSync(this.#fd)
    rmSync(this.#dir, { recursive: true, force: true })
  }
}
