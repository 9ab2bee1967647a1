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
  test('flags a rule whose header group can split a run many ways', { timeout: 120_000 }, () => {
    // The PGP key rule as it was: " a: " runs parse as one header or as many.
    const backtracking =
      /-----BEGIN PGP PRIVATE KEY BLOCK-----(?:(?:\\[rn]|\s)+(?:[A-Za-z-]+: [^\n\\]*))*(?:\\[rn]|\s)+(?<v>[A-Za-z0-9+/]{40,}(?:(?:\\n|\s)+[A-Za-z0-9+/=]{4,})*)/g
    expect(exponential(backtracking)).not.toBeNull()
    expect(exponential(backtracking, 60_000)).not.toBeNull()
    // The rule as it is now: each header ends at a newline.
    expect(exponential(ALL_RULES.find((rule) => rule.id === 'private-key-pgp')!.pattern)).toBeNull()
  })

  test.runIf(process.env.REDOS_STATIC === '1')(
    'no rule backtracks exponentially',
    { timeout: 1_800_000 },
    () => {
      // recheck's fuzzing stops at a wall-clock timeout, so on a loaded machine one verdict can differ
      // from the next: honeycomb-api-key was once called exponential in this sweep, yet it has no
      // repeated group (only bounded runs of one character class), is safe alone with seeds 2 to 5
      // and polynomial with seed 1, and V8 takes the same time per KB on recheck's attack string at
      // 64 KB and at 4 MB. A flagged rule is therefore checked again, alone and with more time, and
      // counts only if that says exponential too (the PGP rule as it was is flagged both times).
      const flagged = ALL_RULES.filter(
        (rule) => exponential(rule.pattern) !== null && exponential(rule.pattern, 60_000) !== null,
      ).map((rule) => rule.id)
      expect(flagged).toEqual([])
    },
  )
})
