// The container walker: opens a dropped source by its magic bytes and hands every member to a
// visitor, one at a time, recursing into members that are archives themselves (a zip holding a
// tgz…) while the nesting stays within limits.maxDepth. Source maps are not opened here: they are
// the visitor's business (analyze.ts), which counts them as a nesting level too.
import type { ContainerType, Limits, ReportError } from '../report/model'
import type { SyncBytes } from '../sourcemap/byte-window'
import { memorySource, type ByteSource, type SpillFile } from './byte-source'
import { gunzipSource, type InflateOptions, type NativeGunzip } from './inflate'
import { Budget, checkAborted, ContainerError, limitHint } from './limits'
import { formatBytes, joinChain } from '../report/present'
import { looksLikeSourceMap, SNIFF_BYTES, sniff, type Sniffed } from './sniff'
import { concat, TarError } from './tar'
import { TarConsumer } from './tar-consumer'
import { crxPayload } from './crx'
import { readZipDirectory, readZipEntry } from './zip'

export interface Member {
  /** Path inside its container, or the source's name for a dropped file. */
  path: string
  /** Containers from the dropped input inward. */
  origin: string[]
  /** Size of the member (declared size when its content was not read). */
  size: number
  /** Its bytes, or null when they were not read (over limits.maxFileBytes, encrypted, …). */
  data: Uint8Array | null
  /** A source map over limits.maxFileBytes, held by the host (WalkOptions.spill) instead of in
   *  memory and read through a window; `data` is null. */
  spilled?: SyncBytes
  /** Where `spilled`'s bytes already lie in the host's content store (SpillFile.keptAt). */
  keptAt?: number
  /** A binary member whose bytes were not read past its head (see HEAD_ONLY_BYTES; `data` is null):
   *  its first SNIFF_BYTES, all a binary file is listed by. */
  head?: Uint8Array
}

/** A tar member of at least this many bytes whose first SNIFF_BYTES show a binary file (not an
 *  archive, not a source map) is not read past them: nothing of a binary is scanned or kept, and
 *  the generated 10x's five native modules (315 MB, up to 85 MB each) were each held whole and
 *  then waited in the reader for a collection. Not when content is hashed (a diff's contentHash). */
export const HEAD_ONLY_BYTES = 1024 * 1024

/** A source map larger than this is read through a window from the host's place for it (when it
 *  offers one: WalkOptions.spill) instead of held: the generated 10x incident's 570 MB map no longer
 *  sets the CLI's peak, while the real release's 57 MB map is read from memory as before. */
export const SPILL_BYTES = 64 * 1024 * 1024

export interface WalkVisitor {
  /** A member about to be opened as a container; its members follow. Not called for dropped sources. */
  container(member: Member, type: ContainerType): Promise<void>
  /** A member (or dropped file) that is not an archive, or one too deeply nested to open. */
  file(member: Member): Promise<void>
  error(error: ReportError): void
  /** Bytes read of the dropped source being walked. */
  progress(stage: 'reading' | 'decompressing', done: number, total: number, path: string): void
}

export interface WalkOptions {
  limits: Limits
  budget: Budget
  chunkBytes: number
  signal?: AbortSignal
  gunzip?: NativeGunzip
  /** A place for a tar member over SPILL_BYTES named like a source map: the host's (the CLI's
   *  temporary file), so the map is read through a window, never held. Without it such a member is
   *  held as any other (over limits.maxFileBytes, listed without content), as when it gives none. */
  spill?: () => SpillFile | undefined
  /** Every member's bytes are read whole, binaries too (their content is hashed). */
  wholeBinaries?: boolean
}

const CONTAINER_TYPE: Record<Exclude<Sniffed, 'file'>, ContainerType> = {
  gzip: 'gzip',
  tar: 'tar',
  zip: 'zip',
  crx: 'zip',
}

export class Walker {
  constructor(
    private readonly options: WalkOptions,
    private readonly visitor: WalkVisitor,
  ) {}

