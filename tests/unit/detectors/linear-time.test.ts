// Every rule runs in time linear in its input: on pumped worst-case inputs built from each rule's own
// keywords and pattern pieces (linear-time.ts), its ms per KB must not grow from 1 KB to 16 KB.
// The ratio allowed (GROWN, 4×) is far from both sides — linear rules stay under 1.5×, a quadratic one
// grows 16× over the 16× in size. Scans are timed in CPU time, not wall time (waiting for a core on a
// loaded machine is not growth), the two sizes in turns, each figure the fastest of its turns, so what
// load still adds falls on both sizes alike; rules faster than FAST_MS_PER_KB on every input pass
// whatever their ratio.
import { describe, expect, test } from 'vitest'
import type { PatternRule } from '../../../src/core/detectors/engine'
import { ALL_RULES } from './helpers'
import { FAST_MS_PER_KB, growth, GROWN, pumpUnits, worstGrowth, type Growth } from './linear-time'

const grows = (g: Growth) => g.ratio > GROWN && g.large > FAST_MS_PER_KB
const show = (rule: PatternRule, g: Growth) =>
  `${rule.id} on ${JSON.stringify(g.unit)}: ${g.small.toFixed(4)} -> ${g.large.toFixed(4)} ms/KB (${g.ratio.toFixed(1)}x)`

describe('every rule runs in linear time on pumped inputs', () => {
  test('no rule of any table grows', { timeout: 120_000 }, () => {
    const growing = ALL_RULES.map((rule) => [rule, worstGrowth(rule)] as const).filter(([, g]) => grows(g))
    expect(growing.map(([rule, g]) => show(rule, g))).toEqual([])
  })

  test('a deliberately backtracking rule is caught', { timeout: 120_000 }, () => {
    // The shape the JSON Web Token rule had: an unbounded run that its own prefix can start
    // anywhere inside, then a closing part that never comes.
    const backtracking: PatternRule = {
      id: 'backtracking',
      category: 'secrets',
      title: 'backtracking',
      severity: 'low',
      keywords: ['eyx'],
      pattern: /\b(?<v>eyX[A-Za-z0-9_-]{8,}\.eyX[A-Za-z0-9_-]{8,})/g,
      message: 'backtracking',
    }
    // Its pumped inputs include the run that breaks it; measured on that one (the whole screen of
    // every unit would spend a minute on a rule already known to be bad).
    expect(pumpUnits(backtracking)).toContain('eyX-')
    const g = growth(backtracking, 'eyX-')
    expect(grows(g), show(backtracking, g)).toBe(true)
    // Caught with room to spare: twice the ratio allowed (it grows ~16×).
    expect(g.ratio, show(backtracking, g)).toBeGreaterThan(2 * GROWN)
    // Bounded, the same rule is linear on the same input, as far under the limit.
    const bounded = { ...backtracking, pattern: /\b(?<v>eyX[A-Za-z0-9_-]{8,64}\.eyX[A-Za-z0-9_-]{8,})/g }
    const b = growth(bounded, 'eyX-')
    expect(grows(b), show(bounded, b)).toBe(false)
    expect(b.ratio, show(bounded, b)).toBeLessThan(GROWN / 2)
  })
})
