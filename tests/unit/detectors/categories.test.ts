// Precision and recall per content category on the labelled set, and every rule's positive and decoys.
import { describe, expect, test } from 'vitest'
import { BUILD_ENVIRONMENT_RULES } from '../../../src/core/detectors/rules/build-environment'
import { FEATURE_FLAG_RULES, MODEL_NAME_RULE } from '../../../src/core/detectors/rules/feature-flags'
import { CONFIG_EMAIL_RULE, INTERNAL_NOTE_RULES } from '../../../src/core/detectors/rules/internal-notes'
import { labelledCases } from '../../fixtures/make-labelled'
import { scanText, scoreCategory } from './helpers'

const CATEGORIES = [
  'internal-endpoints',
  'ai-prompts',
  'feature-flags',
  'build-environment',
  'internal-notes',
  'credential-files',
]
const cases = labelledCases().filter((c) => CATEGORIES.includes(c.category))

const RULES_BY_CATEGORY: Record<string, string[]> = {
  'internal-endpoints': [
    'internal-hostname',
    'staging-or-admin-url',
    'internal-package-registry',
    'intranet-tool-host',
    'company-workspace-link',
    'intranet-short-link',
    'internal-depot-path',
    'storage-bucket',
    'private-ip',
    'link-local-ip',
    'loopback-address',
  ],
  'ai-prompts': ['ai-prompt-literal', 'ai-prompt-file', 'ai-identity-prompt'],
  'feature-flags': [...FEATURE_FLAG_RULES, MODEL_NAME_RULE].map((r) => r.id),
  'build-environment': BUILD_ENVIRONMENT_RULES.map((r) => r.id),
  'internal-notes': [...INTERNAL_NOTE_RULES, CONFIG_EMAIL_RULE].map((r) => r.id),
  'credential-files': ['npmrc-with-auth'],
}

describe.each(CATEGORIES)('%s', (category) => {
  const mine = cases.filter((c) => c.category === category)

  test('every rule has a positive and the category has decoys', () => {
    const covered = new Set(mine.map((c) => c.rule))
    expect(RULES_BY_CATEGORY[category].filter((id) => !covered.has(id))).toEqual([])
    expect(mine.filter((c) => c.rule === null).length).toBeGreaterThan(0)
  })

  test.each(mine.filter((c) => c.rule !== null).map((c) => [c.name, c] as const))('%s fires', (_n, c) => {
    const found = scanText(c.path, c.text).filter((f) => f.category === category)
    expect(found.map((f) => f.rule)).toContain(c.rule)
    for (const f of found) {
      expect(f.line).toBeGreaterThan(0)
      expect(f.excerpt.length).toBeLessThanOrEqual(160)
    }
  })

  test.each(mine.filter((c) => c.rule === null).map((c) => [c.name, c] as const))(
    '%s stays quiet',
    (_n, c) => {
      expect(
        scanText(c.path, c.text)
          .filter((f) => f.category === category)
          .map((f) => `${f.rule}: ${f.excerpt}`),
      ).toEqual([])
    },
  )

  test('recall 1.0 and precision >= 0.95', () => {
    const score = scoreCategory(mine, category)
    expect(score.falseNegatives).toEqual([])
    expect(score.falsePositives).toEqual([])
    expect(score.recall).toBe(1)
    expect(score.precision).toBeGreaterThanOrEqual(0.95)
  })
})
