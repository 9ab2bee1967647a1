// Redaction and excerpts: no secret value ever leaves the detectors in clear text.

const BULLET = '•'
/** Longest excerpt, in UTF-16 code units. */
export const EXCERPT_MAX = 160

/** `AKIAxxxxxxxxxxxxMPLE` -> `AKIA••••MPLE`; values too short to keep 8 characters become all bullets. */
export function redact(value: string): string {
  if (value.length <= 12) return BULLET.repeat(Math.max(4, value.length))
  return value.slice(0, 4) + BULLET.repeat(4) + value.slice(-4)
}

export interface Span {
  start: number
  end: number
}

/** The line around [start, end) cut to at most EXCERPT_MAX characters, with every `secrets` span
 *  inside the window replaced by its redaction. Control characters become spaces. A match that goes on
 *  past its line (`fullEnd`, a multi-line prompt) is shown from its start, across its lines. */
export function excerptAround(
  text: string,
  start: number,
  end: number,
  secrets: readonly Span[],
  line: { lineStart: number; lineEnd: number } = lineAround(text, start),
  fullEnd = end,
): string {
  let lineStart = line.lineStart
  const lineEnd = fullEnd > line.lineEnd ? Math.min(fullEnd, text.length) : line.lineEnd
  // Centre the window on the match when the line is long (minified bundles are one line).
  const matchLength = Math.min(Math.max(end, fullEnd) - start, EXCERPT_MAX)
  const room = EXCERPT_MAX - matchLength
  let from = fullEnd > line.lineEnd ? start : Math.max(lineStart, start - Math.floor(room / 2))
  const to = Math.min(lineEnd, from + EXCERPT_MAX + 64)
  // Near the line's end, start earlier, but never so early that the cut below would drop the match.
  if (to - from < EXCERPT_MAX && fullEnd <= line.lineEnd) from = Math.max(lineStart, to - EXCERPT_MAX)
  lineStart = from
  // Secrets overlapping the window are redacted whole (their redaction is shorter than themselves).
  let out = ''
  let pos = lineStart
  const inWindow = secrets.filter((s) => s.end > lineStart && s.start < to).sort((a, b) => a.start - b.start)
  for (const s of inWindow) {
    if (s.end <= pos) continue
    out += text.slice(pos, Math.max(pos, s.start)) + redact(text.slice(s.start, s.end))
    pos = s.end
  }
  if (pos < to) out += text.slice(pos, to)
  // Control characters would break one-line excerpts in terminals and tables.
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  if (out.length > EXCERPT_MAX) out = out.slice(0, EXCERPT_MAX - 1) + '…'
  return out
}

/** The line holding `offset`; callers with a line index pass its bounds instead (a megabyte-long
 *  minified line would make this search quadratic over many findings). */
function lineAround(text: string, offset: number): { lineStart: number; lineEnd: number } {
  const lineEnd = text.indexOf('\n', offset)
  return { lineStart: text.lastIndexOf('\n', offset - 1) + 1, lineEnd: lineEnd < 0 ? text.length : lineEnd }
}
