// A source's measures read off its JSON string literal without unescaping it: the lines, UTF-8 length
// and UTF-16 length its text has once decoded, as countLinesText, utf8Length and `.length` give them
// for the decoded string. The literal is decoded as UTF-8 (natively, and strictly: well-formed UTF-8
// is as long decoded as it is in bytes) and only its escapes are looked at; no JSON.parse, no text
// built. On the release's map (4,756 sources, 48 MB of literals) this is about half of what the full
// decode and the measures of the decoded text cost, and the text itself is then decoded once only,
// where it is scanned. Literals this does not answer for exactly are left to the full decode: invalid
// UTF-8 (decoded to U+FFFD), a raw control character beside an escape (which the decode refuses), a
// bad escape (refused too: the reader says so).

/** What a literal's text measures, and the literal as a string (escapes not undone). */
export interface LiteralText {
  /** The literal between its quotes, escapes as written. */
  raw: string
  /** UTF-8 bytes of the decoded text (a lone surrogate counts 3, as U+FFFD). */
  bytes: number
  /** Lines by the contract's rule (0 for an empty text). */
  lines: number
  /** UTF-16 code units of the decoded text. */
  chars: number
}

const strict = new TextDecoder('utf-8', { fatal: true })
/** Escapes of one character after the backslash: `"` `\` `/` b f n r t. */
const SIMPLE = '"\\/bfnrt'
/** A character below U+0020 (a raw control character). */
const CONTROL = /[^\u0020-\uffff]/

/** The measures of the text of `literal` (a JSON string literal's UTF-8, quotes included), or
 *  undefined when only a full decode can tell. */
export function measureLiteral(literal: Uint8Array): LiteralText | undefined {
  let quoted: string
  try {
    quoted = strict.decode(literal)
  } catch {
    return undefined // invalid UTF-8, or past the engine's string length
  }
  const raw = quoted.slice(1, -1)
  let chars = raw.length
  let bytes = literal.length - 2
  let at = raw.indexOf('\\')
  if (at < 0) return { raw, bytes, chars, lines: lines(raw) }
  if (CONTROL.test(raw)) return undefined
  let newlines = 0
  for (; at >= 0; at = raw.indexOf('\\', at)) {
    const e = raw[at + 1]!
    if (e !== 'u') {
      if (!SIMPLE.includes(e)) return undefined
      if (e === 'n') newlines++
      chars--
      bytes--
      at += 2
      continue
    }
    const unit = hex4(raw, at + 2)
    if (unit < 0) return undefined
    if (unit >= 0xd800 && unit <= 0xdbff && raw[at + 6] === '\\' && raw[at + 7] === 'u') {
      const low = hex4(raw, at + 8)
      if (low >= 0xdc00 && low <= 0xdfff) {
        // Twelve characters for a pair: 2 UTF-16 units, 4 UTF-8 bytes.
        chars -= 10
        bytes -= 8
        at += 12
        continue
      }
    }
    if (unit === 0x0a) newlines++
    chars -= 5
    bytes -= 6 - (unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3)
    at += 6
  }
  return { raw, bytes, chars, lines: chars === 0 ? 0 : newlines + 1 }
}

/** Lines of a text without escapes, as countLinesText counts them. */
function lines(text: string): number {
  if (text.length === 0) return 0
  let n = 1
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++
  return n
}

/** The four hex digits at `at` as a number, or -1. */
function hex4(text: string, at: number): number {
  const digits = text.slice(at, at + 4)
  return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : -1
}
