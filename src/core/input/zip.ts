// Zip (and zip-based formats: jar, vsix, whl, crx) read through the central directory by range, so a
// large zip is never held whole: only the directory and one member at a time. Defences: sizes are
// checked against the limits before inflating, an entry may not inflate past its declared size, and
// entries whose data overlap (the overlapping-file zip bomb) stop the container.
import type { ByteSource } from './byte-source'
import { inflateRange, type InflateOptions } from './inflate'
import { ContainerError } from './limits'
import { concat, normalizeMemberPath } from './tar'

export interface ZipEntryInfo {
  path: string
  method: number
  flags: number
  compressedSize: number
  size: number
  localOffset: number
}

const EOCD = 0x06054b50
const EOCD64_LOCATOR = 0x07064b50
const EOCD64 = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const decoder = new TextDecoder()

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8)
const u32 = (b: Uint8Array, at: number) =>
  (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32

/** Reads the central directory. Throws ContainerError when it is missing, truncated or corrupt. */
export async function readZipDirectory(source: ByteSource): Promise<ZipEntryInfo[]> {
  const tailStart = Math.max(0, source.size - (22 + 65535))
  const tail = await source.read(tailStart, source.size)
  let eocd = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd === -1) throw new ContainerError('zip is truncated or corrupt: no end-of-central-directory record')
  let count = u16(tail, eocd + 10)
  let cdSize = u32(tail, eocd + 12)
  let cdOffset = u32(tail, eocd + 16)
  const eocdAt = tailStart + eocd
  let zip64 = false
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd >= 20 ? tail.subarray(eocd - 20, eocd) : undefined
    if (locator && u32(locator, 0) === EOCD64_LOCATOR) {
      const at = u64(locator, 8)
      const record = await source.read(at, at + 56)
      if (record.length < 56 || u32(record, 0) !== EOCD64)
        throw new ContainerError('zip64 end record is corrupt')
      count = u64(record, 32)
      cdSize = u64(record, 40)
      cdOffset = u64(record, 48)
      zip64 = true
    }
  }
  // Data before the zip (a crx header, a self-extractor stub) shifts every offset by the same amount.
  const shift = zip64 ? 0 : Math.max(0, eocdAt - (cdOffset + cdSize))
  const start = cdOffset + shift
  if (start + cdSize > source.size)
    throw new ContainerError('zip is truncated: the central directory lies past the end')
  if (count * 46 > cdSize)
    throw new ContainerError(`zip is corrupt: ${count} entries cannot fit a ${cdSize}-byte directory`)
  const cd = await source.read(start, start + cdSize)
  const entries: ZipEntryInfo[] = []
  let at = 0
  for (let n = 0; n < count; n++) {
    if (at + 46 > cd.length || u32(cd, at) !== CENTRAL)
      throw new ContainerError(`zip is corrupt: central directory entry ${n + 1} of ${count} is damaged`)
    const nameLength = u16(cd, at + 28)
    const extraLength = u16(cd, at + 30)
    const commentLength = u16(cd, at + 32)
    const entry: ZipEntryInfo = {
      path: normalizeMemberPath(decoder.decode(cd.subarray(at + 46, at + 46 + nameLength))),
      flags: u16(cd, at + 8),
      method: u16(cd, at + 10),
      compressedSize: u32(cd, at + 20),
      size: u32(cd, at + 24),
      localOffset: u32(cd, at + 42),
    }
    readZip64Extra(cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry)
    entry.localOffset += shift
    at += 46 + nameLength + extraLength + commentLength
    if (!entry.path.endsWith('/') && entry.path !== '') entries.push(entry)
  }
  checkOverlap(entries)
  return entries
}

/** The zip64 extra field holds the 64-bit values of whichever 32-bit fields are 0xffffffff. */
function readZip64Extra(extra: Uint8Array, entry: ZipEntryInfo): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = u16(extra, at)
    const length = u16(extra, at + 2)
    if (id === 0x0001) {
      let p = at + 4
      const next = () => {
        const value = p + 8 <= extra.length ? u64(extra, p) : undefined
        p += 8
        return value
      }
      if (entry.size === 0xffffffff) entry.size = next() ?? entry.size
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize
      if (entry.localOffset === 0xffffffff) entry.localOffset = next() ?? entry.localOffset
      return
    }
    at += 4 + length
  }
}

function checkOverlap(entries: readonly ZipEntryInfo[]): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset)
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]
    // A local header is at least 30 bytes before its data.
    if (sorted[i].localOffset < previous.localOffset + 30 + previous.compressedSize)
      throw new ContainerError(
        `zip entries "${previous.path}" and "${sorted[i].path}" share their data (an overlapping-entry zip bomb); the zip was not read`,
      )
  }
}

/** One entry's bytes. Its declared size must already have been checked against the limits. */
export async function readZipEntry(
  source: ByteSource,
  entry: ZipEntryInfo,
  options: InflateOptions,
): Promise<Uint8Array> {
  const local = await source.read(entry.localOffset, entry.localOffset + 30)
  if (local.length < 30 || u32(local, 0) !== LOCAL)
    throw new ContainerError(`zip entry "${entry.path}": local header is missing or corrupt`)
  const dataStart = entry.localOffset + 30 + u16(local, 26) + u16(local, 28)
  const dataEnd = dataStart + entry.compressedSize
  if (dataEnd > source.size) throw new ContainerError(`zip entry "${entry.path}" is truncated`)
  if (entry.flags & 1)
    throw new ContainerError(
      `zip entry "${entry.path}" is encrypted; its name is listed, its content is not`,
      'warning',
    )
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size)
      throw new ContainerError(`zip entry "${entry.path}" is stored with mismatched sizes`)
    const parts: Uint8Array[] = []
    for (let at = dataStart; at < dataEnd; at += options.chunkBytes)
      parts.push(await source.read(at, Math.min(dataEnd, at + options.chunkBytes)))
    return concat(parts)
  }
  if (entry.method !== 8)
    throw new ContainerError(
      `zip entry "${entry.path}" uses compression method ${entry.method}, which is not supported`,
      'warning',
    )
  const parts: Uint8Array[] = []
  let produced = 0
  if (entry.size === 0 && entry.compressedSize <= 2) return new Uint8Array(0)
  await inflateRange(source, dataStart, dataEnd, options, async (piece) => {
    produced += piece.length
    if (produced > entry.size)
      throw new ContainerError(
        `zip entry "${entry.path}" inflates past its declared ${entry.size} bytes (a zip bomb or a corrupt entry); it was not read`,
      )
    parts.push(piece)
  })
  if (produced !== entry.size)
    throw new ContainerError(
      `zip entry "${entry.path}" is corrupt: ${produced} bytes inflated, ${entry.size} declared`,
    )
  return parts.length === 0 ? new Uint8Array(0) : concat(parts)
}
