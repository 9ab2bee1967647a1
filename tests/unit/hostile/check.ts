// The assertions shared by the hostile-input tests: exact errors, survivors, and the finding that
// shows scanning went on past the bad part.
import { expect } from 'vitest'
import type { Report } from '../../../src/core/report/model'
import { chainOf, type Expected } from './expected'

export function checkHostileReport(report: Report, expected: Expected): void {
  expect(report.errors).toEqual(expected.errors)
  const chains = new Set(report.files.map(chainOf))
  for (const path of expected.kept) expect(chains, path).toContain(path)
  if (expected.files !== undefined) expect(report.files).toHaveLength(expected.files)
  if (expected.finding) {
    const { category, path } = expected.finding
    expect(report.findings.some((f) => f.category === category && f.path === path)).toBe(true)
  }
  expect(report.summary.files).toBe(report.files.length)
}
