// Redaction and masking, the two ways a secret value is hidden, and excerpts. No secret value ever
// leaves the detectors in clear text (excerpts redact it), and before the worker hands a file's text
// to the page's viewer every secret in it is masked in place.

const BULLET = '•'
/** Longest excerpt, in UTF-16 code units. */
export const EXCERPT_MAX = 160
/** Shorter values are hidden whole: keeping 8 characters of them would reveal most of the value. */
const KEEP_ENDS_FROM = 13

const keepEnds = (value: string, bullets: number) =>
  value.slice(0, 4) + BULLET.repeat(bullets) + value.slice(-4)

/** For excerpts, shorter than the value: `AKIAxxxxxxxxxxxxMPLE` -> `AKIA••••MPLE`; values too short to
 *  keep 8 characters become all bullets (at least four, so a length is not given away). */
export function redact(value: string): string {
  if (value.length < KEEP_ENDS_FROM) return BULLET.repeat(Math.max(4, value.length))
  return keepEnds(value, 4)
}

/** For a shown text, the same length as the value (line and column of every finding still point at
 *  the same text): first and last four characters, bullets between; a short value all bullets. */
function mask(value: string): string {
  if (value.length < KEEP_ENDS_FROM) return BULLET.repeat(value.length)
  return keepEnds(value, value.length - 8)
}

/** `text` with every secret span (UTF-16 offsets) masked; line breaks inside a span are kept, so
 *  every line and column still points at the same text. The viewer gets every span the secret rules
 *  match in that text, not only the ones listed as findings (a report lists a bounded number). */
export function redactSecrets(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text
  const ranges = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((r) => r.start < r.end)
    .sort((a, b) => a.start - b.start)
  let out = ''
  let pos = 0
  for (const r of ranges) {
    const start = Math.max(pos, r.start)
    if (r.end <= start) continue
    out += text.slice(pos, start) + text.slice(start, r.end).split('\n').map(mask).join('\n')
    pos = r.end
  }
  return out + text.slice(pos)
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
