// The per-text time budget: a text whose scan runs past it ends as "not fully scanned" with the rule
// that was running named, keeping the findings made before.
import { describe, expect, test } from 'vitest'
import { notFullyScanned } from '../../../src/core/scan-text'
import { scanBudgetMs, TimeBudget } from '../../../src/core/detectors/budget'
import { RuleSet, type PatternRule } from '../../../src/core/detectors/engine'
import { scanContentWithin } from '../../../src/core/detectors/index'
import { scanKeywords } from '../../../src/core/detectors/keyword-index'
import { fileAt } from './helpers'

const rule = (id: string, pattern: RegExp, keywords: string[]): PatternRule => ({
  id,
  category: 'internal-notes',
  title: id,
  severity: 'low',
  keywords,
  pattern,
  rejectPlaceholders: false,
  message: id,
})

// Quadratic on a run of `-eyX`: every start scans to the end of the run, where no `.` comes.
const SLOW = rule('slow-rule', /\beyX[A-Za-z0-9_-]{8,}\./g, ['eyx'])
const FAST = rule('fast-rule', /\bmarker\b/g, ['marker'])

describe('time budget', () => {
  test('grows with the text: 10 s plus 5 s per MB', () => {
    expect(scanBudgetMs(0)).toBe(10_000)
    expect(scanBudgetMs(10 * 1024 * 1024)).toBe(60_000)
  })

  test('a rule that runs past the budget is named, and the rules after it are not run', () => {
    const text = 'marker ' + '-eyX'.repeat(6000)
    const set = new RuleSet([FAST, SLOW, { ...FAST, id: 'after-rule' }])
    const keys = scanKeywords(text)
    const within = set.scan(text, { ...keys, budget: new TimeBudget(1e9) })
    expect(within.map((h) => h.rule)).toEqual(['fast-rule', 'after-rule'])

    const budget = new TimeBudget(20) // the slow rule alone takes several times that
    const hits = set.scan(text, { ...keys, budget })
    expect(hits.map((h) => h.rule)).toEqual(['fast-rule'])
    expect(budget.stoppedAt).toBe('slow-rule')
  })

  test('scanContentWithin keeps the findings made before the budget ran out', () => {
    const text = 'const t = "ghp_' + 'Zq8v3Rk2Lw9XaT7n3M5pQ1sB4dF6gH8jK0mN' + '"\n'
    const full = scanContentWithin(fileAt('src/a.ts', text), text)
    expect(full.stoppedAt).toBeNull()
    expect(full.findings.map((f) => f.rule)).toContain('github-pat-classic')

    const spent = scanContentWithin(fileAt('src/a.ts', text), text, new TimeBudget(-1))
    expect(spent.stoppedAt).not.toBeNull()
    expect(spent.findings).toEqual([])
  })

  test('the error entry names the rule and the budget', () => {
    expect(notFullyScanned('jwt', 1200.4)).toBe(
      "Not fully scanned: the rule jwt was still running when the file's scan passed its time budget (1200 ms); findings after that point may be missing",
    )
  })
})
