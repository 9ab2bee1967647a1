// An anchored rule tries its regex only where one of its keywords begins (PatternRule.anchored).
// That must find exactly what the plain global search finds, for every rule marked so: checked on
// random texts built from the rule's own keywords (in any case) and the pieces its pattern is made of.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { RuleSet, type PatternRule } from '../../../src/core/detectors/engine'
import { seededRandom } from '../../../src/build/sample/random'
import { ALL_RULES } from './helpers'

const ANCHORED = ALL_RULES.filter((rule) => rule.anchored)
/** Rules tried where an identifier holding a keyword begins: their matches are calls. */
const AT_IDENTIFIER = ANCHORED.filter((rule) => rule.anchorAtIdentifier)

const PIECES = [' ', '\n', '\t', '"', "'", '`', '=', ':', '=>', '_', '-', '.', 'x', 'Id', 'KEY', ' is ']
const VALUES = [
  'Zq8+v/Rk2Lw9_Xa7Tn3M',
  'aB3dE5gH7jK9mN1pQ3sT',
  'Nightjar',
  'changeme',
  'AAAAAAAAAAAAAAAAAAAA',
]
/** Hex runs around 32 characters and what may follow one (a rule anchored past its opening, such as
 *  `[0-9a-f]{32}-us\d{1,2}`, must meet matches and near misses). */
const HEX = [
  'a3f9c0e1b7d2486f5e0c9b1a7d3f2e68',
  'a3f9c0e1b7d2486f5e0c9b1a7d3f2e6',
  '0a3f9c0e1b7d2486f5e0c9b1a7d3f2e68',
  'A3F9C0E1B7D2486F5E0C9B1A7D3F2E68',
  '1',
  '12',
  '123',
]

const SEPARATORS = [' ', '\n', '"']

function recase(rng: () => number, word: string): string {
  return [...word].map((c) => (rng() < 0.5 ? c.toUpperCase() : c)).join('')
}

const keywordOf = (rule: PatternRule) =>
  fc.tuple(fc.constantFrom(...rule.keywords), fc.integer()).map(([k, seed]) => recase(seededRandom(seed), k))
const piece = fc.constantFrom(...PIECES)

/** `keyword…[quote] op [quote]value[quote]`, each part possibly off: what a match looks like, and
 *  its near misses. */
const assignmentFor = (rule: PatternRule) =>
  fc
    .tuple(
      keywordOf(rule),
      fc.constantFrom('', 'Id', '_KEY', 's', 'x'),
      fc.constantFrom('', '"', "'"),
      fc.constantFrom('', ' ', '  '),
      fc.constantFrom('=', ':', ':=', '=>', ' is ', ' for ', '-'),
      fc.constantFrom('', ' ', '\n'),
      fc.constantFrom('', '"', "'", '`'),
      fc.constantFrom(...VALUES),
      fc.constantFrom('', '"', "'", '`'),
    )
    .map((parts) => parts.join(''))

/** A text of the rule's keywords, pattern pieces and candidate values, in random order and case. */
const textFor = (rule: PatternRule) =>
  fc
    .array(
      fc.oneof(
        assignmentFor(rule),
        keywordOf(rule),
        piece,
        fc.constantFrom(...VALUES),
        fc.constantFrom(...HEX),
        fc.tuple(fc.constantFrom(...HEX), keywordOf(rule), fc.constantFrom(...HEX)).map((p) => p.join('')),
        // The same between separators, its keyword as written: a whole match now and then, so a rule
        // anchored past its opening meets matches in every run, not only in most.
        fc
          .tuple(fc.constantFrom(...SEPARATORS), fc.constantFrom(...HEX), fc.constantFrom(...rule.keywords))
          .map(([sep, hex, keyword]) => `${sep}${hex}${keyword}${hex.slice(-2)}${sep}`),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 24 },
    )
    .map((parts) => parts.join(''))

/** Identifiers made of helper words (some with a keyword, in any case), calls with type arguments,
 *  quotes and names: what a gate helper's call looks like, and its near misses. */
