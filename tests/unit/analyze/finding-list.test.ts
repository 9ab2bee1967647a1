// Bounded findings: an exposure is listed at its first places and counted at the rest; past
// limits.maxFindings findings are counted, not listed; the summary and the gate see every one.
import { describe, expect, it } from 'vitest'
import { failsAt } from '../../../src/cli/main'
import { analyze } from '../../../src/core/analyze'
import { scanContent } from '../../../src/core/detectors'
import { FindingList, PLACES_PER_EXPOSURE } from '../../../src/core/finding-list'
import { memorySource } from '../../../src/core/input/byte-source'
import type { ExposedFile, Finding } from '../../../src/core/report/model'
import { buildFloodTgz, floodLine } from '../../fixtures/lib/flood'
import { finding } from '../report/make-report'

const place = (rule: string, excerpt: string, line: number, over: Partial<Finding> = {}): Finding =>
  finding({ rule, path: 'a.js', excerpt, line, ...over })

describe('FindingList', () => {
  it('lists an exposure at its first places and folds the rest into counts', () => {
    const limits: Finding[] = []
    const list = new FindingList(1_000, (f) => limits.push(f as Finding))
    const PLACES = PLACES_PER_EXPOSURE + 30
    const batch = Array.from({ length: PLACES }, (_, i) => place('r', 'same line', i + 1))
    batch.push(place('r', 'another line', 99), place('q', 'same line', 100))
    const shown = list.add(batch)
    expect(shown).toHaveLength(PLACES_PER_EXPOSURE + 2)
    expect(shown.slice(0, PLACES_PER_EXPOSURE).map((f) => f.line)).toEqual(
      Array.from({ length: PLACES_PER_EXPOSURE }, (_, i) => i + 1),
    )
    expect(list.listed).toEqual(shown)
    expect(list.unlisted()).toEqual({
      counts: { secrets: { critical: 0, high: PLACES - PLACES_PER_EXPOSURE, medium: 0, low: 0, info: 0 } },
      repeats: PLACES - PLACES_PER_EXPOSURE,
      pastLimit: 0,
    })
    expect(list.folds()).toEqual([
      {
        rule: 'r',
        category: 'secrets',
        severity: 'high',
        excerpt: 'same line',
        path: 'a.js',
        listed: PLACES_PER_EXPOSURE,
        folded: PLACES - PLACES_PER_EXPOSURE,
      },
    ])
    expect(limits).toEqual([])
  })

  it('keeps severities apart: the same excerpt at another severity is another exposure', () => {
    const list = new FindingList(1_000, () => {})
    const batch = Array.from({ length: 30 }, (_, i) =>
      place('r', 'x', i + 1, { severity: i % 2 ? 'high' : 'medium' }),
    )
    expect(list.add(batch)).toHaveLength(30)
    expect(list.unlisted()).toBeUndefined()
  })

  it('counts what the detectors folded (repeats) and strips the field', () => {
    const list = new FindingList(1_000, () => {})
    const shown = list.add([place('r', 'x', 1, { repeats: 7 })])
    expect(shown).toHaveLength(1)
    expect(shown[0]).not.toHaveProperty('repeats')
    expect(list.unlisted()?.repeats).toBe(7)
    expect(list.folds()[0]).toMatchObject({ listed: 1, folded: 7 })
  })

  it('stops listing at maxFindings, calls onLimit once, and still counts by severity', () => {
    const limits: Finding[] = []
    const list = new FindingList(10, (f) => limits.push(f as Finding))
    const distinct = Array.from({ length: 25 }, (_, i) =>
      place('r', `line ${i}`, i + 1, { severity: i === 24 ? 'critical' : 'low', repeats: i === 24 ? 2 : 0 }),
    )
    expect(list.add(distinct)).toHaveLength(10)
    // A repeat of a listed exposure past the limit is counted as a repeat, not as past the limit.
    list.add([place('r', 'line 0', 50, { severity: 'low' })])
    expect(limits.map((f) => f.line)).toEqual([11])
    expect(list.unlisted()).toEqual({
      counts: { secrets: { critical: 3, high: 0, medium: 0, low: 15, info: 0 } },
      repeats: 1,
      pastLimit: 17,
    })
  })
})

