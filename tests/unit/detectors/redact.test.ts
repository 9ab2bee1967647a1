import { describe, expect, test } from 'vitest'
import { redact } from '../../../src/core/detectors/index'
import { EXCERPT_MAX, excerptAround } from '../../../src/core/detectors/redact'
import { ALNUM, seededRandom, token } from '../../fixtures/lib/random'
import { scanText } from './helpers'

const rng = seededRandom(0x7ed)

describe('redaction', () => {
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
