// Artifact text (names, paths, excerpts, messages that quote them) made safe to print in a terminal,
// a CI log or a line-based file. Everything the tool prints from an artifact goes through here.
//
// What a hostile name could do otherwise: ESC sequences clear the screen, recolour or retitle the
// terminal and add OSC 8 hyperlinks; a newline starts a line of its own, and a line that begins with
// `::` (after leading spaces: the Actions runner trims them) runs as a GitHub Actions workflow
// command; bidi overrides and isolates make `evil\u202Egnp.js` read as `evilsj.png`. So every C0 and
// C1 control, DEL, the line and paragraph separators and the invisible format characters (bidi
// marks, overrides and isolates, zero-width characters, BOM) are shown as visible escapes (`\x1B`,
// `\u202E`): an ESC loses its meaning and the rest of its sequence is plain text, a newline is `\n`.
// The result is one line; callers start each line with words of their own, never with this text.

/** The characters shown as escapes: Unicode's controls (Cc: C0, DEL, C1), format characters (Cf: bidi
 *  marks, embeddings, overrides and isolates, zero-width characters, BOM, tags) and the line and
 *  paragraph separators (Zl, Zp). */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu
const UNSAFE_OR_BACKSLASH = /[\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu

const SHORT: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escapeOne(c: string): string {
  const short = SHORT[c]
  if (short) return short
  const code = c.codePointAt(0)!
  const hex = code.toString(16).toUpperCase()
  return code <= 0xff
    ? `\\x${hex.padStart(2, '0')}`
    : code <= 0xffff
      ? `\\u${hex.padStart(4, '0')}`
      : `\\u{${hex}}`
}

export interface EscapeOptions {
  /** Also double backslashes, so the escaping can be undone exactly (line-based exports). */
  backslash?: boolean
}

/** `text` with every control and invisible format character written as a visible escape: one line,
 *  nothing a terminal acts on, nothing that reorders what is shown. */
export function escapeControls(text: string, options: EscapeOptions = {}): string {
  return text.replace(options.backslash ? UNSAFE_OR_BACKSLASH : UNSAFE, escapeOne)
}

const ELLIPSIS = '…'
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** A cut at `at` that does not split a surrogate pair (moves it one back when it would). */
function safeCut(text: string, at: number): number {
  return at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))
    ? at - 1
    : at
}

/** Escaped `text`, at most `max` characters, its start kept: for excerpts and messages. */
export function neutralText(text: string, max = 200): string {
  // Escaping only lengthens text, so what lies past 4 × max can never be shown.
  const raw = text.length > 4 * max ? text.slice(0, safeCut(text, 4 * max)) : text
  const line = escapeControls(raw)
  if (line.length <= max) return line
  return line.slice(0, safeCut(line, max - 1)) + ELLIPSIS
}

/** Escaped `path`, at most `max` characters: a long one loses its middle, so the start (the
 *  container) and the end (the file name, line and column) stay visible. */
export function neutralPath(path: string, max = 200): string {
  const keep = 4 * max
  const raw =
    path.length > 2 * keep
      ? path.slice(0, safeCut(path, keep)) + path.slice(safeCut(path, path.length - keep))
      : path
  const line = escapeControls(raw)
  if (line.length <= max) return line
  const tail = Math.ceil(((max - 1) * 2) / 3)
  const head = max - 1 - tail
  const end = line.length - tail
  // A cut inside a surrogate pair moves so the pair stays whole (on the side that is dropped).
  const from = end > 0 && isLow(line.charCodeAt(end)) && isHigh(line.charCodeAt(end - 1)) ? end + 1 : end
  return line.slice(0, safeCut(line, head)) + ELLIPSIS + line.slice(from)
}