describe('scanContent folds repeated lines of one text', () => {
  const file: ExposedFile = {
    id: 3,
    path: 'lib/a.js',
    origin: ['p.tgz'],
    kind: 'other',
    bytes: 0,
    lines: 0,
    hasContent: true,
  }

  it('makes PLACES_PER_EXPOSURE findings per rule of K + 30 identical lines and counts 30 repeats on the last', () => {
    const findings = scanContent(file, floodLine().repeat(PLACES_PER_EXPOSURE + 30))
    const byRule = new Map<string, Finding[]>()
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f])
    expect(byRule.size).toBeGreaterThanOrEqual(4)
    for (const [, list] of byRule) {
      expect(list).toHaveLength(PLACES_PER_EXPOSURE)
      expect(list.map((f) => f.line)).toEqual(Array.from({ length: PLACES_PER_EXPOSURE }, (_, i) => i + 1))
      expect(list.at(-1)!.repeats).toBe(30)
      expect(list.slice(0, -1).every((f) => f.repeats === undefined)).toBe(true)
    }
  })

  it('makes a finding of every line when the lines differ', () => {
    const text = Array.from({ length: 60 }, (_, i) => `// TODO(ORB-${i + 1}): item ${i}\n`).join('')
    const notes = scanContent(file, text).filter((f) => f.rule === 'ticket-key-comment')
    expect(notes).toHaveLength(60)
    expect(notes.some((f) => f.repeats)).toBe(false)
  })
})

describe('a findings flood through analyze()', () => {
  const FILES = 12
  const LINES = 160
  const bytes = buildFloodTgz({ files: FILES, lines: LINES })

  it('lists 100 places per exposure, counts every finding in the summary, and names the folds', async () => {
    const report = await analyze([memorySource('flood.tgz', bytes)])
    const rules = new Set(report.findings.map((f) => f.rule))
    expect(report.findings).toHaveLength(rules.size * PLACES_PER_EXPOSURE)
    const counted = Object.values(report.summary.findings).reduce(
      (n, c) => n + Object.values(c!).reduce((a, b) => a + b, 0),
      0,
    )
    expect(counted).toBe(rules.size * FILES * LINES)
    expect(report.summary.unlisted).toEqual({ repeats: counted - report.findings.length, pastLimit: 0 })
    expect(report.folds).toHaveLength(rules.size)
    for (const fold of report.folds!) expect(fold.listed + fold.folded).toBe(FILES * LINES)
    expect(report.errors).toEqual([])
  })

  it('past limits.maxFindings: a limit entry, counts intact, and the gate still fails on the critical token', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `// TODO(ORB-${i + 1}): note ${i}`)
    const text = lines.join('\n') + `\nconst t = '${floodLine().match(/ghp_\w+/)![0]}'\n`
    const report = await analyze([memorySource('notes.js', new TextEncoder().encode(text))], {
      limits: { maxFindings: 10 },
    })
    expect(report.findings).toHaveLength(10)
    expect(report.findings.every((f) => f.severity !== 'critical')).toBe(true)
    expect(report.summary.findings.secrets?.critical).toBe(1)
    expect(report.summary.unlisted?.pastLimit).toBeGreaterThan(0)
    const limit = report.errors.filter((e) => e.level === 'limit')
    expect(limit).toHaveLength(1)
    expect(limit[0].message).toContain('limits.maxFindings')
    expect(failsAt(report, 'critical')).toBe(true)
    expect(failsAt({ findings: report.findings, errors: [] }, 'critical')).toBe(false)
  })
})
