// Zip (and zip-based formats: jar, vsix, whl, crx) read through the central directory by range, so a
// large zip is never held whole: only the directory and one member at a time. Defences: sizes are
// checked against the limits before inflating, an entry may not inflate past its declared size, and
// entries whose data overlap (the overlapping-file zip bomb) stop the container.
import type { ByteSource } from './byte-source'
import { inflateRange, type InflateOptions } from './inflate'
import { ContainerError } from './limits'
import { formatBytes } from '../report/present'
import { concat, normalizeMemberPath } from './tar'

export interface ZipEntryInfo {
  path: string
  method: number
  flags: number
  compressedSize: number
  size: number
  localOffset: number
  /** Fixed header, name and extra field of the entry as the directory gives them. */
  headerBytes: number
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

/** A central directory as read: its entries, and what could not be read or was ambiguous. */
export interface ZipDirectory {
  entries: ZipEntryInfo[]
  /** Problems that did not stop the zip (a damaged tail of the directory, a rival directory). */
  problems: ContainerError[]
}

/** An end-of-central-directory record found in the tail. */
interface EndRecord {
  /** Offset of the record in the source. */
  at: number
  count: number
  cdSize: number
  cdOffset: number
  commentLength: number
  zip64: boolean
}

/** End records examined at most (a hostile tail can hold thousands of signatures). */
const MAX_END_CANDIDATES = 64

/**
 * Reads the central directory the way Java's ZipFile does. The end record is the last one whose
 * comment length reaches exactly the end of the file, or failing that whose directory and first local
 * header sit where it says; the entries are counted by walking the directory to its end, not by the
 * record's 16-bit count (a zip of 70,001 entries without zip64 declares 4,465; Java, unzip and Python
 * list all 70,001).
 * Another end record pointing at a different plausible directory (a decoy hidden in the comment, which
 * a reader taking the last signature would list instead) is reported as an ambiguous archive. Throws
 * ContainerError when no directory can be read at all.
 */
export async function readZipDirectory(source: ByteSource): Promise<ZipDirectory> {
  const tailStart = Math.max(0, source.size - (22 + 65535))
  const tail = await source.read(tailStart, source.size)
  const candidates: EndRecord[] = []
  for (let i = tail.length - 22; i >= 0 && candidates.length < MAX_END_CANDIDATES; i--) {
    if (u32(tail, i) !== EOCD) continue
    candidates.push(await endRecord(source, tail, i, tailStart))
  }
  if (candidates.length === 0)
    throw new ContainerError('zip is truncated or corrupt: no end-of-central-directory record')
  let chosen: EndRecord | undefined
  for (const record of candidates) {
    if (record.at + 22 + record.commentLength === source.size || (await javaAccepts(source, record))) {
      chosen = record
      break
    }
  }
  const problems: ContainerError[] = []
  if (!chosen) {
    // No record passes: read the last one as most readers would, and say its comment is off.
    chosen = candidates[0]
    problems.push(
      new ContainerError(
        `zip end record at byte ${chosen.at} declares a ${chosen.commentLength}-byte comment, but ${source.size - chosen.at - 22} bytes follow it`,
        'warning',
        false,
      ),
    )
  }
  const start = directoryStart(chosen)
  if (start + chosen.cdSize > source.size)
    throw new ContainerError('zip is truncated: the central directory lies past the end')
  const cd = await source.read(start, start + chosen.cdSize)
  const shift = start - chosen.cdOffset
  const { entries, damagedAt } = walkDirectory(cd, shift)
  if (damagedAt !== undefined) {
    if (entries.length === 0)
      throw new ContainerError(`zip is corrupt: the central directory at byte ${start} is damaged`)
    problems.push(
      new ContainerError(
        `zip is corrupt: its central directory is damaged at byte ${start + damagedAt}; the ${entries.length} entries before it were read, the last ${formatBytes(cd.length - damagedAt)} of the directory were not`,
      ),
    )
  }
  const rival = await findRival(source, candidates, chosen, entries)
  if (rival)
    problems.push(
      new ContainerError(
        `Ambiguous zip: it holds two central directories. Read: the one the end record at byte ${chosen.at} points to ` +
          `(${entries.length} entries), as Java's ZipFile does; not read: the one at byte ${directoryStart(rival)} that the end record ` +
          `at byte ${rival.at} points to (declaring ${rival.count} entries), which other readers (unzip, ones that take the last end record) list instead`,
      ),
    )
  const files = entries.filter((e) => !e.path.endsWith('/') && e.path !== '')
  checkOverlap(files)
  return { entries: files, problems }
}

/** Parses the end record at `i` of the tail (following a zip64 locator when its fields overflow). */
async function endRecord(
  source: ByteSource,
  tail: Uint8Array,
  i: number,
  tailStart: number,
): Promise<EndRecord> {
  const record: EndRecord = {
    at: tailStart + i,
    count: u16(tail, i + 10),
    cdSize: u32(tail, i + 12),
    cdOffset: u32(tail, i + 16),
    commentLength: u16(tail, i + 20),
    zip64: false,
  }
  if (record.count === 0xffff || record.cdSize === 0xffffffff || record.cdOffset === 0xffffffff) {
    const locator = i >= 20 ? tail.subarray(i - 20, i) : undefined
    if (locator && u32(locator, 0) === EOCD64_LOCATOR) {
      const at = u64(locator, 8)
      const zip64 = await source.read(at, at + 56)
      if (zip64.length < 56 || u32(zip64, 0) !== EOCD64)
        throw new ContainerError('zip64 end record is corrupt')
      record.count = u64(zip64, 32)
      record.cdSize = u64(zip64, 40)
      record.cdOffset = u64(zip64, 48)
      record.zip64 = true
    }
  }
  return record
}

/** Where a record's directory starts. Data before the zip (a crx header, a self-extractor stub)
 *  shifts every offset by the same amount: the directory then ends right before the record. */
function directoryStart(record: EndRecord): number {
  const shift = record.zip64 ? 0 : Math.max(0, record.at - (record.cdOffset + record.cdSize))
  return record.cdOffset + shift
}

/** Java's check for a record whose comment length is off (padding after the zip): a directory entry
 *  right before the record, and a local header where that directory's offsets start. */
async function javaAccepts(source: ByteSource, record: EndRecord): Promise<boolean> {
  const cdStart = record.at - record.cdSize
  const zipStart = cdStart - record.cdOffset
  if (cdStart < 0 || zipStart < 0) return false
  return (await signatureAt(source, cdStart)) === CENTRAL && (await signatureAt(source, zipStart)) === LOCAL
}

async function signatureAt(source: ByteSource, at: number): Promise<number | undefined> {
  const bytes = await source.read(at, at + 4)
  return bytes.length === 4 ? u32(bytes, 0) : undefined
}

/** The entries of a directory, up to its end or its first damaged entry. */
function walkDirectory(cd: Uint8Array, shift: number): { entries: ZipEntryInfo[]; damagedAt?: number } {
  const entries: ZipEntryInfo[] = []
  let at = 0
  while (at < cd.length) {
    if (at + 46 > cd.length || u32(cd, at) !== CENTRAL) return { entries, damagedAt: at }
    const nameLength = u16(cd, at + 28)
    const extraLength = u16(cd, at + 30)
    const commentLength = u16(cd, at + 32)
    const next = at + 46 + nameLength + extraLength + commentLength
    if (next > cd.length) return { entries, damagedAt: at }
    const entry: ZipEntryInfo = {
      path: normalizeMemberPath(decoder.decode(cd.subarray(at + 46, at + 46 + nameLength))),
      flags: u16(cd, at + 8),
      method: u16(cd, at + 10),
      compressedSize: u32(cd, at + 20),
      size: u32(cd, at + 24),
      localOffset: u32(cd, at + 42),
      headerBytes: 30 + nameLength + extraLength,
    }
    readZip64Extra(cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry)
    entry.localOffset += shift
    entries.push(entry)
    at = next
  }
  return { entries }
}

/** Another end record, outside the data of the entries read, whose directory is plausible (an empty
 *  one, or one that starts with a directory entry) and is not the directory read. A record inside an
 *  entry's data is a zip stored in the zip, not a rival. */
async function findRival(
  source: ByteSource,
  candidates: readonly EndRecord[],
  chosen: EndRecord,
  entries: readonly ZipEntryInfo[],
): Promise<EndRecord | undefined> {
  const chosenStart = directoryStart(chosen)
  const spans = entryDataSpans(entries, chosenStart)
  for (const record of candidates) {
    if (record === chosen || spans.some(([from, to]) => record.at >= from && record.at < to)) continue
    const start = directoryStart(record)
    if (start === chosenStart && record.cdSize === chosen.cdSize) continue
    if (record.count === 0 && record.cdSize === 0) return record
    if (start + 46 <= source.size && (await signatureAt(source, start)) === CENTRAL) return record
  }
  return undefined
}

/** Slack past an entry's data as the directory describes it: the local header's extra field may be
 *  longer than the directory's (zipalign pads it), and a data descriptor may follow. */
const LOCAL_SLACK = 4096

/** Byte ranges of the entries' local headers and data, each cut at the next entry or the directory. */
function entryDataSpans(entries: readonly ZipEntryInfo[], directoryAt: number): [number, number][] {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset)
  return sorted.map((e, i) => {
    const next = i + 1 < sorted.length ? sorted[i + 1].localOffset : directoryAt
    return [e.localOffset, Math.min(next, e.localOffset + e.headerBytes + e.compressedSize + LOCAL_SLACK)]
  })
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
