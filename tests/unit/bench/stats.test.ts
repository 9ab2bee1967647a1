// The benchmark's arithmetic: medians, per-run ratios and verdicts decide what the table claims.
import { describe, expect, it } from 'vitest'
import { markdownTable, median, medianOf, verdict } from '../../bench/lib/stats'

describe('bench stats', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const values = [3, 1, 2]
    expect(median(values)).toBe(2)
    expect(values).toEqual([3, 1, 2])
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('ignores missing values and says so when none is left', () => {
    expect(medianOf([undefined, 5, NaN, 7])).toBe(6)
    expect(medianOf([undefined, undefined])).toBeUndefined()
  })

  it('judges limits in both directions and leaves unknown values unjudged', () => {
    expect(verdict(1.2, 1.3)).toBe('≤ 1.3× ✓')
    expect(verdict(1.4, 1.3)).toBe('≤ 1.3× ✗')
    expect(verdict(40, 50, ' MB/s', true)).toBe('≥ 50 MB/s ✗')
    expect(verdict(undefined, 2)).toBe('≤ 2×')
  })

  it('prints aligned rows with every column', () => {
    const table = markdownTable([{ input: 'incident 1×', measure: 'CLI', value: '2.00 s', ratio: '1.10×' }])
    const lines = table.split('\n')
    expect(lines).toHaveLength(3)
    expect(new Set(lines.map((l) => l.length)).size).toBe(1)
    expect(lines[2]).toContain('| incident 1× | CLI ')
  })
})
