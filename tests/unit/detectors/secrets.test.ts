import { describe, expect, test } from 'vitest'
import { SECRET_RULES } from '../../../src/core/detectors/rules/secrets'
import { redact } from '../../../src/core/detectors/index'
import { labelledCases } from '../../fixtures/make-labelled'
import { scanText, scoreCategory } from './helpers'

const cases = labelledCases().filter((c) => c.category === 'secrets')

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
      expect(hit.excerpt).not.toContain(value)
      // Multi-line values (key blocks) are highlighted on their first line but redacted whole.
      if (!rule.startsWith('private-key-')) {
        expect(hit.excerpt).toContain(redact(value))
      }
      expect(hit.excerpt).toContain('••••')
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
