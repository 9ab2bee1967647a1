// The floor: the unavoidable work any tool must do to see what an npm tarball exposes — gunzip it
// (streaming: with fflate here, or with the host's native inflate pushed in as inflated pieces; the
// hosts measure both in the same run and the floor is the faster), walk the tar (keeping each member's bytes as it completes), decode the source
// map to text and JSON.parse it. Shared by the Node floor and the browser floor's worker, so both
// measure the same code. Pure: no node:*, no DOM (performance.now and TextDecoder exist in both).
//
// A map larger than V8's maximum string length (2^29 - 24 UTF-16 units, ~536 MB) cannot be one string,
// so for those the floor decodes in pieces: each `sourcesContent` entry is decoded and JSON.parse'd on
// its own, and the rest of the map (with an empty `sourcesContent`) is parsed as one small document.
import { Gunzip } from 'fflate'

export const MAX_STRING = 2 ** 29 - 24

export interface FloorTimings {
  /** From the first input chunk to the end of the tar (gunzip + tar walk, interleaved). */
  gunzipTar: number
  /** UTF-8 decode of the map (whole, or entry by entry). */
  decode: number
  /** JSON.parse of the map (whole, or entry by entry plus the rest). */
  parse: number
  total: number
}

export interface FloorResult {
  inflate: FloorInflate
  members: number
  tarBytes: number
  mapPath?: string
  mapBytes: number
  sources: number
  /** UTF-16 length of all sourcesContent strings. */
  sourceTextChars: number
  mode: 'whole' | 'pieces' | 'none'
  timings: FloorTimings
  /** With `collect`: the map's sources and their texts (for the scanner measurement). */
  sourceNames?: string[]
  texts?: (string | null)[]
}

export interface TarMember {
  path: string
  type: string
  data: Uint8Array
}

const decoder = new TextDecoder()

function field(block: Uint8Array, offset: number, length: number): string {
  let end = offset
  while (end < offset + length && block[end] !== 0) end++
  return decoder.decode(block.subarray(offset, end))
}

function paxPath(data: Uint8Array): string | undefined {
  const text = decoder.decode(data)
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)
  return match?.[1]
}

/** A streaming tar walker: push bytes in any pieces, get each member (pax/GNU long names applied). */
export class TarWalk {
  members = 0
  bytes = 0
  private header = new Uint8Array(512)
  private headerUsed = 0
  private current?: { path: string; type: string; data: Uint8Array; used: number; padding: number }
  private skip = 0
  private longName?: string
  private ended = false

  constructor(private onMember: (member: TarMember) => void) {}

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length
    let at = 0
    while (at < chunk.length && !this.ended) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at)
        this.skip -= n
        at += n
        continue
      }
      const cur = this.current
      if (cur) {
        const n = Math.min(cur.data.length - cur.used, chunk.length - at)
        cur.data.set(chunk.subarray(at, at + n), cur.used)
        cur.used += n
        at += n
        if (cur.used === cur.data.length) this.complete(cur)
        continue
      }
      const n = Math.min(512 - this.headerUsed, chunk.length - at)
      this.header.set(chunk.subarray(at, at + n), this.headerUsed)
      this.headerUsed += n
      at += n
      if (this.headerUsed === 512) this.startMember()
    }
  }

  private startMember(): void {
    this.headerUsed = 0
    const h = this.header
    if (h.every((b) => b === 0)) {
      this.ended = true
      return
    }
    const size = parseInt(field(h, 124, 12).trim() || '0', 8)
    const type = field(h, 156, 1) || '0'
    const prefix = field(h, 345, 155)
    const name = field(h, 0, 100)
    const path = this.longName ?? (prefix ? `${prefix}/${name}` : name)
    this.longName = undefined
    this.current = { path, type, data: new Uint8Array(size), used: 0, padding: (512 - (size % 512)) % 512 }
    if (size === 0) this.complete(this.current)
  }

  private complete(cur: NonNullable<TarWalk['current']>): void {
    this.current = undefined
    this.skip = cur.padding
    if (cur.type === 'x') this.longName = paxPath(cur.data)
    else if (cur.type === 'L') this.longName = field(cur.data, 0, cur.data.length)
    else if (cur.type !== 'g') {
      this.members++
      this.onMember({ path: cur.path, type: cur.type, data: cur.data })
    }
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  for (let i = haystack.indexOf(needle[0], from); i >= 0; i = haystack.indexOf(needle[0], i + 1)) {
    let j = 1
    while (j < needle.length && haystack[i + j] === needle[j]) j++
    if (j === needle.length) return i
  }
  return -1
}

