// A tar's members as they inflate, handed to the Walker one at a time: each member's bytes copied
// straight into a buffer of its declared size, a large source map into the host's place for it, and
// a large binary read no further than its head.
import { isBinary, looksLikeSourceMap, SNIFF_BYTES, sniff } from './sniff'
import type { SpillFile } from './byte-source'
import { checkAborted } from './limits'
import { concat, TarError, TarWalker } from './tar'
import type { Walker } from './walk'

/** Feeds a TarWalker and copies each member's bytes straight into one buffer of the size its header
 *  declares — one copy, no list of chunks kept alive and joined at the end (0.3 s of a 2.6 s CLI scan
 *  of the incident-sized tarball). A hostile header may declare far more than follows: the buffer's
 *  pages are only touched as bytes arrive, and if the allocation itself fails the chunks are gathered
 *  and joined instead. Complete members go to the walker. */
export class TarConsumer {
  private readonly tar = new TarWalker()
  private path = ''
  private size = 0
  private data: Uint8Array | null = null
  /** Used instead of `data` when a buffer of the declared size could not be allocated. */
  private parts: Uint8Array[] | null = null
  /** Used instead of `data` for a source map over limits.maxFileBytes the host keeps for us. */
  private spill: SpillFile | undefined
  /** A large member's first bytes, gathered before its buffer is allocated (Walker.mayReadHeadOnly);
   *  kept alone when they show a binary (`headOnly`). */
  private head: Uint8Array | null = null
  private headOnly = false
  private used = 0

  constructor(
    private readonly walker: Walker,
    private readonly origin: string[],
  ) {}

  async push(chunk: Uint8Array): Promise<void> {
    for (const event of this.tar.push(chunk)) {
      if (event.type === 'entry') {
        checkAborted(this.walker.signal)
        this.path = event.path
        this.size = event.size
        this.used = 0
        this.parts = null
        this.data = null
        this.head = null
        this.headOnly = false
        this.dropSpill()
        // A large map goes to the host's place, read through a window once complete (Walker.spilled).
        this.spill = this.walker.spillFor(event.path, event.size)
        if (!this.spill && event.size > this.walker.maxFileBytes)
          this.walker.tooBig(event.path, this.origin, event.size)
        else if (!this.spill && this.walker.mayReadHeadOnly(event.size))
          this.head = new Uint8Array(SNIFF_BYTES)
        else if (!this.spill) this.allocate()
      } else if (event.type === 'data') {
        const bytes = this.head && !this.headOnly ? this.takeHead(event.bytes) : event.bytes
        if (this.spill) this.spill.append(bytes)
        else if (this.parts) this.parts.push(bytes)
        else if (this.data) this.data.set(bytes, this.used)
        this.used += bytes.length
      } else if (this.spill) {
        const member = { path: this.path, origin: this.origin, size: this.size }
        try {
          await this.walker.spilled(member, this.spill)
        } finally {
          this.dropSpill()
        }
      } else if (this.headOnly) {
        const head = this.head!
        this.head = null
        await this.walker.member({ path: this.path, origin: this.origin, size: this.size, data: null, head })
      } else {
        const data = this.parts ? concat(this.parts) : this.data
        this.data = null
        this.parts = null
        await this.walker.member({ path: this.path, origin: this.origin, size: this.size, data })
      }
    }
  }

  /** The member's buffer of the size its header declares (gathered in parts if that fails). */
  private allocate(): void {
    this.data = allocate(this.size)
    if (!this.data) this.parts = []
  }

  /** Gathers `bytes` into the member's head; once it is full, decides whether the rest is read: a
   *  binary is listed by its head alone, anything else gets its buffer with the head copied in.
   *  Returns what of `bytes` is left for the buffer (counted only, for a binary). */
  private takeHead(bytes: Uint8Array): Uint8Array {
    const head = this.head!
    const n = Math.min(bytes.length, head.length - this.used)
    head.set(bytes.subarray(0, n), this.used)
    this.used += n
    if (this.used < head.length) return bytes.subarray(n)
    if (readsHeadOnly(head, this.path)) this.headOnly = true
    else {
      this.allocate()
      if (this.parts) this.parts.push(head)
      else this.data!.set(head)
      this.head = null
    }
    return bytes.subarray(n)
  }

  private dropSpill(): void {
    this.spill?.close()
    this.spill = undefined
  }

  async finish(): Promise<void> {
    try {
      this.tar.finish()
    } catch (error) {
      this.dropSpill()
      // Keep the partial member: its name and the bytes that arrived are exposed all the same.
      const { path, origin, used } = this
      if (error instanceof TarError && this.headOnly) {
        await this.walker.member({ path, origin, size: used, data: null, head: this.head! })
        throw error
      }
      const data = this.parts ? concat(this.parts) : (this.data ?? this.head)?.subarray(0, used)
      if (error instanceof TarError && data && data.length > 0) {
        this.data = null
        this.parts = null
        await this.walker.member({ path, origin, size: data.length, data })
      }
      throw error
    }
  }
}

/** Whether a member with this head is a binary file: not an archive, not a source map. */
const readsHeadOnly = (head: Uint8Array, path: string): boolean =>
  sniff(head) === 'file' && !looksLikeSourceMap(head, path) && isBinary(head)

function allocate(size: number): Uint8Array | null {
  try {
    return new Uint8Array(size)
  } catch {
    return null
  }
}
