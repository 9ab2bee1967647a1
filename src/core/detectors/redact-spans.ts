// Secrets are redacted in every view: before a file's text is handed to the page's viewer or written out (the zip of reconstructed sources, `scan --extract`), each
// secret in it is masked in place: every span the secret rules match, found again in that text, not
// only the ones listed as findings (a report lists a bounded number of them). The mask keeps the length (first and last four
// characters, bullets between), so line and column of every finding still point at the same text.
const BULLET = '•'
/** Shorter values are masked whole: keeping 8 characters of them would reveal most of the value. */
const KEEP_ENDS_FROM = 13

function mask(value: string): string {
  if (value.length < KEEP_ENDS_FROM) return BULLET.repeat(value.length)
  return value.slice(0, 4) + BULLET.repeat(value.length - 8) + value.slice(-4)
}

/** `text` with every secret span (UTF-16 offsets) masked; line breaks inside a span are kept, so
 *  every line and column still points at the same text. */
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
