// Secrets are redacted in every view: before the worker hands a file's text to the page's viewer, each
// secret a finding located is masked in place. The mask keeps the length (first and last four
// characters, bullets between), so line and column of every finding still point at the same text.
import type { Finding } from '../core/report/model'

const BULLET = '•'
/** Shorter values are masked whole: keeping 8 characters of them would reveal most of the value. */
const KEEP_ENDS_FROM = 13

/** Findings whose matched text must not reach the page unmasked. */
export const isSecretFinding = (f: Finding): boolean =>
  f.category === 'secrets' && f.line > 0 && f.column > 0 && (f.length ?? 0) > 0

function mask(value: string): string {
  if (value.length < KEEP_ENDS_FROM) return BULLET.repeat(value.length)
  return value.slice(0, 4) + BULLET.repeat(value.length - 8) + value.slice(-4)
}

/** `text` with the span of every secret finding (1-based line and column, UTF-16 length) masked. */
export function redactSecrets(text: string, findings: readonly Finding[]): string {
  const spans = findings.filter(isSecretFinding)
  if (spans.length === 0) return text
  // Offsets of the lines that carry a finding, found in one scan up to the last of them.
  const wanted = new Set(spans.map((f) => f.line))
  const lastLine = Math.max(...wanted)
  const lineStart = new Map<number, number>()
  for (let line = 1, at = 0; line <= lastLine && at >= 0; line++) {
    if (wanted.has(line)) lineStart.set(line, at)
    const next = text.indexOf('\n', at)
    at = next < 0 ? -1 : next + 1
  }
  const ranges = spans
    .map((f) => {
      const start = (lineStart.get(f.line) ?? -1) + f.column - 1
      return { start, end: Math.min(text.length, start + f.length!) }
    })
    .filter((r) => r.start >= 0 && r.start < r.end)
    .sort((a, b) => a.start - b.start)
  let out = ''
  let pos = 0
  for (const r of ranges) {
    const start = Math.max(pos, r.start)
    if (r.end <= start) continue
    out += text.slice(pos, start) + mask(text.slice(start, r.end))
    pos = r.end
  }
  return out + text.slice(pos)
}