/** The end (index of the closing quote) of the JSON string starting at `start` (an opening quote). */
function stringEnd(bytes: Uint8Array, start: number): number {
  for (let q = bytes.indexOf(0x22, start + 1); q >= 0; q = bytes.indexOf(0x22, q + 1)) {
    let backslashes = 0
    while (bytes[q - 1 - backslashes] === 0x5c) backslashes++
    if (backslashes % 2 === 0) return q
  }
  throw new Error('unterminated string in map')
}

const SOURCES_CONTENT = new TextEncoder().encode('"sourcesContent":[')

/** Parses a map without ever holding it as one string. Returns sources and their total length. */
export function parseMapInPieces(
  bytes: Uint8Array,
  t: FloorTimings,
  texts?: (string | null)[],
): { sources: number; chars: number; names: string[] } {
  const key = indexOfBytes(bytes, SOURCES_CONTENT)
  if (key < 0) throw new Error('map has no sourcesContent')
  let at = key + SOURCES_CONTENT.length
  let sources = 0
  let chars = 0
  for (;;) {
    while (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x2c) at++
    if (bytes[at] === 0x5d) break
    if (bytes[at] === 0x6e) {
      at += 4 // null
      texts?.push(null)
      sources++
      continue
    }
    const end = stringEnd(bytes, at)
    let s = performance.now()
    const literal = decoder.decode(bytes.subarray(at, end + 1))
    t.decode += performance.now() - s
    s = performance.now()
    const text = JSON.parse(literal) as string
    t.parse += performance.now() - s
    chars += text.length
    texts?.push(text)
    sources++
    at = end + 1
  }
  let s = performance.now()
  const rest =
    decoder.decode(bytes.subarray(0, key + SOURCES_CONTENT.length)) + decoder.decode(bytes.subarray(at))
  t.decode += performance.now() - s
  s = performance.now()
  const parsed = JSON.parse(rest) as { sources: string[] }
  t.parse += performance.now() - s
  return { sources, chars, names: parsed.sources }
}

/** How the floor inflates: fflate here, or the host's own (DecompressionStream, node:zlib). */
export type FloorInflate = 'fflate' | 'native'

/** The floor as a push sink: feed the .tgz bytes (`push`, inflated with fflate) or bytes the host
 *  inflated itself (`pushInflated`), then `finish()`. The map is the largest *.map member. */
export function createFloor(options: { forcePieces?: boolean; collect?: boolean } = {}) {
  const started = performance.now()
  const timings: FloorTimings = { gunzipTar: 0, decode: 0, parse: 0, total: 0 }
  let map: TarMember | undefined
  const tar = new TarWalk((member) => {
    if (member.path.endsWith('.map') && (!map || member.data.length > map.data.length)) map = member
  })
  let gunzip: Gunzip | undefined
  return {
    push(chunk: Uint8Array, final = false): void {
      gunzip ??= new Gunzip((inflated) => tar.push(inflated))
      gunzip.push(chunk, final)
    },
    pushInflated(chunk: Uint8Array): void {
      tar.push(chunk)
    },
    finish(): FloorResult {
      timings.gunzipTar = performance.now() - started
      const result: FloorResult = {
        inflate: gunzip ? 'fflate' : 'native',
        members: tar.members,
        tarBytes: tar.bytes,
        mapPath: map?.path,
        mapBytes: map?.data.length ?? 0,
        sources: 0,
        sourceTextChars: 0,
        mode: 'none',
        timings,
      }
      if (map && (options.forcePieces || map.data.length >= MAX_STRING)) {
        const texts: (string | null)[] = []
        const pieces = parseMapInPieces(map.data, timings, options.collect ? texts : undefined)
        Object.assign(result, { mode: 'pieces', sources: pieces.sources, sourceTextChars: pieces.chars })
        if (options.collect) Object.assign(result, { texts, sourceNames: pieces.names })
      } else if (map) {
        let s = performance.now()
        const text = decoder.decode(map.data)
        timings.decode = performance.now() - s
        s = performance.now()
        const parsed = JSON.parse(text) as { sources: string[]; sourcesContent?: (string | null)[] }
        timings.parse = performance.now() - s
        result.mode = 'whole'
        result.sources = parsed.sources.length
        for (const content of parsed.sourcesContent ?? []) result.sourceTextChars += content?.length ?? 0
        if (options.collect)
          Object.assign(result, { texts: parsed.sourcesContent ?? [], sourceNames: parsed.sources })
      }
      timings.total = performance.now() - started
      return result
    },
  }
}
