// A file of the Origin Private File System, written and read through a synchronous access handle
// (dedicated workers only). Chromium keeps it on disk in a normal profile (in an off-the-record one,
// in memory), so the worker uses it for what would otherwise sit in memory: the texts kept for the
// viewer (a ByteLog, instead of Blobs, which Chromium holds in memory up to 2 GB on a desktop) and a
// source map too large to hold while it is read through a window (a SpillFile). Where OPFS is not
// offered (the single-file build opened from file://, an older browser) open() gives undefined.
import type { SpillFile } from '../core/input/byte-source'
import type { ByteLog } from '../core/kept-texts'

/** What is used of a FileSystemSyncAccessHandle (the page's and the tests' DOM library, which also
 *  compile this file, do not declare the worker-only type). */
interface SyncAccessHandle {
  read(buffer: Uint8Array, options: { at: number }): number
  write(buffer: Uint8Array, options: { at: number }): number
  truncate(size: number): void
  close(): void
}

export class OpfsFile implements ByteLog, SpillFile {
  #size = 0
  #disposed = false

  private constructor(
    private readonly dir: FileSystemDirectoryHandle,
    private readonly name: string,
    private readonly handle: SyncAccessHandle,
  ) {}

  /** A new empty file named `name`, or undefined without OPFS. */
  static async open(name: string): Promise<OpfsFile | undefined> {
    try {
      const dir = await navigator.storage.getDirectory()
      const file = await dir.getFileHandle(name, { create: true })
      const opener = file as unknown as { createSyncAccessHandle(): Promise<SyncAccessHandle> }
      const handle = await opener.createSyncAccessHandle()
      handle.truncate(0)
      return new OpfsFile(dir, name, handle)
    } catch {
      return undefined
    }
  }

  get size(): number {
    return this.#size
  }

  append(bytes: Uint8Array): number {
    const at = this.#size
    for (let done = 0; done < bytes.length;)
      done += this.handle.write(bytes.subarray(done), { at: at + done })
    this.#size += bytes.length
    return at
  }

  readSync(start: number, end: number): Uint8Array {
    const bytes = new Uint8Array(end - start)
    for (let done = 0; done < bytes.length;) {
      const n = this.handle.read(bytes.subarray(done), { at: start + done })
      if (n === 0) throw new RangeError(`no bytes at ${start + done} of ${this.#size}`)
      done += n
    }
    return bytes
  }

  read(start: number, end: number): Promise<Uint8Array> {
    return Promise.resolve(this.readSync(start, end))
  }

  /** Empties the file for the next use (a spilled map has been read). */
  close(): void {
    if (this.#disposed) return
    this.handle.truncate(0)
    this.#size = 0
  }

  /** Closes the handle and removes the file. */
  dispose(): void {
    if (this.#disposed) return
    this.#disposed = true
    this.handle.close()
    this.dir.removeEntry(this.name).catch(() => {})
  }
}
