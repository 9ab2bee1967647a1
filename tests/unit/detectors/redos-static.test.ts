// Static ReDoS analysis of the rules with recheck (dev dependency; its native build runs offline,
// no JVM needed). It finds exponential backtracking — a group that can split a run in
// exponentially many ways — which no timed input can show safely (239 bytes took 101 s). Its
// polynomial verdicts are left to linear-time.test.ts: recheck counts bounded repeats like
// `{0,400}` as polynomial, while what matters is whether V8's time per KB grows, which that test
// measures. Over every rule it takes minutes, so it runs with `npm run redos`; the check that it
// catches a backtracking rule runs with the unit suite.
import { checkSync } from 'recheck'
import { describe, expect, test } from 'vitest'
import { ALL_RULES } from './helpers'

const exponential = (pattern: RegExp, timeout = 10_000) => {
  const result = checkSync(pattern.source, pattern.flags, { timeout, randomSeed: 1 })
  return result.status === 'vulnerable' && result.complexity.type === 'exponential' ? result : null
}

describe('static ReDoS analysis', () => {
  test('flags a rule whose header group can split a run many ways', { timeout: 60_000 }, () => {
    // The PGP key rule as it was: " a: " runs parse as one header or as many.
    const backtracking =
      /-----BEGIN PGP PRIVATE KEY BLOCK-----(?:(?:\\[rn]|\s)+(?:[A-Za-z-]+: [^\n\\]*))*(?:\\[rn]|\s)+(?<v>[A-Za-z0-9+/]{40,}(?:(?:\\n|\s)+[A-Za-z0-9+/=]{4,})*)/g
    expect(exponential(backtracking)).not.toBeNull()
    // The rule as it is now: each header ends at a newline.
    expect(exponential(ALL_RULES.find((rule) => rule.id === 'private-key-pgp')!.pattern)).toBeNull()
  })

  test.runIf(process.env.REDOS_STATIC === '1')(
    'no rule backtracks exponentially',
    { timeout: 1_800_000 },
    () => {
      const flagged = ALL_RULES.filter((rule) => exponential(rule.pattern) !== null).map((rule) => rule.id)
      expect(flagged).toEqual([])
    },
  )
})