  /** Walks one dropped source: an archive is opened (and not listed itself), anything else is a file. */
  async walkSource(source: ByteSource): Promise<void> {
    checkAborted(this.options.signal)
    const head = await source.read(0, Math.min(source.size, SNIFF_BYTES))
    const kind = sniff(head)
    if (kind !== 'file') {
      await this.open(source, kind, [source.name])
      return
    }
    const { maxFileBytes } = this.options.limits
    if (source.size > maxFileBytes) {
      this.tooBig(source.name, [], source.size)
      await this.visitor.file({ path: source.name, origin: [], size: source.size, data: null })
      return
    }
    const parts: Uint8Array[] = []
    for (let at = 0; at < source.size; at += this.options.chunkBytes) {
      checkAborted(this.options.signal)
      parts.push(await source.read(at, Math.min(source.size, at + this.options.chunkBytes)))
      this.visitor.progress(
        'reading',
        Math.min(source.size, at + this.options.chunkBytes),
        source.size,
        source.name,
      )
    }
    const data = concat(parts)
    await this.visitor.file({ path: source.name, origin: [], size: data.length, data })
  }

  /** A member read from a container: opened when it is an archive and the depth allows, else a file. */
  async member(member: Member): Promise<void> {
    checkAborted(this.options.signal)
    const kind = member.data ? sniff(member.data.subarray(0, SNIFF_BYTES)) : 'file'
    if (kind === 'file') return this.visitor.file(member)
    const origin = [...member.origin, member.path]
    if (origin.length > this.options.limits.maxDepth) {
      this.visitor.error({
        path: joinChain(origin),
        message: `Not opened: this ${kind} is nested ${origin.length} containers deep, past limits.maxDepth (${this.options.limits.maxDepth}); ${limitHint('maxDepth')}.`,
        level: 'limit',
        unscanned: true,
      })
      return this.visitor.file(member)
    }
    await this.visitor.container(member, CONTAINER_TYPE[kind])
    await this.open(memorySource(member.path, member.data!), kind, origin)
  }

  /** Opens a container; damage is reported against it and what was read before stays. */
  private async open(source: ByteSource, kind: Exclude<Sniffed, 'file'>, origin: string[]): Promise<void> {
    const where = joinChain(origin)
    try {
      if (kind === 'gzip') await this.gzip(source, origin)
      else if (kind === 'tar') await this.tarFromSource(source, origin)
      else await this.zip(kind === 'crx' ? crxPayload(await source.read(0, 16), source) : source, origin)
    } catch (error) {
      if (error instanceof ContainerError) this.report(where, error)
      else if (error instanceof TarError) this.report(where, new ContainerError(error.message))
      else throw error
    }
  }

  /** A container problem as a report entry (one sentence, ending with a full stop). */
  private report(path: string, error: ContainerError): void {
    this.visitor.error({
      path,
      message: `${error.message}.`.replace(/\.\.$/, '.'),
      level: error.level,
      ...(error.unscanned ? { unscanned: true } : {}),
    })
  }

  private inflateOptions(source: ByteSource, origin: string[]): InflateOptions {
    const top = origin.length === 1
    return {
      budget: this.options.budget,
      chunkBytes: this.options.chunkBytes,
      signal: this.options.signal,
      where: joinChain(origin),
      gunzip: this.options.gunzip,
      onRead: top
        ? (done) => this.visitor.progress('decompressing', done, source.size, source.name)
        : undefined,
    }
  }

