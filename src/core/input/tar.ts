// A streaming tar walker: push chunks of any size, get back events (a member starts, a slice of its
// data, it ends). Hand-written because no well-kept tar library runs in both a Web Worker and Node
// without Node streams (tar-stream and tar need node:stream/Buffer polyfills; the small browser ones
// read the whole archive into memory first). Tar is simple enough: 512-byte headers, data padded to
// 512. Handled: POSIX ustar (with the 155-byte prefix), pax extended headers (`x`, and global `g`
// whose records apply to every later member; `path` and `size` are read), GNU `L` long names and
// base-256 sizes. Directories, links and devices are skipped: they expose no content.
import { formatBytes } from '../report/present'
import { parseOctal, tarChecksum } from './sniff'

const BLOCK = 512
/** Cap on a pax/GNU long-name body held in memory; real ones are a few hundred bytes. */
const MAX_META_BYTES = 1024 * 1024

export type TarEvent =
  { type: 'entry'; path: string; size: number } | { type: 'data'; bytes: Uint8Array } | { type: 'end' }

export class TarError extends Error {}

type State = 'header' | 'data' | 'skip' | 'meta' | 'padding' | 'done'
const decoder = new TextDecoder()

export class TarWalker {
  private state: State = 'header'
  private header = new Uint8Array(BLOCK)
  private headerFill = 0
  private remaining = 0
  private padding = 0
  private offset = 0
  private meta: Uint8Array[] = []
  private metaType = ''
  private localPax: Record<string, string> = {}
  private globalPax: Record<string, string> = {}
  private longName: string | undefined
  private current = ''
  private currentSize = 0
  /** Set once the end-of-archive blocks were seen. */
  get done(): boolean {
    return this.state === 'done'
  }

  push(chunk: Uint8Array): TarEvent[] {
    const events: TarEvent[] = []
    let i = 0
    while (i < chunk.length && this.state !== 'done') {
      const rest = chunk.length - i
      switch (this.state) {
        case 'header': {
          const n = Math.min(BLOCK - this.headerFill, rest)
          this.header.set(chunk.subarray(i, i + n), this.headerFill)
          this.headerFill += n
          i += n
          if (this.headerFill === BLOCK) {
            this.headerFill = 0
            this.onHeader(events)
            this.offset += BLOCK
          }
          break
        }
        case 'data':
        case 'skip':
        case 'meta': {
          const n = Math.min(this.remaining, rest)
          const bytes = chunk.subarray(i, i + n)
          if (this.state === 'data') events.push({ type: 'data', bytes })
          else if (this.state === 'meta') this.meta.push(bytes.slice())
          i += n
          this.remaining -= n
          this.offset += n
          if (this.remaining === 0) this.endBody(events)
          break
        }
        case 'padding': {
          const n = Math.min(this.padding, rest)
          i += n
          this.padding -= n
          this.offset += n
          if (this.padding === 0) this.state = 'header'
          break
        }
      }
    }
    return events
  }

  /** Call at the end of input: throws TarError if it stopped inside a member or a header. */
  finish(): void {
    if (this.state === 'data' || this.state === 'skip' || this.state === 'meta')
      throw new TarError(
        `truncated: member "${this.current}" stops after ${formatBytes(this.currentSize - this.remaining)} of its ${formatBytes(this.currentSize)}`,
      )
    if (this.state === 'header' && this.headerFill > 0)
      throw new TarError(`truncated: the archive stops inside a header at byte ${this.offset}`)
    // A missing end-of-archive marker (or missing padding after the last member) loses nothing.
  }

  private zeroBlocks = 0

  private onHeader(events: TarEvent[]): void {
    const h = this.header
    if (h.every((b) => b === 0)) {
      if (++this.zeroBlocks === 2) this.state = 'done'
      return
    }
    this.zeroBlocks = 0
    const stored = parseOctal(h.subarray(148, 156))
    if (stored === undefined || stored !== tarChecksum(h))
      throw new TarError(`corrupt header at byte ${this.offset} (checksum mismatch)`)
    const type = String.fromCharCode(h[156] || 0x30)
    const pax = { ...this.globalPax, ...this.localPax }
    let size = readSize(h.subarray(124, 136))
    if (size === undefined) throw new TarError(`corrupt header at byte ${this.offset} (size field)`)
    if (pax.size !== undefined && /^\d+$/.test(pax.size) && type !== 'x' && type !== 'g')
      size = Number(pax.size)
    this.currentSize = size
    this.remaining = size
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > MAX_META_BYTES)
        throw new TarError(`a ${type} extended header of ${formatBytes(size)} is implausibly large`)
      this.metaType = type
      this.current = `${type} header`
      this.meta = []
      this.state = 'meta'
    } else {
      const path = normalizeMemberPath(pax.path ?? this.longName ?? ustarName(h))
      this.localPax = {}
      this.longName = undefined
      this.current = path
      const isFile = type === '0' || type === '7'
      if (isFile && path !== '') {
        events.push({ type: 'entry', path, size })
        this.state = 'data'
      } else this.state = 'skip'
    }
    if (size === 0) this.endBody(events)
  }

  private endBody(events: TarEvent[]): void {
    if (this.state === 'data') events.push({ type: 'end' })
    else if (this.state === 'meta') {
      const body = concat(this.meta)
      this.meta = []
      if (this.metaType === 'x') this.localPax = parsePax(body)
      else if (this.metaType === 'g') this.globalPax = { ...this.globalPax, ...parsePax(body) }
      else if (this.metaType === 'L') this.longName = decodeField(body)
    }
    this.state = this.padding > 0 ? 'padding' : 'header'
  }
}

/** Name, with the ustar prefix when the header is POSIX ustar (GNU uses that area for times). */
function ustarName(h: Uint8Array): string {
  const name = decodeField(h.subarray(0, 100))
  const posix = h[257] === 0x75 && h[262] === 0 && h[263] === 0x30 && h[264] === 0x30
  const prefix = posix ? decodeField(h.subarray(345, 500)) : ''
  return prefix ? `${prefix}/${name}` : name
}

function decodeField(bytes: Uint8Array): string {
  const end = bytes.indexOf(0)
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end))
}

/** Octal, or GNU base-256 (high bit of the first byte set) for members of 8 GiB and more. */
function readSize(field: Uint8Array): number | undefined {
  if (field[0] & 0x80) {
    let value = field[0] & 0x7f
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]
    return value
  }
  return parseOctal(field)
}

/** pax records: "<length> <key>=<value>\n", length counting the whole record in bytes. */
export function parsePax(body: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {}
  let at = 0
  while (at < body.length) {
    let space = at
    while (space < body.length && body[space] !== 0x20) space++
    const length = Number(decoder.decode(body.subarray(at, space)))
    if (!Number.isInteger(length) || length <= 0 || at + length > body.length) {
      if (body.subarray(at).every((b) => b === 0)) break
      throw new TarError(`corrupt pax header (record at byte ${at})`)
    }
    const record = decoder.decode(body.subarray(space + 1, at + length - 1))
    const eq = record.indexOf('=')
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return records
}

/** Archive paths as shown: no leading "./" or "/" (the file is never written anywhere). */
export function normalizeMemberPath(path: string): string {
  return path.replace(/^(\.?\/)+/, '')
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
