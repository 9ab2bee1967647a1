import { describe, expect, test } from 'vitest'
import { SECRET_RULES } from '../../../src/core/detectors/rules/secrets'
import { redact } from '../../../src/core/detectors/index'
import { BASE64, seededRandom, token } from '../../../src/build/sample/random'
import { labelledCases } from '../../fixtures/make-labelled'
import { scanText, scoreCategory } from './helpers'

const cases = labelledCases().filter((c) => c.category === 'secrets')
const KEY_BLOCK_RULES = new Set(SECRET_RULES.filter((r) => r.valueAfter).map((r) => r.id))

describe('secret rules', () => {
  test('there are at least 60 rules and each has a labelled positive', () => {
    expect(SECRET_RULES.length).toBeGreaterThanOrEqual(60)
    const covered = new Set(cases.map((c) => c.rule))
    expect(SECRET_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([])
  })

  test.each(cases.filter((c) => c.rule !== null).map((c) => [c.rule!, c] as const))(
    '%s fires on its positive',
    (rule, c) => {
      const findings = scanText(c.path, c.text).filter((f) => f.category === 'secrets')
      expect(findings.map((f) => f.rule)).toContain(rule)
      const hit = findings.find((f) => f.rule === rule)!
      // The matched value is redacted: the excerpt never holds the clear value.
      const line = c.text.split('\n')[hit.line - 1]
      const value = line.slice(hit.column - 1, hit.column - 1 + hit.length!)
      expect(value.length).toBeGreaterThan(0)
      if (KEY_BLOCK_RULES.has(rule)) {
        // Key blocks are placed and highlighted on their armour line; the body after it is redacted
        // whole, so no run of its base64 reaches the excerpt.
        expect(value).toMatch(/^(?:-----BEGIN |PuTTY-User-Key-File-)/)
        expect(hit.excerpt).not.toMatch(/[A-Za-z0-9+/]{20}/)
      } else {
        expect(hit.excerpt).not.toContain(value)
        expect(hit.excerpt).toContain(redact(value))
        expect(hit.excerpt).toContain('••••')
      }
      // Every match contains one of its rule's prefilter keywords.
      const keywords = SECRET_RULES.find((r) => r.id === rule)!.keywords
      expect(keywords.some((k) => c.text.toLowerCase().includes(k))).toBe(true)
    },
  )

  test.each(cases.filter((c) => c.rule !== null).map((c) => [c.rule!, c] as const))(
    '%s: the same line with a placeholder value does not fire',
    (rule, c) => {
      const hit = scanText(c.path, c.text).find((f) => f.rule === rule)!
      const lines = c.text.split('\n')
      const line = lines[hit.line - 1]
      const start = hit.column - 1
      const value = line.slice(start, start + hit.length!)
      lines[hit.line - 1] =
        line.slice(0, start) +
        value.slice(0, 4) +
        'x'.repeat(value.length - 4) +
        line.slice(start + value.length)
      expect(scanText(c.path, lines.join('\n')).filter((f) => f.rule === rule)).toEqual([])
    },
  )

  test.each(cases.filter((c) => c.rule === null).map((c) => [c.name, c] as const))(
    '%s does not fire',
    (_name, c) => {
      expect(scanText(c.path, c.text).filter((f) => f.category === 'secrets')).toEqual([])
    },
  )

  test('precision and recall on the labelled set', () => {
    const score = scoreCategory(cases, 'secrets')
    expect(score.falseNegatives).toEqual([])
    expect(score.recall).toBe(1)
    expect(score.precision).toBeGreaterThanOrEqual(0.95)
  })
})

describe('secrets beside the rule table', () => {
  const r = seededRandom(0x5ec2)
  const hex = (n: number) => token(r, '0123456789abcdef', n)

  test('a .env with a token id/secret pair reports both, each on its line', () => {
    const text = `SERVICE_TOKEN_ID=${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}\nSERVICE_TOKEN_SECRET=${token(r, BASE64, 60)}\n`
    const findings = scanText('package/.env-local', text).filter((f) => f.category === 'secrets')
    expect(findings.map((f) => [f.line, f.excerpt.slice(0, f.excerpt.indexOf('='))])).toEqual([
      [1, 'SERVICE_TOKEN_ID'],
      [2, 'SERVICE_TOKEN_SECRET'],
    ])
    // In program source an id is only an id.
    expect(scanText('src/ids.ts', `const TOKEN_ID = "${hex(32)}"\n`).map((f) => f.rule)).not.toContain(
      'token-id-env-assignment',
    )
  })

  test('a public Sentry DSN is info, one with its secret key is not', () => {
    const dsn = (secret: string) =>
      `Sentry.init({ dsn: "https://${hex(32)}${secret}@o1.ingest.sentry.io/42" })\n`
    expect(scanText('src/app.js', dsn('')).map((f) => `${f.rule}:${f.severity}`)).toEqual(['sentry-dsn:info'])
    expect(scanText('src/app.js', dsn(':' + hex(32))).map((f) => `${f.rule}:${f.severity}`)).toEqual([
      'sentry-dsn-secret:medium',
    ])
  })
})