const callTextFor = (rule: PatternRule) =>
  fc
    .array(
      fc.oneof(
        keywordOf(rule),
        fc.constantFrom(
          'get',
          'Value',
          'check',
          'is',
          'On',
          'use',
          'log',
          'Mark',
          '_',
          '$',
          'x',
          '9',
          'Gate',
        ),
        fc.constantFrom('(', ' ', '\n', '<', '>', '<T>', '<A<B>>', ',', ';', '=', '.', ')', '"', "'", '`'),
        fc.constantFrom('new_gate', 'a.b:c-d', 'Nightjar', 'x'),
        fc
          .tuple(
            fc.constantFrom('', 'get', 'check', 'is', '$', '_', '9', 'log'),
            keywordOf(rule),
            fc.constantFrom('', 'Value', 'On', '_CACHED', 's', 'Supported'),
            fc.constantFrom('', ' ', '<T>', '<A<B>>', '<(>'),
            fc.constantFrom('(', '( ', '(\n'),
            fc.constantFrom('"', "'", '`'),
            fc.constantFrom('new_gate', 'a.b:c-d', 'Nightjar', 'x'),
            fc.constantFrom('"', "'", '`', ''),
          )
          .map((parts) => parts.join('')),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''))

const spans = (set: RuleSet, text: string) => set.scan(text).map((h) => [h.start, h.end])

describe('anchored rules', () => {
  test('the rules that are worth it are anchored', () => {
    // The generic assignment rule runs on nearly every text ("token" is everywhere in code).
    expect(ANCHORED.map((r) => r.id)).toContain('generic-secret-assignment')
    // The Mailchimp key's `-us` comes 32 characters into it.
    expect(ANCHORED.find((r) => r.id === 'mailchimp-api-key')?.anchorOffset).toBe(32)
  })

  test.each(ANCHORED.map((rule) => [rule.id, rule] as const))(
    '%s finds what the plain search finds',
    (_id, rule) => {
      const anchored = new RuleSet([rule])
      const plain = new RuleSet([{ ...rule, anchored: false, anchorAtIdentifier: false }])
      let matched = 0
      // A rule tried at identifiers matches calls; the others, assignments and bare keys.
      const texts = rule.anchorAtIdentifier ? callTextFor(rule) : textFor(rule)
      fc.assert(
        fc.property(texts, (text) => {
          const want = spans(plain, text)
          matched += want.length
          expect(spans(anchored, text)).toEqual(want)
        }),
        { numRuns: 3000 },
      )
      // The texts do reach the rule's matches, so the comparison is not between two empty lists.
      expect(matched).toBeGreaterThan(0)
    },
  )

  test('the gate helper call is tried at identifiers, and finds calls inside and after others', () => {
    const rule = AT_IDENTIFIER.find((r) => r.id === 'gate-helper-call')!
    const text = `x.checkGate('a_gate');$isFlagOn ("bb")getFeatureValue<Map<K, V>>(\n 'c.d')9gate('e') notAGateHelperAtAll_with_a_very_long_name_that_runs_past_sixty_one_characters_flag('f')`
    const want = spans(new RuleSet([{ ...rule, anchored: false, anchorAtIdentifier: false }]), text)
    expect(spans(new RuleSet([rule]), text)).toEqual(want)
    expect(want).toHaveLength(3)
  })

  test('a match right after another is found (the search goes on from the end of a match)', () => {
    const rule = ANCHORED.find((r) => r.id === 'generic-secret-assignment')!
    const text = `token = "Zq8+v/Rk2Lw9_Xa7Tn3M"secret: 'aB3dE5gH7jK9mN1pQ3sT' PASSWORD=>\`Zq8+v/Rk2Lw9_Xa7Tn3M\``
    expect(spans(new RuleSet([rule]), text)).toEqual(spans(new RuleSet([{ ...rule, anchored: false }]), text))
    expect(spans(new RuleSet([rule]), text)).toHaveLength(3)
  })

  test('a rule anchored past its opening finds a key at the very start and two keys back to back', () => {
    const rule = ANCHORED.find((r) => r.id === 'mailchimp-api-key')!
    const key = 'a3f9c0e1b7d2486f5e0c9b1a7d3f2e68-us12'
    for (const text of [key, `${key} ${key}`, `x${key}`, `-us1 ${key}`, key.slice(1)]) {
      const want = spans(new RuleSet([{ ...rule, anchored: false }]), text)
      expect(spans(new RuleSet([rule]), text)).toEqual(want)
    }
    expect(spans(new RuleSet([rule]), `${key} ${key}`)).toHaveLength(2)
  })

  test('an anchored rule without keywords, or with a keyword not in lowercase, is refused', () => {
    const rule: PatternRule = { ...ANCHORED[0]!, id: 'no-keywords', keywords: [] }
    expect(() => new RuleSet([rule])).toThrow(/anchored rule needs keywords/)
    const upper: PatternRule = { ...ANCHORED[0]!, id: 'upper', keywords: ['Token'] }
    expect(() => new RuleSet([upper])).toThrow(/keywords must be lowercase/)
  })
})
