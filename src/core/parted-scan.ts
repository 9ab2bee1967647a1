// A text too long to be held decoded at once (a bundle of hundreds of megabytes) is scanned from its
// UTF-8 in parts: line-aligned pieces of its bytes, decoded one at a time, each with some text either
// side of it (its window: the overlap), so that no more than one window's string is alive. The
// detectors run on each window; the findings are those placed in the part's own range, made by one
// FindingMaker for the whole text (caps per rule, places per exposure, line numbers and columns of the
// whole text; see detectors/findings.ts) with one time budget. Whether a text is scanned in parts,
// and where its parts are cut, depends on its bytes alone, never on the host or its threads.
//
// What may differ from a scan of the whole text, in principle: a single match, or what a detector
// reads to decide one (a literal's opening quote, a comment's opener), that reaches further than the
// overlap from the part it is placed in is seen cut at the window's edge: a prompt file longer than
// the overlap is still found, but its value (and valueHash) is the window's; a line with no line
// break within the overlap of a cut is cut between two characters instead. A step budget that a
// detector keeps per text against hostile input (the prompt literals' search) is kept per window.
import type { TextPart } from './detectors/findings'

export interface PartSizes {
  /** Texts of at least this many bytes of UTF-8 are scanned in parts. */
  from: number
  /** Bytes of a part (it ends at the first line break from there). */
  part: number
  /** Bytes of text before and after a part that the detectors see with it (at least 4 KiB). */
  overlap: number
}

const MiB = 1024 * 1024

/** 32 MiB and more in parts of 16 MiB with 1 MiB either side: a bundle of 124 MB is held as its bytes
 *  and one window of about 18 MiB, where its whole string with the detectors' hits and line index
 *  held several times its size. Prompts (MAX_LITERAL, 50,000 characters) and excerpts are far shorter
 *  than the overlap. */
export const DEFAULT_PART_SIZES: PartSizes = { from: 32 * MiB, part: 16 * MiB, overlap: MiB }

let sizes: PartSizes = DEFAULT_PART_SIZES

/** The sizes in use. */
export const partSizes = (): PartSizes => sizes

/** Sets the sizes (tests and benchmarks force small parts on small texts; hosts read it from their
 *  environment). Undefined restores the defaults. */
export function setPartSizes(next: Partial<PartSizes> | undefined): void {
  const merged = { ...DEFAULT_PART_SIZES, ...next }
  sizes = { ...merged, overlap: Math.max(4096, merged.overlap), part: Math.max(1, merged.part) }
}

/** The sizes a host's environment asks for: `EE_PART_BYTES` (parts of that many bytes, for every
 *  text longer than one part) and `EE_PART_OVERLAP`; undefined when it asks for none. */
export function partSizesFromEnv(env: Record<string, string | undefined>): Partial<PartSizes> | undefined {
  const part = Number(env.EE_PART_BYTES)
  if (!(part > 0)) return undefined
  const overlap = Number(env.EE_PART_OVERLAP)
  return { from: part + 1, part, ...(overlap > 0 ? { overlap } : {}) }
}

/** Whether a text of `bytes` bytes of UTF-8 is scanned in parts. */
export const isParted = (bytes: number): boolean => bytes >= sizes.from

const stripping = new TextDecoder()
const keeping = new TextDecoder('utf-8', { ignoreBOM: true })

/** The text of bytes [start, end): a byte order mark is dropped at the text's start only, as a
 *  decode of the whole drops it. A piece cut at a line break or before a character's first byte
 *  decodes as it does in the whole text. */
const decodeAt = (bytes: Uint8Array, start: number, end: number): string =>
  (start === 0 ? stripping : keeping).decode(bytes.subarray(start, end))

/** The first offset from `at` that begins a character (past continuation bytes). */
function charStart(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && (bytes[at] & 0xc0) === 0x80) at++
  return at
}

/** Where a piece ending near `at` ends: after the first line break within `reach` from `at`, else
 *  at the next character's start. */
function cutForward(bytes: Uint8Array, at: number, reach: number): number {
  if (at >= bytes.length) return bytes.length
  const nl = bytes.indexOf(10, at)
  return nl >= 0 && nl < at + reach ? nl + 1 : charStart(bytes, at)
}

/** Where a piece starting near `at` starts: after the last line break within `reach` before `at`,
 *  else at the next character's start. */
function cutBack(bytes: Uint8Array, at: number, reach: number): number {
  if (at <= 0) return 0
  const nl = bytes.lastIndexOf(10, at - 1)
  return nl >= 0 && nl >= at - reach ? nl + 1 : charStart(bytes, at)
}

/** The parts of a text given as its UTF-8, in order, each in its window (decoded as it is asked
 *  for; nothing of a part is kept once the next is asked for). */
export function* textParts(bytes: Uint8Array, { part, overlap }: PartSizes = sizes): Generator<TextPart> {
  let start = 0
  let offset = 0
  let line = 1
  let lineStart = 0
  for (;;) {
    const end = cutForward(bytes, start + part, overlap)
    const last = end >= bytes.length
    const windowStart = cutBack(bytes, start - overlap, overlap)
    const windowEnd = last ? end : cutForward(bytes, end + overlap, overlap)
    const { text, from, ownLength } = decodeWindow(bytes, windowStart, start, end, windowEnd)
    const to = from + ownLength
    yield { text, from, to: last ? Infinity : to, offset: offset - from, line, lineStart }
    if (last) return
    const lastBreak = text.lastIndexOf('\n', to - 1)
    if (lastBreak >= from) {
      for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) line++
      lineStart = offset + lastBreak - from + 1
    }
    offset += ownLength
    start = end
  }
}

/** A part's window decoded as one string, and where its own text lies in it. Decoding the window
 *  in one call gives the text the three pieces (before, own, after) give joined, since each cut is
 *  after a line break or before a character's first byte, where the decoder starts afresh either
 *  way; one call makes one string where joining them made four (and a fifth once flattened): the
 *  scan worker's garbage per part. The pieces either side are decoded too (at most an overlap each)
 *  to check that, and to place the own text; were the check ever to fail, the pieces are joined. */
function decodeWindow(bytes: Uint8Array, windowStart: number, start: number, end: number, windowEnd: number) {
  const before = decodeAt(bytes, windowStart, start)
  const after = decodeAt(bytes, end, windowEnd)
  let text = decodeAt(bytes, windowStart, windowEnd)
  if (!text.startsWith(before) || !text.endsWith(after)) text = before + decodeAt(bytes, start, end) + after
  return { text, from: before.length, ownLength: text.length - before.length - after.length }
}
