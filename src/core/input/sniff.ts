// What a byte stream is, from its first bytes (never from its name alone: a `.js` may be a gzip, a
// `.tgz` may be a plain tar). Names only break a tie for source maps, whose JSON has no magic.

export type Sniffed = 'gzip' | 'tar' | 'zip' | 'crx' | 'file'

/** Bytes enough to sniff every format (tar needs its first 512-byte header). */
export const SNIFF_BYTES = 4096

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b)

const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72] // "ustar", then "\0" (POSIX) or "  \0" (GNU)

export function sniff(head: Uint8Array): Sniffed {
  if (startsWith(head, [0x1f, 0x8b, 0x08])) return 'gzip'
  // Local file header, or the end record of an empty zip.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip'
  if (startsWith(head, [0x43, 0x72, 0x32, 0x34])) return 'crx' // "Cr24"
  if (startsWith(head, USTAR, 257)) return 'tar'
  if (head.length >= 512 && isPlainTarHeader(head)) return 'tar'
  return 'file'
}

/** A pre-POSIX (v7) tar header: no magic, so require a valid checksum and a sane name and size. */
function isPlainTarHeader(block: Uint8Array): boolean {
  if (block[0] === 0) return false
  const stored = parseOctal(block.subarray(148, 156))
  if (stored === undefined) return false
  if (parseOctal(block.subarray(124, 136)) === undefined) return false
  return tarChecksum(block) === stored
}

/** Sum of the header bytes with the checksum field counted as spaces. */
export function tarChecksum(block: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]
  return sum
}

/** A NUL/space-terminated octal field; undefined if it holds anything else. */
export function parseOctal(field: Uint8Array): number | undefined {
  let value = 0
  let digits = 0
  let i = 0
  while (i < field.length && field[i] === 0x20) i++
  for (; i < field.length; i++) {
    const c = field[i]
    if (c === 0 || c === 0x20) break
    if (c < 0x30 || c > 0x37) return undefined
    value = value * 8 + (c - 0x30)
    digits++
  }
  return digits === 0 ? 0 : value
}

const MAP_KEYS = ['"mappings"', '"sources"', '"sections"']

/** A source map v3 (plain or index map): JSON object text that names a version and sources or
 *  sections near its start, or any JSON object in a `.map` file. */
export function looksLikeSourceMap(head: Uint8Array, path: string): boolean {
  let i = 0
  if (startsWith(head, [0xef, 0xbb, 0xbf])) i = 3
  // Some servers prefix maps with )]}' to defeat JSON hijacking; the spec allows it.
  if (startsWith(head, [0x29, 0x5d, 0x7d, 0x27], i)) i += 4
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09))
    i++
  if (head[i] !== 0x7b) return false // "{"
  if (/\.map$/i.test(path)) return true
  const text = new TextDecoder().decode(head.subarray(i, Math.min(head.length, i + SNIFF_BYTES)))
  return text.includes('"version"') && MAP_KEYS.some((key) => text.includes(key))
}

/** Git's rule: a NUL byte in the first 8000 bytes means binary. */
export function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000)
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true
  return false
}
