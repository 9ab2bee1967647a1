// Content sniffing on the first bytes of a file, for files whose name says little.

/** Magic numbers of binary formats an artifact commonly carries. */
const MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP, WAV)
  [0x00, 0x61, 0x73, 0x6d], // \0asm (WebAssembly)
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32, little-endian
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal / Java class
  [0x4d, 0x5a], // MZ (PE executables)
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // zip
  [0x1f, 0x8b], // gzip
]
/** Text never has NUL bytes; look this far for one (what git and file(1) also look at). */
const NUL_WINDOW = 8000
/** A JS/CSS head whose lines average this long, or with one line this long, is machine-written. */
const MINIFIED_AVERAGE_LINE = 300
const MINIFIED_LONGEST_LINE = 1000

export function isBinaryHead(head: Uint8Array): boolean {
  if (MAGIC.some((magic) => head.length >= magic.length && magic.every((b, i) => head[i] === b))) return true
  const window = head.subarray(0, NUL_WINDOW)
  return window.indexOf(0) >= 0
}

export function isMinifiedHead(head: Uint8Array): boolean {
  if (head.length < 500) return false
  let lines = 1
  let longest = 0
  let lineStart = 0
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0x0a) continue
    longest = Math.max(longest, i - lineStart)
    lineStart = i + 1
    lines++
  }
  longest = Math.max(longest, head.length - lineStart)
  return longest >= MINIFIED_LONGEST_LINE || head.length / lines > MINIFIED_AVERAGE_LINE
}