  /** gzip: a tar inside is walked as it inflates; anything else becomes one member (foo.js.gz › foo.js). */
  private async gzip(source: ByteSource, origin: string[]): Promise<void> {
    let head: Uint8Array[] | undefined = []
    let headBytes = 0
    let tar: TarConsumer | undefined
    const single: Uint8Array[] = []
    let singleBytes = 0
    const { maxFileBytes } = this.options.limits
    const name = (origin.at(-1) ?? '')
      .split('/')
      .pop()!
      .replace(/\.t?gz$|\.gzip$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : ''))
    const take = async (piece: Uint8Array): Promise<void> => {
      if (tar) return tar.push(piece)
      singleBytes += piece.length
      if (singleBytes > maxFileBytes)
        throw new ContainerError(
          `Stopped: the decompressed content passed limits.maxFileBytes (${formatBytes(maxFileBytes)}); ${limitHint('maxFileBytes')}`,
          'limit',
        )
      single.push(piece)
    }
    const sniffHead = async () => {
      const first = concat(head!)
      head = undefined
      if (sniff(first) === 'tar') tar = new TarConsumer(this, origin)
      await take(first)
    }
    let failure: ContainerError | undefined
    try {
      await gunzipSource(source, this.inflateOptions(source, origin), async (piece) => {
        if (!head) return take(piece)
        head.push(piece)
        headBytes += piece.length
        // The head's pieces are joined (or, one alone, taken as it is) once it is long enough.
        if (headBytes >= 512) await sniffHead()
      })
      if (head) await sniffHead()
    } catch (error) {
      if (!(error instanceof ContainerError)) throw error
      failure = error
    }
    // Whatever inflated before damage still counts: finish the tar, or list the partial content.
    if (!failure || failure.level !== 'limit') {
      if (head && headBytes > 0) await sniffHead()
      if (tar) {
        try {
          await tar.finish()
        } catch (error) {
          if (!failure) throw error
        }
      } else if (!failure || singleBytes > 0) {
        const data = concat(single)
        await this.member({ path: name || 'content', origin, size: data.length, data })
      }
    } else if (!tar) await this.member({ path: name || 'content', origin, size: singleBytes, data: null })
    if (failure) throw failure
  }

  private async tarFromSource(source: ByteSource, origin: string[]): Promise<void> {
    const tar = new TarConsumer(this, origin)
    for (let at = 0; at < source.size; at += this.options.chunkBytes) {
      checkAborted(this.options.signal)
      await tar.push(await source.read(at, Math.min(source.size, at + this.options.chunkBytes)))
      if (origin.length === 1)
        this.visitor.progress(
          'reading',
          Math.min(source.size, at + this.options.chunkBytes),
          source.size,
          source.name,
        )
    }
    await tar.finish()
  }

  private async zip(source: ByteSource, origin: string[]): Promise<void> {
    const { entries, problems } = await readZipDirectory(source)
    for (const problem of problems) this.report(joinChain(origin), problem)
    const options = this.inflateOptions(source, origin)
    options.onRead = undefined
    let done = 0
    for (const entry of entries) {
      checkAborted(this.options.signal)
      const where = joinChain([...origin, entry.path])
      let data: Uint8Array | null = null
      if (entry.size > this.options.limits.maxFileBytes) this.tooBig(entry.path, origin, entry.size)
      else {
        try {
          data = await readZipEntry(source, entry, { ...options, where })
        } catch (error) {
          if (!(error instanceof ContainerError)) throw error
          // A damaged entry is listed without content; the next entry may be fine.
          this.report(where, error)
        }
      }
      await this.member({ path: entry.path, origin, size: data?.length ?? entry.size, data })
      done += entry.compressedSize
      if (origin.length === 1) this.visitor.progress('decompressing', done, source.size, source.name)
    }
  }

  tooBig(path: string, origin: string[], size: number): void {
    this.visitor.error({
      path: joinChain([...origin, path]),
      message: `Listed without content: ${formatBytes(size)} is over limits.maxFileBytes (${formatBytes(this.options.limits.maxFileBytes)}); ${limitHint('maxFileBytes')}.`,
      level: 'limit',
      unscanned: true,
    })
  }

  /** Where a member goes instead of memory: a source map over SPILL_BYTES (or over
   *  limits.maxFileBytes), when the host offers a place; undefined otherwise (over maxFileBytes it
   *  is then listed without content). */
  spillFor(path: string, size: number): SpillFile | undefined {
    const { spill } = this.options
    const over = size > Math.min(SPILL_BYTES, this.maxFileBytes)
    return spill && over && /\.map$/i.test(path) ? spill() : undefined
  }

  /** A member written to `spill`: read as a source map through a window; bytes that are not a map
   *  are read back into memory (or over limits.maxFileBytes, listed without content). */
  async spilled(member: Omit<Member, 'data'>, spill: SpillFile): Promise<void> {
    const source: SyncBytes = {
      size: spill.size,
      read: (start, end, into) => spill.readSync(start, end, into),
      windowBytes: spill.windowBytes,
    }
    if (looksLikeSourceMap(source.read(0, Math.min(source.size, SNIFF_BYTES)), member.path))
      return this.visitor.file({ ...member, data: null, spilled: source, keptAt: spill.keptAt })
    if (member.size <= this.maxFileBytes) return this.member({ ...member, data: source.read(0, source.size) })
    this.tooBig(member.path, member.origin, member.size)
    return this.visitor.file({ ...member, data: null })
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal
  }

  /** Whether a member of `size` bytes is read only as far as its head when that shows a binary. */
  mayReadHeadOnly(size: number): boolean {
    return size >= HEAD_ONLY_BYTES && !this.options.wholeBinaries
  }

  get maxFileBytes(): number {
    return this.options.limits.maxFileBytes
  }
}
