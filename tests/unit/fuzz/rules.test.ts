// Adversarial fuzzing of the rules: each rule's positive examples and near misses (the labelled set)
// are mutated — a character repeated, a slice doubled, a separator swapped, the tail cut — pumped to
// 64 KB and scanned by that rule alone. The slowest input per rule is reported in ms per KB (the
// README's figures come from `npm run fuzz`); a rule slower than MAX_MS_PER_KB on any input fails.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { RuleSet, type PatternRule } from '../../../src/core/detectors/engine'
import { scanKeywords } from '../../../src/core/detectors/keyword-index'
import { categoryCases } from '../../fixtures/lib/labelled-categories'
import { secretCases } from '../../fixtures/lib/labelled-secrets'
import { ALL_RULES } from '../detectors/helpers'

/** Mutants per rule: `npm test` runs a few, `npm run fuzz` (FUZZ_RUNS=20000) about 180. */
const PER_RULE = Math.max(2, Math.round(Number(process.env.FUZZ_RUNS ?? 200) / ALL_RULES.length))
/** 1 MB/s for one rule: far below every rule's speed, far above any backtracking rule's. */
const MAX_MS_PER_KB = 1
const PUMPED = 64 * 1024

const SEPARATORS = [' ', '-', '_', '.', ':', '=', '\n', '\\n', '"', 'a: ']

/** A mutation of `text`: repeat one character or slice, swap a character for a separator, or cut. */
const mutant = (text: string) =>
  fc
    .tuple(
      fc.nat({ max: Math.max(0, text.length - 1) }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 2, max: 400 }),
      fc.constantFrom(...SEPARATORS),
      fc.constantFrom('repeat', 'swap', 'cut', 'insert'),
    )
    .map(([at, length, times, separator, kind]) => {
      const slice = text.slice(at, at + length)
      if (kind === 'repeat') return text.slice(0, at) + slice.repeat(times) + text.slice(at + length)
      if (kind === 'swap') return text.slice(0, at) + separator + text.slice(at + 1)
      if (kind === 'cut') return text.slice(0, at + length)
      return text.slice(0, at) + (separator + slice).repeat(times) + text.slice(at)
    })

const pump = (text: string) => text.repeat(Math.ceil(PUMPED / Math.max(1, text.length))).slice(0, PUMPED)

function msPerKb(set: RuleSet, text: string): number {
  const keys = scanKeywords(text)
  set.scan(text, keys)
  const start = performance.now()
  set.scan(text, keys)
  return (performance.now() - start) / (text.length / 1024)
}

const examplesOf = (rule: PatternRule, all: { rule: string | null; category: string; text: string }[]) =>
  all
    .filter((c) => c.rule === rule.id || (c.rule === null && c.category === rule.category))
    .map((c) => c.text)

describe('rules on mutated examples', () => {
  test(
    'no rule is slower than 1 ms per KB on any mutant; the slowest per rule is reported',
    { timeout: 600_000 },
    () => {
      const cases = [...secretCases(), ...categoryCases()]
      const slowest: { rule: string; msPerKb: number; input: string }[] = []
      ALL_RULES.forEach((rule, i) => {
        const examples = examplesOf(rule, cases)
        if (examples.length === 0) return
        const set = new RuleSet([rule])
        let worst = { rule: rule.id, msPerKb: 0, input: '' }
        fc.assert(
          fc.property(
            fc.constantFrom(...examples).chain((text) => mutant(text)),
            (text) => {
              const ms = msPerKb(set, pump(text))
              if (ms > worst.msPerKb) worst = { rule: rule.id, msPerKb: ms, input: text.slice(0, 60) }
            },
          ),
          { numRuns: PER_RULE, seed: 0x5eed + i },
        )
        slowest.push(worst)
      })
      slowest.sort((a, b) => b.msPerKb - a.msPerKb)
      if (process.env.FUZZ_RUNS)
        console.log(
          slowest
            .map((s) => `${s.rule}\t${s.msPerKb.toFixed(4)} ms/KB\t${JSON.stringify(s.input)}`)
            .join('\n'),
        )
      expect(slowest.filter((s) => s.msPerKb > MAX_MS_PER_KB)).toEqual([])
    },
  )
})
