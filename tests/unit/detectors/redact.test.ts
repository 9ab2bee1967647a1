import { describe, expect, test } from 'vitest'
import { redact } from '../../../src/core/detectors/index'
import { EXCERPT_MAX, excerptAround, redactSecrets } from '../../../src/core/detectors/redact'
import { ALNUM, seededRandom, token } from '../../../src/build/sample/random'
import { scanText } from './helpers'

const rng = seededRandom(0x7ed)

describe('redaction', () => {
  test('masking a shown text keeps every length and line break, so positions still hold', () => {
    const key = 'AKIA' + 'B'.repeat(12) + 'MPLE'
    const text = `a = "${key}"\nb = "hunter2"\nc = "ab\ncd"`
    const spans = [key, 'hunter2', 'ab\ncd'].map((v) => ({
      start: text.indexOf(v),
      end: text.indexOf(v) + v.length,
    }))
    const shown = redactSecrets(text, spans)
    expect(shown).toBe(`a = "AKIA${'•'.repeat(12)}MPLE"\nb = "•••••••"\nc = "••\n••"`)
    expect(shown.length).toBe(text.length)
    // Overlapping and out-of-range spans are clamped, never doubled.
    expect(
      redactSecrets('0123456789', [
        { start: -5, end: 4 },
        { start: 2, end: 99 },
      ]),
    ).toBe('••••••••••')
  })

  test('long values keep 4 + 4 characters, short ones become bullets', () => {
    expect(redact('AKIA' + 'B'.repeat(12) + 'MPLE')).toBe('AKIA••••MPLE')
    expect(redact('hunter2')).toBe('•••••••')
    expect(redact('abc')).toBe('••••')
  })

  test('an excerpt of a long minified line is at most 160 characters and centred on the match', () => {
    const secret = 'ghp_' + token(rng, ALNUM, 36)
    const text = 'var a=1;'.repeat(5000) + `t="${secret}";` + 'var b=2;'.repeat(5000)
    const [f] = scanText('dist/app.min.js', text).filter((x) => x.rule === 'github-pat-classic')
    expect(f.line).toBe(1)
    expect(f.column).toBe(40_000 + 4)
    expect(f.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX)
    expect(f.excerpt).toContain(redact(secret))
    expect(f.excerpt).not.toContain(secret.slice(4, 12))
  })

  test('a secret cut by the excerpt window is still redacted whole', () => {
    const secret = token(rng, ALNUM, 60)
    const text = 'x'.repeat(100) + secret + ' tail'
    const excerpt = excerptAround(text, 150, 155, [{ start: 100, end: 160 }])
    expect(excerpt).not.toContain(secret.slice(10, 30))
    expect(excerpt).toContain('••••')
  })

  test('findings of other categories on a secret line redact the secret too', () => {
    const password = token(rng, ALNUM, 20)
    const findings = scanText(
      'deploy/.env',
      `DATABASE_URL=postgres://app:${password}@db.acme.internal:5432/app\n`,
    )
    expect(findings.map((f) => f.category)).toEqual(expect.arrayContaining(['secrets', 'internal-endpoints']))
    for (const f of findings) expect(f.excerpt).not.toContain(password)
  })
})

describe('excerpts show the match', () => {
  test('a short match at the end of a long line is in the excerpt, centred as far as the line allows', () => {
    const text = `${'x=1;'.repeat(250)}var host="https://billing.acme.internal"`
    const start = text.indexOf('https://')
    const excerpt = excerptAround(text, start, start + 30, [])
    expect(excerpt).toContain('https://billing.acme.internal')
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX)
  })

  test('a match that goes on past its line is shown from its start, across its lines', () => {
    const code = `${'a=b;'.repeat(40)}var p=\``
    const text = `${code}You are a careful planner.\nNever run commands without asking.\nAnswer briefly.\``
    const start = code.length - 1
    const excerpt = excerptAround(text, start, code.length + 26, [], undefined, text.length)
    expect(excerpt.startsWith('`You are a careful planner. Never run')).toBe(true)
  })
})
