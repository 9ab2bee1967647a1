// The eval's scorer on small made-up reports and truths: the matching rules, precision judged only
// on complete categories, traps, and the sums over a set.
import { describe, expect, it } from 'vitest'
import { per10MB, scoreArtifact, totals } from '../../eval/score'
import { parseTruth, packFileName, type Truth } from '../../eval/truth'
import { artifactTable, categoryTable, formatMarkdown, formatText } from '../../eval/table'
import type { Finding } from '../../../src/core/report/model'
import { exposed, finding, makeReport } from '../report/make-report'

const TGZ = 'pkg-1.0.0.tgz'

function truth(over: Partial<Truth> = {}): Truth {
  return parseTruth(
    {
      package: 'pkg',
      version: '1.0.0',
      integrity: 'sha512-AAAA',
      role: 'leak',
      why: 'made up for the test',
      license: 'MIT',
      complete: [],
      exposures: [],
      nonExposures: [],
      ...over,
    },
    'test',
  )
}

function report(findings: Finding[]) {
  return makeReport(TGZ, [exposed('package/index.js', [TGZ], 'bundle')], findings)
}

const score = (t: Truth, findings: Finding[], bytes = 1e6) =>
  scoreArtifact(t, report(findings), 'pkg-1.0.0', bytes)

describe('matching', () => {
  const key = { category: 'secrets', what: 'a key', path: 'package/a.pem', line: 3 } as const

  it('needs the same category, path and line', () => {
    const t = truth({ exposures: [key] })
    expect(
      score(t, [finding({ rule: 'pem', path: 'package/a.pem', line: 3 })]).categories.secrets.found,
    ).toBe(1)
    expect(
      score(t, [finding({ rule: 'pem', path: 'package/a.pem', line: 4 })]).categories.secrets.found,
    ).toBe(0)
    expect(
      score(t, [finding({ rule: 'pem', path: 'package/b.pem', line: 3 })]).categories.secrets.found,
    ).toBe(0)
    const other = finding({ rule: 'pem', category: 'credential-files', path: 'package/a.pem', line: 3 })
    expect(score(t, [other]).missed).toEqual([key])
  })

  it('takes any line when the truth gives none', () => {
    const t = truth({ exposures: [{ ...key, line: undefined }] })
    expect(score(t, [finding({ rule: 'pem', path: 'package/a.pem', line: 0 })]).missed).toEqual([])
  })

  it('needs the name in the excerpt or the message, case-sensitive', () => {
    const flag = {
      category: 'feature-flags',
      what: 'gate',
      path: 'src/a.ts',
      line: 2,
      name: 'KAIROS',
    } as const
    const t = truth({ exposures: [flag] })
    const at = (over: Partial<Finding>) =>
      score(t, [finding({ rule: 'f', category: 'feature-flags', path: 'src/a.ts', line: 2, ...over })])
    expect(at({ excerpt: "if (feature('KAIROS'))" }).categories['feature-flags'].found).toBe(1)
    expect(at({ message: 'Flag KAIROS gates code.' }).categories['feature-flags'].found).toBe(1)
    expect(at({ excerpt: "feature('kairos')" }).categories['feature-flags'].found).toBe(0)
    expect(at({ excerpt: "feature('OTHER')" }).categories['feature-flags'].found).toBe(0)
  })

  it('counts a finding below minSeverity against recall but not against precision', () => {
    const t = truth({ exposures: [{ ...key, minSeverity: 'high' }], complete: ['secrets'] })
    const low = score(t, [finding({ rule: 'pem', path: 'package/a.pem', line: 3, severity: 'medium' })])
    expect(low.categories.secrets).toMatchObject({ found: 0, truePositives: 1, falsePositives: 0 })
    const high = score(t, [finding({ rule: 'pem', path: 'package/a.pem', line: 3, severity: 'critical' })])
    expect(high.categories.secrets.found).toBe(1)
  })
})

