// RuleSet.candidates picks a text's rules from the keywords it contains through an index by keyword;
// it must pick what testing every rule's keywords picks, in table order (the order is the callers'
// priority among overlapping hits), whatever keywords a text has and whether it is code.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { RuleSet, type PatternRule } from '../../../src/core/detectors/engine'
import { ALL_RULES } from './helpers'

const naive = (rules: readonly PatternRule[], found: ReadonlySet<string>, isCode?: boolean) =>
  rules.filter(
    (rule) =>
      (rule.keywords.length === 0 || rule.keywords.some((k) => found.has(k))) &&
      (rule.appliesTo === undefined || isCode === undefined || (rule.appliesTo === 'code') === isCode),
  )

const KEYWORDS = [...new Set(ALL_RULES.flatMap((rule) => rule.keywords))]

describe('RuleSet.candidates', () => {
  test('picks what testing each rule picks, in table order', () => {
    const sets = [new RuleSet(ALL_RULES), new RuleSet(ALL_RULES.filter((_, i) => i % 3 === 0))]
    fc.assert(
      fc.property(
        fc.subarray(KEYWORDS, { maxLength: 12 }),
        fc.constantFrom(true, false, undefined),
        fc.constantFrom('unknown-word', 'token'),
        (keywords, isCode, extra) => {
          const found = new Set([...keywords, extra])
          for (const set of sets)
            expect(set.candidates(found, isCode)).toEqual(naive(set.rules, found, isCode))
        },
      ),
      { numRuns: 1000 },
    )
  })

  test('a rule without keywords is always a candidate', () => {
    const always: PatternRule = { ...ALL_RULES[0]!, id: 'always', keywords: [] }
    const set = new RuleSet([ALL_RULES[0]!, always])
    expect(set.candidates(new Set()).map((r) => r.id)).toEqual(['always'])
    expect(set.candidates(new Set(ALL_RULES[0]!.keywords)).map((r) => r.id)).toEqual([
      ALL_RULES[0]!.id,
      'always',
    ])
  })
})
