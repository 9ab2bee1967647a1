// The CLI's ByteLog (core/kept-texts.ts): kept texts in a temporary file, so `scan --extract` holds
// offsets, not the sources, while the artifact is read. The file is made private to the user (0600
// in a 0700 folder), since it holds the artifact's text, and removed by close().
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ByteLog } from '../core/kept-texts'

export class FileLog implements ByteLog {
  readonly #dir = mkdtempSync(join(tmpdir(), 'exposure-explorer-'))
  /** The temporary file. */
  readonly path = join(this.#dir, 'texts')
  readonly #fd = openSync(this.path, 'w+', 0o600)
  #size = 0

  append(bytes: Uint8Array): number {
    const at = this.#size
    for (let done = 0; done < bytes.length;)
      done += writeSync(this.#fd, bytes, done, bytes.length - done, at + done)
    this.#size += bytes.length
    return at
  }

  read(start: number, end: number): Promise<Uint8Array> {
    const bytes = new Uint8Array(end - start)
    for (let done = 0; done < bytes.length;) {
      const n = readSync(this.#fd, bytes, done, bytes.length - done, start + done)
      if (n === 0) throw new RangeError(`no bytes at ${start + done} of ${this.#size}`)
      done += n
    }
    return Promise.resolve(bytes)
  }

  close(): void {
    closeSync(this.#fd)
    rmSync(this.#dir, { recursive: true, force: true })
  }
}