describe('precision', () => {
  const key = { category: 'secrets', what: 'a key', path: 'package/a.pem', line: 3 } as const
  const hit = finding({ rule: 'pem', path: 'package/a.pem', line: 3 })
  const stray = finding({ rule: 'pem', path: 'package/b.js', line: 9, severity: 'low' })
  const strayInfo = finding({ rule: 'pem', path: 'package/c.js', line: 9, severity: 'info' })
  const endpoint = finding({ rule: 'host', category: 'internal-endpoints', path: 'package/d.js', line: 1 })

  it('is judged only for complete categories', () => {
    const s = score(truth({ exposures: [key] }), [hit, stray, endpoint])
    expect(s.categories.secrets).toMatchObject({
      judged: false,
      findings: 2,
      truePositives: 0,
      falsePositives: 0,
    })
    expect(s.falsePositives).toEqual([])
  })

  it('counts findings at low or above, not info', () => {
    const s = score(truth({ exposures: [key], complete: ['secrets'] }), [hit, stray, strayInfo, endpoint])
    expect(s.categories.secrets).toMatchObject({
      judged: true,
      findings: 2,
      truePositives: 1,
      falsePositives: 1,
    })
    expect(s.falsePositives.map((f) => f.path)).toEqual(['package/b.js'])
    expect(s.categories['internal-endpoints']).toMatchObject({ judged: false, falsePositives: 0 })
  })

  it('judges a category listed by name by the name a finding quotes, at any place', () => {
    const first = {
      category: 'feature-flags',
      what: 'a gate',
      path: 'src/a.ts',
      line: 4,
      name: 'beta_x',
    } as const
    const gate = (name: string, path: string, line: number) =>
      finding({
        rule: 'gate',
        category: 'feature-flags',
        path,
        line,
        message: `Gate "${name}" is read here.`,
      })
    const t = truth({ exposures: [first], completeNames: ['feature-flags'] })
    const s = score(t, [
      gate('beta_x', 'src/a.ts', 4),
      gate('beta_x', 'src/b.ts', 9),
      gate('other', 'src/a.ts', 4),
    ])
    expect(s.categories['feature-flags']).toMatchObject({ judged: true, truePositives: 2, falsePositives: 1 })
    expect(s.falsePositives.map((f) => f.path)).toEqual(['src/a.ts'])
    expect(() => truth({ complete: ['feature-flags'], completeNames: ['feature-flags'] })).toThrow(/not both/)
  })

  it('judges every category of a clean package', () => {
    const all = ['source-exposure', 'secrets', 'credential-files', 'internal-endpoints', 'ai-prompts']
    const more = ['feature-flags', 'build-environment', 'internal-notes']
    const t = truth({ role: 'clean', complete: [...all, ...more] as Truth['complete'] })
    const s = score(t, [stray, endpoint, strayInfo], 2e6)
    expect(s.falsePositives).toHaveLength(2)
    expect(s.mediumOrAbove).toBe(1)
    const sum = totals([s])
    expect(sum.clean).toEqual({ artifacts: 1, bytes: 2e6, mediumOrAbove: 1 })
    expect(per10MB(sum.clean.mediumOrAbove, sum.clean.bytes)).toBe(5)
  })

  it('records traps hit at low or above in any category', () => {
    const trap = {
      category: 'internal-endpoints',
      path: 'package/d.js',
      why: 'public metadata address',
    } as const
    const s = score(truth({ nonExposures: [trap] }), [endpoint, { ...endpoint, severity: 'info', line: 2 }])
    expect(s.trapHits).toHaveLength(1)
    expect(s.trapHits[0].finding.line).toBe(1)
  })
})

describe('totals and tables', () => {
  it('sums recall and precision over artifacts and categories', () => {
    const a = score(
      truth({
        exposures: [{ category: 'secrets', what: 'k', path: 'package/a', line: 1 }],
        complete: ['secrets'],
      }),
      [
        finding({ rule: 'k', path: 'package/a', line: 1 }),
        finding({ rule: 'k', path: 'package/z', line: 1 }),
      ],
    )
    const b = score(
      truth({ exposures: [{ category: 'secrets', what: 'k', path: 'package/b', line: 1 }] }),
      [],
    )
    const sum = totals([a, b])
    expect(sum.recall).toEqual({ hit: 1, of: 2 })
    expect(sum.precision).toEqual({ hit: 1, of: 2 })
    expect(sum.categories.secrets.judgedIn).toBe(1)
    const text = formatText(categoryTable(sum))
    expect(text).toMatch(/secrets\s+50\.0% \(1\/2\)\s+50\.0% \(1\/2\)\s+1\s+2$/m)
    expect(formatMarkdown(artifactTable([a])).split('\n')[2]).toContain('| pkg@1.0.0 | leak |')
  })
})

describe('truth files', () => {
  it('are named after the npm pack file name', () => {
    expect(packFileName('@anthropic-ai/claude-code', '2.1.88')).toBe('anthropic-ai-claude-code-2.1.88')
    expect(packFileName('lodash', '4.18.1')).toBe('lodash-4.18.1')
  })

  it('refuses unknown categories, bad lines and incomplete clean packages', () => {
    const bad = (over: object) => () => truth(over as Partial<Truth>)
    expect(bad({ exposures: [{ category: 'secret', what: 'x', path: 'a' }] })).toThrow(/unknown category/)
    expect(bad({ exposures: [{ category: 'secrets', what: 'x', path: 'a', line: 0 }] })).toThrow(/1-based/)
    expect(bad({ role: 'clean', complete: ['secrets'] })).toThrow(/every category/)
    expect(bad({ integrity: 'sha1-abc' })).toThrow(/sha512/)
  })
})
