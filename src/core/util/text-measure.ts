// Sizes of a text without decoding or encoding it: lines by the report contract's rule, UTF-8 length.

/** Lines by the contract's rule: the number of '\n'-separated pieces, 0 for empty content. Counted
 *  on bytes (a '\n' byte is never part of a multi-byte UTF-8 sequence) so nothing is decoded for it. */
export function countLinesBytes(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0
  let lines = 1
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++
  return lines
}

export function countLinesText(text: string): number {
  if (text.length === 0) return 0
  let lines = 1
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++
  return lines
}

/** The first character that is not plain printable ASCII (controls other than tab and newlines also
 *  take the loop, which counts every character right). */
const NOT_PLAIN_ASCII = /[^\t\n\r\u0020-\u007e]/

/** UTF-8 length of a string without encoding it (lone surrogates count as U+FFFD, 3 bytes). Most
 *  sources are ASCII: a regex finds the first other character about 3× faster than a loop looks
 *  at every one (31 MB of ASCII source: 212 → 69 ms). */
export function utf8Length(text: string): number {
  const first = text.search(NOT_PLAIN_ASCII)
  if (first < 0) return text.length
  let n = first
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true })
/** Below this many bytes a loop is faster than a strict decode that throws (a throw costs ~7 µs:
 *  200,000 small invalid members took 1.3 s of exceptions). */
const LOOP_BYTES = 64 * 1024
/** Bytes the strict decoder takes at a time. */
const STRICT_PIECE = 8 * 1024 * 1024

/** Whether `bytes` is well-formed UTF-8 (the strict decoder's rule: no overlong forms, surrogates or
 *  code points past U+10FFFF, no truncated sequence). */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  if (bytes.length >= LOOP_BYTES) {
    try {
      if (bytes.length <= STRICT_PIECE) strictDecoder.decode(bytes)
      else {
        // In pieces, so a text of hundreds of megabytes is never one string; by a decoder of its
        // own, since one that throws mid-stream may keep what it had not read for its next call.
        const decoder = new TextDecoder('utf-8', { fatal: true })
        for (let at = 0; at < bytes.length; at += STRICT_PIECE)
          decoder.decode(bytes.subarray(at, at + STRICT_PIECE), { stream: true })
        decoder.decode()
      }
      return true
    } catch {
      return false
    }
  }
  const n = bytes.length
  let i = 0
  while (i < n) {
    if (bytes[i] < 0x80) i++
    else if ((i = utf8SequenceEnd(bytes, i, n)) < 0) return false
  }
  return true
}

/** Whether `text`, what the (replacing) UTF-8 decoder made of `bytes`, replaced nothing, so the
 *  strict decoder would have taken `bytes` too: each U+FFFD in it is one `EF BF BD` in the bytes
 *  (which always decodes to one U+FFFD, `EF` being a lead byte nothing before it can take), and any
 *  ill-formed sequence would have added one more. Two native searches where a strict decode of the
 *  release's 13 MB `cli.js` (which spells U+FFFD five times) took 0.23 s of Node's CPU. */
export function decodedAsIs(text: string, bytes: Uint8Array): boolean {
  let replaced = 0
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) replaced++
  if (replaced === 0) return true
  let spelled = 0
  for (let i = bytes.indexOf(0xef); i >= 0 && spelled < replaced; i = bytes.indexOf(0xef, i + 1))
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) spelled++
  return spelled === replaced
}

/** Where the multi-byte UTF-8 sequence whose lead is `bytes[at]` (0x80 or more) ends, when it is
 *  well-formed and ends by `end`; else -1. The strict decoder's rule: no overlong forms, surrogates
 *  or code points past U+10FFFF, no truncated sequence. */
export function utf8SequenceEnd(bytes: Uint8Array, at: number, end: number): number {
  const b = bytes[at]
  // The sequence's length and the allowed range of its second byte (the first continuation).
  let more: number
  let low = 0x80
  let high = 0xbf
  if (b >= 0xc2 && b <= 0xdf) more = 1
  else if (b >= 0xe0 && b <= 0xef) {
    more = 2
    if (b === 0xe0) low = 0xa0
    else if (b === 0xed) high = 0x9f
  } else if (b >= 0xf0 && b <= 0xf4) {
    more = 3
    if (b === 0xf0) low = 0x90
    else if (b === 0xf4) high = 0x8f
  } else return -1
  if (at + more >= end) return -1
  const second = bytes[at + 1]
  if (second < low || second > high) return -1
  for (let k = 2; k <= more; k++) if ((bytes[at + k] & 0xc0) !== 0x80) return -1
  return at + more + 1
}
