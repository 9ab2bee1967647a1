import { describe, expect, it } from 'vitest'
import type { ExposedFile, Report } from '../../../src/core/report/model'
import { TOOL_NAME, TOOL_VERSION } from '../../../src/core/report/model'
import { diffReports } from '../../../src/core/report/diff'
import { summarize } from '../../../src/core/report/summary'
import { mergeForTreemap } from '../../../src/ui/compare/merge'
import { buildTree, findNode } from '../../../src/ui/treemap/tree'

const file = (id: number, path: string, origin: string[], bytes: number): ExposedFile => ({
  id,
  path,
  origin,
  kind: 'other',
  bytes,
  lines: 1,
  hasContent: true,
})

function report(name: string, specs: [string, number][]): Report {
  const files = specs.map(([p, b], i) => file(i, p, [name], b))
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    input: { name, bytes: 1 },
    summary: summarize(files, []),
    files,
    findings: [],
    errors: [],
  }
}

describe('mergeForTreemap', () => {
  const before = report('w-1.0.0.tgz', [
    ['package/a.js', 10],
    ['package/gone.js', 5],
    ['package/same.md', 3],
  ])
  const after = report('w-1.1.0.tgz', [
    ['package/a.js', 12],
    ['package/same.md', 3],
    ['package/.env', 7],
  ])

  it('keeps every new file, adds the removed ones with fresh ids and gives each its status', () => {
    const diff = diffReports(before, after)
    const merged = mergeForTreemap(diff)
    expect(merged.files).toHaveLength(4)
    expect(new Set(merged.files.map((f) => f.id)).size).toBe(4)
    const statusOf = (path: string) => merged.status.get(merged.files.find((f) => f.path === path)!.id)
    expect(statusOf('package/a.js')).toBe('changed')
    expect(statusOf('package/same.md')).toBe('same')
    expect(statusOf('package/.env')).toBe('new')
    expect(statusOf('package/gone.js')).toBe('removed')
  })

  it('re-homes removed files under the new tarball so both versions share one tree', () => {
    const merged = mergeForTreemap(diffReports(before, after))
    const tree = buildTree(merged.files)
    expect(tree.root.children!.map((c) => c.name)).toEqual(['w-1.1.0.tgz'])
    expect(findNode(tree, ['w-1.1.0.tgz', 'package'])!.leaves).toBe(4)
  })
})
