// Shared by the detector tests: a file record for a path, scoring of the labelled set, and every
// rule table.
import fc from 'fast-check'
import { expect } from 'vitest'
import type { PatternRule } from '../../../src/core/detectors/engine'
import { scanContent } from '../../../src/core/detectors/index'
import { BUILD_ENVIRONMENT_RULES } from '../../../src/core/detectors/rules/build-environment'
import { FEATURE_FLAG_RULES, MODEL_NAME_RULE } from '../../../src/core/detectors/rules/feature-flags'
import { CONFIG_EMAIL_RULE, INTERNAL_NOTE_RULES } from '../../../src/core/detectors/rules/internal-notes'
import { SECRET_RULES } from '../../../src/core/detectors/rules/secrets'
import type { ExposedFile, Finding } from '../../../src/core/report/model'
import type { LabelledCase } from '../../fixtures/make-labelled'

export function fileAt(path: string, text = '', id = 0): ExposedFile {
  return {
    id,
    path,
    origin: ['artifact.tgz'],
    kind: 'other',
    bytes: text.length,
    lines: text.split('\n').length,
    hasContent: true,
  }
}

export const scanText = (path: string, text: string): Finding[] => scanContent(fileAt(path, text), text)

/** Every rule of every table, in table order. */
export const ALL_RULES: readonly PatternRule[] = [
  ...SECRET_RULES,
  ...FEATURE_FLAG_RULES,
  MODEL_NAME_RULE,
  ...INTERNAL_NOTE_RULES,
  CONFIG_EMAIL_RULE,
  ...BUILD_ENVIRONMENT_RULES,
]

export interface Score {
  truePositives: number
  falseNegatives: string[]
  falsePositives: string[]
  precision: number
  recall: number
}

/** Recall: positives whose rule fired. Precision: findings of the category that a case expected
 *  (a decoy's findings and a positive's findings of other rules in the category are false). */
export function scoreCategory(cases: readonly LabelledCase[], category: string): Score {
  let truePositives = 0
  const falseNegatives: string[] = []
  const falsePositives: string[] = []
  for (const c of cases.filter((c) => c.category === category)) {
    const found = scanText(c.path, c.text).filter((f) => f.category === category)
    if (c.rule !== null) {
      if (found.some((f) => f.rule === c.rule)) truePositives++
      else falseNegatives.push(`${c.name} -> ${found.map((f) => f.rule).join(',') || 'nothing'}`)
    }
    for (const f of found) {
      if (f.rule !== c.rule && !c.also?.includes(f.rule))
        falsePositives.push(`${c.name}: ${f.rule} ${f.excerpt}`)
    }
  }
  const flagged = truePositives + falsePositives.length
  return {
    truePositives,
    falseNegatives,
    falsePositives,
    precision: flagged === 0 ? 1 : truePositives / flagged,
    recall: truePositives / (truePositives + falseNegatives.length || 1),
  }
}

/** Asserts that `pattern` finds what `plain` finds (where each match starts, and its text) in `runs`
 *  texts joined from `pieces`; returns how many matches there were, so a caller can require that
 *  the texts reach the pattern's matches at all. */
export function expectSameMatches(
  pattern: RegExp,
  plain: RegExp,
  pieces: fc.Arbitrary<string>,
  runs: number,
): number {
  expect(plain.source).not.toBe(pattern.source)
  const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index, m[0]])
  let matched = 0
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
      const text = parts.join('')
      const want = all(plain, text)
      matched += want.length
      expect(all(pattern, text)).toEqual(want)
    }),
    { numRuns: runs },
  )
  return matched
}
