// Bytes are counted once: a map's own leaf weighs the map without its sources, so the tree weighs the
// artifact's inflated size (its members' bytes).
import { describe, expect, it } from 'vitest'
import type { ExposedFile } from '../../../src/core/report/model'
import { buildTree, findNode, OVERHEAD_SUFFIX, sizeOf, type TreeNode } from '../../../src/ui/treemap/tree'
import { sampleFacts } from '../../../src/build/sample/package'

const sampleFiles = (): ExposedFile[] =>
  sampleFacts().files.map((f, id) => ({ ...f, id, kind: f.kind ?? 'other' }))

const file = (id: number, path: string, origin: string[], bytes: number, extra: Partial<ExposedFile> = {}) =>
  ({ id, path, origin, kind: 'other', bytes, lines: 1, hasContent: bytes > 0, ...extra }) as ExposedFile

function leaves(node: TreeNode): TreeNode[] {
  return node.children ? node.children.flatMap(leaves) : [node]
}

describe('drawn bytes', () => {
  const map = file(1, 'package/cli.js.map', ['x.tgz'], 1000, { container: 'source-map', kind: 'source-map' })
  const files = [
    file(0, 'package/cli.js', ['x.tgz'], 300),
    map,
    file(2, 'src/a.ts', ['x.tgz', 'package/cli.js.map'], 400),
    file(3, 'src/b.ts', ['x.tgz', 'package/cli.js.map'], 250),
  ]

  it("gives a map's own leaf the map's bytes minus its sources', under a name of its own", () => {
    const tree = buildTree(files)
    const node = findNode(tree, ['x.tgz', 'package', 'cli.js.map'])!
    const self = node.children!.find((c) => c.self)!
    expect(sizeOf(self, 'bytes')).toBe(1000 - 400 - 250)
    expect(self.file!.bytes).toBe(1000)
    expect(self.name).toBe('cli.js.map' + OVERHEAD_SUFFIX)
    expect(node.name).toBe('cli.js.map')
    // The map's node weighs the map file; the tree weighs the members.
    expect(sizeOf(node, 'bytes')).toBe(1000)
    expect(tree.totalBytes).toBe(1300)
    expect(sizeOf(tree.root, 'bytes')).toBe(1300)
  })

  it('keeps the overhead when a filter hides some sources', () => {
    const tree = buildTree(files, (f) => f.id !== 3)
    const self = findNode(tree, ['x.tgz', 'package', 'cli.js.map'])!.children!.find((c) => c.self)!
    expect(sizeOf(self, 'bytes')).toBe(350)
  })

  it('never weighs less than nothing, and lines stay the files own', () => {
    const small = { ...map, bytes: 100 }
    const tree = buildTree([files[0]!, small, files[2]!])
    const self = findNode(tree, ['x.tgz', 'package', 'cli.js.map'])!.children!.find((c) => c.self)!
    expect(sizeOf(self, 'bytes')).toBe(0)
    expect(sizeOf(self, 'lines')).toBe(small.lines)
  })

  it('on the sample, the leaves weigh every file outside a map (sibling and inline maps alike)', () => {
    const facts = sampleFacts()
    const chain = (origin: readonly string[]) => origin.join('\u0000')
    const maps = new Set(facts.maps.map((m) => chain(m.origin)))
    const all = sampleFiles().map((f) =>
      maps.has(chain([...f.origin, f.path])) ? { ...f, container: 'source-map' as const } : f,
    )
    const tree = buildTree(all)
    // A map's sources are part of the map's bytes: the files outside any map are the whole artifact.
    const expected = all.filter((f) => !maps.has(chain(f.origin))).reduce((sum, f) => sum + f.bytes, 0)
    const drawn = leaves(tree.root).reduce((sum, l) => sum + sizeOf(l, 'bytes'), 0)
    expect(drawn).toBe(expected)
    expect(tree.totalBytes).toBe(expected)
    // The inline map's bundle is drawn as its code without the sources it carries.
    const inline = facts.mapReferences.find((r) => r.resolution === 'inline')!
    const node = findNode(tree, [facts.fileName, ...inline.path.split('/')])!
    const self = node.children!.find((c) => c.self)!
    expect(sizeOf(self, 'bytes')).toBeGreaterThan(0)
    expect(sizeOf(self, 'bytes')).toBeLessThan(self.file!.bytes)
    expect(self.name).toBe(inline.path.split('/').pop()! + OVERHEAD_SUFFIX)
  })
})
