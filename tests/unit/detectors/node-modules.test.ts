// Real third-party code holds no real secrets: scanning this project's own node_modules (first 40 MB
// of text files in a stable order) must give no critical or high secret finding outside the known
// test-fixture paths below. The per-rule counts are printed for review.
import { describe, expect, test } from 'vitest'
import { scanContent } from '../../../src/core/detectors/index'
import type { Finding } from '../../../src/core/report/model'
import { fileAt } from './helpers'
import { nodeModulesTexts } from './node-modules-walk'

/** Paths whose secret-looking content is deliberate test data (reviewed by hand). */
const KNOWN_FIXTURES: RegExp[] = [/node_modules\/fast-uri\/test\//]

describe('scan of node_modules', () => {
  test('no critical/high secrets in third-party code', { timeout: 180_000 }, () => {
    const files = nodeModulesTexts(40_000_000)
    const bytes = files.reduce((n, f) => n + f.text.length, 0)
    expect(bytes).toBeGreaterThan(1_000_000)
    const findings: Finding[] = []
    files.forEach((f, i) => findings.push(...scanContent(fileAt(f.path, f.text, i), f.text)))
    const counts = new Map<string, number>()
    for (const f of findings)
      counts.set(
        `${f.category}/${f.rule}/${f.severity}`,
        (counts.get(`${f.category}/${f.rule}/${f.severity}`) ?? 0) + 1,
      )
    console.log(
      `node_modules: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${findings.length} findings\n` +
        [...counts]
          .sort()
          .map(([k, n]) => `  ${n}\t${k}`)
          .join('\n'),
    )
    const serious = findings.filter(
      (f) =>
        f.category === 'secrets' &&
        (f.severity === 'critical' || f.severity === 'high') &&
        !KNOWN_FIXTURES.some((re) => re.test(f.path)),
    )
    expect(serious.map((f) => `${f.rule} ${f.path}:${f.line} ${f.excerpt}`)).toEqual([])
    // Secret excerpts are redacted even here.
    for (const f of findings.filter((x) => x.category === 'secrets')) expect(f.excerpt).toContain('••••')
  })
})
