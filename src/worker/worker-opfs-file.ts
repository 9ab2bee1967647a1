// A file of the Origin Private File System, written and read through a synchronous access handle
// (dedicated workers only). Chromium keeps it on disk in a normal profile (in an off-the-record one,
// in memory), so the worker uses it for what would otherwise sit in memory: the texts kept for the
// viewer (a ByteLog, instead of Blobs, which Chromium holds in memory up to 2 GB on a desktop), and
// at its end a source map too large to hold, written as it inflates and read through a window (a
// LogRegion of kept-texts.ts; the map's sources are then kept as ranges of those bytes). Where OPFS
// is not offered (the single-file build opened from file://, an older browser) open() gives undefined.
// Off the record the file is in memory as Blobs would be; the page does not tell the two apart (the
// storage quota and persisted() answer alike in both, and there is no store on disk to switch to).
import type { SyncLog } from '../core/kept-texts'

/** What is used of a FileSystemSyncAccessHandle (the page's and the tests' DOM library, which also
 *  compile this file, do not declare the worker-only type). */
interface SyncAccessHandle {
  read(buffer: Uint8Array, options: { at: number }): number
  write(buffer: Uint8Array, options: { at: number }): number
  truncate(size: number): void
  close(): void
}

/** Appends shorter than this gather in memory and reach the file together: a write through the
 *  handle costs the same for 10 bytes as for 10 KB, and an archive of 200,000 small members would
 *  otherwise make 200,000 of them. */
const GATHER_BYTES = 1 << 20

export class OpfsFile implements SyncLog {
  /** Bytes appended, written or gathered. */
  #size = 0
  /** Bytes in the file; the ones after are in #gathered. */
  #written = 0
  #gathered = new Uint8Array(0)
  #gatheredLength = 0
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
    this.#size += bytes.length
    if (this.#gatheredLength + bytes.length > GATHER_BYTES) this.#flush()
    if (bytes.length >= GATHER_BYTES) {
      this.#write(bytes, at)
      this.#written = this.#size
    } else {
      if (this.#gathered.length === 0) this.#gathered = new Uint8Array(GATHER_BYTES)
      this.#gathered.set(bytes, this.#gatheredLength)
      this.#gatheredLength += bytes.length
    }
    return at
  }

  #write(bytes: Uint8Array, at: number): void {
    for (let done = 0; done < bytes.length;)
      done += this.handle.write(bytes.subarray(done), { at: at + done })
  }

  /** Writes the gathered appends to the file. */
  #flush(): void {
    if (this.#gatheredLength === 0) return
    this.#write(this.#gathered.subarray(0, this.#gatheredLength), this.#written)
    this.#written += this.#gatheredLength
    this.#gatheredLength = 0
  }

  readSync(start: number, end: number, into?: Uint8Array): Uint8Array {
    if (end > this.#written) this.#flush()
    const bytes = into ? into.subarray(0, end - start) : new Uint8Array(end - start)
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

  /** Closes the handle and removes the file. */
  dispose(): void {
    if (this.#disposed) return
    this.#disposed = true
    this.#gathered = new Uint8Array(0)
    this.handle.close()
    this.dir.removeEntry(this.name).catch(() => {})
  }
}
