// Roadmap hints: one finding per place, on the line of the flag's name, naming the flag; model ids only
// next to a gate.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { FEATURE_FLAG_RULES } from '../../../src/core/detectors/rules/feature-flags'
import { expectSameMatches, scanText } from './helpers'

const flags = (path: string, text: string) =>
  scanText(path, text)
    .filter((f) => f.category === 'feature-flags')
    .map((f) => ({ rule: f.rule, line: f.line, message: f.message }))

describe('feature flags', () => {
  test('every place of a compile-time gate is a finding that names it', () => {
    const text = [
      "import { feature } from 'bun:bundle'",
      "if (feature('NIGHT_SHIFT')) start()",
      'const a = 1',
      'export const tools = [...(feature(\'NIGHT_SHIFT\') ? [nightTool] : []), ...(feature("DEEP_DIVE") ? [x] : [])]',
    ].join('\n')
    const found = flags('src/tools.ts', text)
    expect(found.map((f) => [f.rule, f.line])).toEqual([
      ['compile-time-feature-gate', 2],
      ['compile-time-feature-gate', 4],
      ['compile-time-feature-gate', 4],
    ])
    expect(found[2].message).toContain('"DEEP_DIVE"')
  })

  test('a gate helper called over several lines is reported on the line of the gate name', () => {
    const text = [
      'export function mode() {',
      '  return getFeatureValue_CACHED_MAY_BE_STALE<',
      "    'off' | 'on'",
      '  >(',
      "    'orbit_quiet_lake',",
      "    'off',",
      '  )',
      '}',
    ].join('\n')
    expect(flags('src/mode.ts', text)).toEqual([
      { rule: 'gate-helper-call', line: 5, message: expect.stringContaining('"orbit_quiet_lake"') },
    ])
  })

  test('a type argument list never spans from an earlier generic to a later call', () => {
    const text = [
      'async function max(): Promise<MaxConfig> {',
      '  try {',
      "    return await getDynamicConfig_BLOCKS_ON_INIT<MaxConfig>('orbit_max_config', {})",
      '  } catch {}',
      '}',
    ].join('\n')
    expect(flags('src/max.ts', text).map((f) => f.line)).toEqual([3])
  })

  test('a model id is reported only close to a gate on the same line', () => {
    const near = "const m = checkGate('orbit_next') ? 'claude-nova-7' : 'claude-3-5-sonnet'"
    expect(flags('src/m.ts', near).map((f) => f.rule)).toEqual([
      'statsig-gate',
      'model-name-near-flags',
      'model-name-near-flags',
    ])
    const otherLine = "if (checkGate('orbit_next')) run()\nconst m = 'claude-nova-7'"
    expect(flags('src/m.ts', otherLine).map((f) => f.rule)).toEqual(['statsig-gate'])
    const far = `if(checkGate("orbit_next"))x();${' '.repeat(250)}var m="claude-nova-7"`
    expect(flags('dist/m.js', far).map((f) => f.rule)).toEqual(['statsig-gate'])
    expect(flags('src/m.ts', "const models = ['claude-3-5-sonnet', 'gpt-4o']")).toEqual([])
  })

  test('a sentence using the word codename names no codename; one naming a codename does', () => {
    expect(
      flags('src/a.ts', '// Keep this on to prevent codename leaks. Add the codename to the list.'),
    ).toEqual([])
    expect(flags('src/a.ts', '// Nightjar is the internal codename of the planner')).toEqual([
      { rule: 'codename', line: 1, message: expect.stringContaining('"Nightjar"') },
    ])
  })
})

describe('gate-helper-call pattern', () => {
  // The helper's name is matched as a whole identifier (a lookahead's capture matched again) rather
  // than by a greedy run that may give characters back: the matches must be those of the plain form.
  const rule = FEATURE_FLAG_RULES.find((r) => r.id === 'gate-helper-call')!
  const plain = new RegExp(
    rule.pattern.source.replace('(?=(?<fn>[A-Za-z_$][\\w$]{2,60}))\\k<fn>', '(?<fn>[A-Za-z_$][\\w$]{2,60})'),
    'g',
  )
  const parts = [
    'checkGate',
    'useFeatureFlag',
    'x',
    'a1',
    '$g',
    '_',
    '9',
    ' ',
    '\n',
    '<',
    '>',
    '<T>',
    '(',
    ')',
    "'",
    '"',
    '`',
  ]
  const names = ['my_gate', 'tengu-flag', 'a', 'Zeta.v2:on', 'x'.repeat(70)]

  /** `fn <T>( 'name'`, each part possibly off: a call, and its near misses. */
  const call = fc
    .tuple(
      fc.constantFrom('checkGate', 'getFeatureValue', 'isFlagOn', 'ab', '9x', 'a'.repeat(61), 'b'.repeat(62)),
      fc.constantFrom('', ' ', '\n '),
      fc.constantFrom('', '<T>', '<Map<K, V>>', '<', '<T;>'),
      fc.constantFrom('(', '', ')'),
      fc.constantFrom('', ' '),
      fc.constantFrom("'", '"', '`', ''),
      fc.constantFrom(...names),
      fc.constantFrom("'", '"', '`', ''),
    )
    .map((parts) => parts.join(''))

  test('finds what the plain greedy form finds', () => {
    const pieces = fc.oneof(
      fc.constantFrom(...parts),
      { arbitrary: call, weight: 6 },
      fc.constantFrom(...names),
      fc.constantFrom('a'.repeat(59), 'b'.repeat(62)),
    )
    expect(expectSameMatches(rule.pattern, plain, pieces, 5000)).toBeGreaterThan(100)
  })
})
