import { describe, expect, it } from 'vitest'
import { formatText, largestTrees } from '../../../src/core/report/format-text'
import { formatBytes } from '../../../src/core/report/present'
import type { Finding } from '../../../src/core/report/model'
import { exposed, finding, incidentLikeReport, makeReport } from './make-report'

describe('formatText', () => {
  it('prints the headline, kinds with files and bytes, largest trees, findings by category, errors', () => {
    const report = incidentLikeReport()
    const text = formatText(report)
    const lines = text.split('\n')
    expect(lines[0]).toBe(`Artifact: pkg-1.0.0.tgz (${formatBytes(report.input.bytes)})`)
    expect(lines[1]).toBe(report.summary.headline)
    expect(text).toMatch(/^ {2}first-party-source +2 files +9\.8 KB$/m)
    expect(text).toMatch(/^ {2}credential +1 files +120 B$/m)
    // Trees: the map's src/ (two files) and the tarball's package/ folder, largest first.
    const trees = lines.slice(
      lines.indexOf('Largest exposed trees:') + 1,
      lines.indexOf('Findings: 4 at 4 distinct exposures') - 1,
    )
    expect(trees.map((l) => l.trim().split(/ {2,}/).pop())).toEqual(
      largestTrees(report, 10).map((t) => t.tree),
    )
    expect(trees[0]).toMatch(/pkg-1\.0\.0\.tgz › package$/)
    expect(text).toContain('source-exposure: 1 critical (1 exposure)')
    expect(text).toContain('internal-notes: 1 info (1 exposure)')
    // Each exposure: severity, title, places and rule, then its first place.
    expect(text).toContain('  [medium] internal host in src/main.ts  (1 place; internal-hostname)')
    expect(text).toContain('      at pkg-1.0.0.tgz › package/cli.js.map › src/main.ts:12:20')
    // The brief comes right after the headline, worst category first.
    expect(lines.slice(3, 5)).toEqual([
      'Brief (worst: critical):',
      '  [critical] Source: 1 other exposure — other exposure in package/cli.js.map',
    ])
    expect(text).toContain("      > const base = 'https://api.corp.acme.internal/v2'")
    expect(text).toContain('Problems reading the artifact: 1')
    expect(text).toContain('  error: pkg-1.0.0.tgz › package/broken.js.map: Invalid JSON at byte 12.')
  })

  it('lists at most N exposures per category, most severe first, then "… and M more"', () => {
    const findings: Finding[] = Array.from({ length: 9 }, (_, i) =>
      finding({ rule: `r${i}`, path: 'a.js', severity: i === 7 ? 'critical' : 'low', line: i + 1 }),
    )
    const text = formatText(makeReport('a.tgz', [exposed('a.js', [], 'bundle')], findings), {
      perCategory: 3,
    })
    const lines = text.split('\n')
    const listed = lines
      .slice(lines.findIndex((l) => l.startsWith('Findings:')))
      .filter((l) => l.startsWith('  ['))
    expect(listed).toHaveLength(3)
    expect(listed[0]).toBe('  [critical] secret (r7) in a.js  (1 place; r7)')
    expect(text).toContain('  … and 6 more')
    expect(text).toContain('secrets: 1 critical, 8 low (9 exposures)')
  })

  it('keeps every line short and free of control characters whatever the artifact holds', () => {
    const long = 'x'.repeat(100_000)
    const report = makeReport(
      `evil\r\n\u001b[31mred.tgz`,
      [exposed(`dir/${long}.js`, [], 'bundle')],
      [finding({ rule: 'r', path: 'a.js', excerpt: `${long}\u0007bell`, message: 'm\nsecond line' })],
    )
    const text = formatText(report)
    for (const line of text.split('\n')) {
      expect(line.length).toBeLessThan(260)
      // eslint-disable-next-line no-control-regex
      expect(line).not.toMatch(/[\u0000-\u001f\u007f]/)
    }
    // Shown as visible escapes: nothing a terminal acts on, and one line.
    expect(lines0(text)).toBe('Artifact: evil\\r\\n\\x1B[31mred.tgz (100 B)')
  })

  it('counts one thing found at several places once', () => {
    const host = (path: string, line: number) =>
      finding({
        rule: 'internal-hostname',
        category: 'internal-endpoints',
        path,
        line,
        subject: 'h.corp.internal',
      })
    const text = formatText(
      makeReport('a.tgz', [exposed('a.js', [], 'bundle')], [host('a.js', 1), host('b.js', 9)]),
    )
    expect(text).toContain('Findings: 2 at 1 distinct exposure')
    expect(text).toContain('  [high] internal host h.corp.internal  (2 places; internal-hostname)')
    expect(text).toContain('  [high] Infrastructure: 1 internal host — h.corp.internal')
  })

  it('says there are no findings when there are none', () => {
    expect(formatText(makeReport('ok.tgz', [exposed('a.js', ['ok.tgz'], 'bundle')]))).toContain(
      'Findings: none',
    )
  })
})

const lines0 = (text: string) => text.split('\n')[0]
