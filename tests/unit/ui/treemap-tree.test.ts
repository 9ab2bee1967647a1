import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ExposedFile, Kind } from '../../../src/core/report/model'
import {
  buildTree,
  existingPrefix,
  findNode,
  minWeight,
  refreshKinds,
  sameShape,
  type TreeNode,
} from '../../../src/ui/treemap/tree'
import { KINDS } from '../../../src/core/report/model'
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy'
import { MIN_CELL } from '../../../src/ui/treemap/layout'
import { weightOf, type FileTree, type SizeBy } from '../../../src/ui/treemap/tree'
import {
  childRects,
  hitTest,
  layoutView,
  namesTo,
  neighbour,
  type LayoutNode,
} from '../../../src/ui/treemap/layout'
import { sampleFacts } from '../../../src/build/sample/package'

const sampleFiles = (): ExposedFile[] =>
  sampleFacts().files.map((f, id) => ({ ...f, id, kind: f.kind ?? 'other' }))

const file = (id: number, path: string, origin: string[], bytes = 10, kind: Kind = 'other'): ExposedFile => ({
  id,
  path,
  origin,
  kind,
  bytes,
  lines: bytes === 0 ? 0 : 1 + (bytes >> 4),
  hasContent: bytes > 0,
})

function leaves(node: TreeNode): ExposedFile[] {
  return node.children ? node.children.flatMap(leaves) : [node.file!]
}

describe('buildTree', () => {
  it('keeps every file of the sample as exactly one leaf', () => {
    const files = sampleFiles()
    const tree = buildTree(files)
    expect(tree.leaves).toBe(files.length)
    const ids = leaves(tree.root).map((f) => f.id)
    expect(new Set(ids).size).toBe(files.length)
    expect(tree.root.leaves).toBe(files.length)
  })

  it("nests a map's reconstructed sources under the map node, next to the map's own bytes", () => {
    const files = sampleFiles()
    const map = sampleFacts().maps[0]!
    const tree = buildTree(files)
    const mapPath = map.origin.flatMap((o) => o.split('/'))
    const node = findNode(tree, mapPath)!
    expect(node).not.toBeNull()
    expect(node.container).toBeDefined()
    const below = leaves(node)
    // The map's sources plus (when the map is itself an exposed file) the map file.
    const sources = files.filter((f) => f.origin.join('›') === map.origin.join('›'))
    expect(below.filter((f) => f.origin.join('›') === map.origin.join('›')).length).toBe(sources.length)
    const self = node.children!.filter((c) => c.self)
    expect(self.length).toBeLessThanOrEqual(1)
    if (self.length === 1) expect(self[0]!.file!.path).toBe(map.origin.at(-1))
  })

  it('marks origin elements as containers and nests members under their archive', () => {
    const tree = buildTree([file(0, 'package/a.js', ['x.tgz']), file(1, 'package/b/c.js', ['x.tgz'])])
    expect(tree.root.children!.map((c) => c.name)).toEqual(['x.tgz'])
    expect(tree.root.children![0]!.container).toBe('input')
    const pkg = findNode(tree, ['x.tgz', 'package'])!
    expect(pkg.children!.map((c) => c.name).sort()).toEqual(['a.js', 'b'])
    expect(pkg.leaves).toBe(2)
  })

  it('keeps duplicate paths as separate leaves and applies the filter', () => {
    const files = [file(0, 'a/x.js', []), file(1, 'a/x.js', []), file(2, 'a/y.css', [], 5, 'bundle')]
    expect(buildTree(files).leaves).toBe(3)
    expect(
      leaves(findNode(buildTree(files), ['a'])!)
        .map((f) => f.id)
        .sort(),
    ).toEqual([0, 1, 2])
    const only = buildTree(files, (f) => f.kind === 'bundle')
    expect(leaves(only.root).map((f) => f.id)).toEqual([2])
  })

  it('finds the longest surviving zoom prefix', () => {
    const tree = buildTree([file(0, 'a/b/c.js', [])])
    expect(existingPrefix(tree, ['a', 'b', 'gone'])).toEqual(['a', 'b'])
    expect(existingPrefix(tree, ['a', 'b', 'c.js'])).toEqual(['a', 'b'])
    expect(findNode(tree, ['zzz'])).toBeNull()
  })

  it('holds every leaf exactly once for arbitrary paths', () => {
    const seg = fc.constantFrom('a', 'b', 'c', 'x.map', '')
    const arb = fc.array(
      fc.record({
        path: fc.array(seg, { minLength: 1, maxLength: 4 }),
        origin: fc.array(seg, { maxLength: 2 }),
      }),
      { maxLength: 40 },
    )
    fc.assert(
      fc.property(arb, (specs) => {
        const files = specs.map((s, i) => file(i, s.path.join('/'), s.origin))
        const tree = buildTree(files)
        const ids = leaves(tree.root).map((f) => f.id)
        return (
          ids.length === files.length &&
          new Set(ids).size === files.length &&
          tree.root.leaves === files.length
        )
      }),
    )
  })
})

describe('layoutView', () => {
  const inside = (c: LayoutNode, p: LayoutNode) =>
    c.x0 >= p.x0 - 1e-6 && c.y0 >= p.y0 - 1e-6 && c.x1 <= p.x1 + 1e-6 && c.y1 <= p.y1 + 1e-6

  it('fills the view, nests children inside parents and sizes leaves by weight', () => {
    const files = sampleFiles()
    const tree = buildTree(files)
    const root = layoutView(tree, tree.root, { sizeBy: 'bytes', width: 800, height: 500 })
    expect([root.x0, root.y0, root.x1, root.y1]).toEqual([0, 0, 800, 500])
    // Every file is in the layout, as a leaf or inside a folder too small to lay out its children.
    expect(root.leaves().reduce((n, l) => n + l.data.leaves, 0)).toBe(files.length)
    root.each((n) => {
      if (n.parent) expect(inside(n, n.parent)).toBe(true)
    })
    // A bigger file never gets a smaller rectangle than a smaller sibling file (padding may squeeze
    // both to nothing in a tiny folder, hence "not smaller" rather than "bigger").
    root.each((n) => {
      const kids = (n.children ?? []).filter((c) => !c.children)
      for (let i = 1; i < kids.length; i++) {
        const area = (c: LayoutNode) => (c.x1 - c.x0) * (c.y1 - c.y0)
        if (kids[i - 1]!.value! > kids[i]!.value! * 1.5)
          expect(area(kids[i - 1]!)).toBeGreaterThanOrEqual(area(kids[i]!))
      }
    })
  })

  it('gives files without content a minimum weight so they still show', () => {
    const files = [file(0, 'a.js', [], 1000), file(1, 'names-only.ts', [], 0)]
    const tree = buildTree(files)
    expect(minWeight(tree, 'bytes')).toBe(100)
    const root = layoutView(tree, tree.root, { sizeBy: 'bytes', width: 400, height: 300 })
    const empty = root.leaves().find((l) => l.data.file!.id === 1)!
    expect((empty.x1 - empty.x0) * (empty.y1 - empty.y0)).toBeGreaterThan(0)
    expect(root.value).toBe(1100)
  })

  it('lays out a zoomed subtree alone and hit-tests, navigates and names its nodes', () => {
    const files = [
      file(0, 'src/a.ts', [], 400),
      file(1, 'src/b.ts', [], 300),
      file(2, 'lib/c.js', [], 200),
      file(3, 'lib/d.js', [], 100),
    ]
    const tree = buildTree(files)
    const view = findNode(tree, ['src'])!
    const root = layoutView(tree, view, { sizeBy: 'bytes', width: 300, height: 200 })
    expect(
      root
        .leaves()
        .map((l) => l.data.file!.id)
        .sort(),
    ).toEqual([0, 1])
    const rects = childRects(root, 'bytes')
    expect(rects.map((r) => r.name)).toEqual(['a.ts', 'b.ts'])
    const a = rects[0]!
    const hit = hitTest(root, a.x + a.w / 2, a.y + a.h / 2)!
    expect(hit.data.file!.id).toBe(0)
    expect(namesTo(hit, ['src'])).toEqual(['src', 'a.ts'])
    const [first, second] = root.children!
    const dir = second!.x0 >= first!.x1 ? 'right' : 'down'
    expect(neighbour(first!, dir)).toBe(second)
    expect(neighbour(first!, dir === 'right' ? 'left' : 'up')).toBeNull()
    expect(hitTest(root, 1000, 1000)).toBeNull()
  })

  it('lays out a folder too small to ever be drawn as one block, weighted as its whole subtree', () => {
    const files = [
      file(0, 'big.js', [], 1_000_000),
      ...Array.from({ length: 50 }, (_, i) => file(i + 1, `tiny/f${i}.js`, [], 1)),
    ]
    const tree = buildTree(files)
    const root = layoutView(tree, tree.root, { sizeBy: 'bytes', width: 300, height: 200 })
    const tiny = root.children!.find((c) => c.data.name === 'tiny')!
    expect(tiny.children).toBeUndefined()
    expect(tiny.data.children).toHaveLength(50)
    expect(tiny.value).toBe(50)
    expect(childRects(root, 'bytes').find((r) => r.name === 'tiny')!.folder).toBe(true)
    // Zoomed into it, its files are laid out.
    const zoomed = layoutView(tree, findNode(tree, ['tiny'])!, { sizeBy: 'bytes', width: 300, height: 200 })
    expect(zoomed.leaves()).toHaveLength(50)
  })

  it('leaves room for a label on folders big enough to show one', () => {
    const tree = buildTree([file(0, 'dir/a.ts', [], 10), file(1, 'dir/b.ts', [], 10)])
    const root = layoutView(tree, tree.root, { sizeBy: 'lines', width: 400, height: 300, labelHeight: 16 })
    const dir = root.children![0]!
    for (const c of dir.children!) expect(c.y0).toBeGreaterThanOrEqual(dir.y0 + 16)
    // A click on the label strip lands on the folder itself.
    expect(hitTest(root, dir.x0 + 5, dir.y0 + 5)).toBe(dir)
  })
})

describe('refreshKinds', () => {
  it('turns a tree into the one built from recoloured files, for any change of kinds', () => {
    const files = sampleFiles()
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(files.length - 1), fc.constantFrom(...KINDS))), (changes) => {
        const next = files.map((f) => ({ ...f, origin: [...f.origin] }))
        for (const [i, kind] of changes) next[i] = { ...next[i], kind }
        expect(sameShape(files, next)).toBe(true)
        const tree = buildTree(files)
        const steps = refreshKinds(tree, next)
        while (!steps.next().done);
        expect(tree).toEqual(buildTree(next))
      }),
      { numRuns: 50 },
    )
  })

  it('sameShape refuses anything that moves or resizes a rectangle', () => {
    const files = sampleFiles()
    const moved = (patch: Partial<ExposedFile>) => files.map((f, i) => (i === 3 ? { ...f, ...patch } : f))
    expect(sameShape(files, files.slice(1))).toBe(false)
    expect(sameShape(files, moved({ path: 'elsewhere.js' }))).toBe(false)
    expect(sameShape(files, moved({ bytes: files[3].bytes + 1 }))).toBe(false)
    expect(sameShape(files, moved({ origin: ['other.tgz'] }))).toBe(false)
    expect(sameShape(files, moved({ kind: 'credential', mapResolution: 'sibling' }))).toBe(true)
  })
})

/** A folder that is the only child of a folder with a header: laid out without a header of its own. */
const chained = (n: { depth: number; parent: { children?: unknown[] } | null }) =>
  n.depth > 1 && n.parent!.children!.length === 1

/** The layout as d3's own treemap() makes it (what layoutView did before it could pause). */
function d3Layout(tree: FileTree, view: TreeNode, sizeBy: SizeBy, width: number, height: number) {
  const floor = minWeight(tree, sizeBy)
  const pxPerWeight = (width * height) / Math.max(1e-9, weightOf(view, sizeBy, floor))
  const open = (n: TreeNode) =>
    n.children !== null &&
    (n === view ||
      weightOf(n, sizeBy, floor) * pxPerWeight >= Math.min(2 * MIN_CELL * MIN_CELL * n.children.length, 2000))
  const root = hierarchy(view, (n) => (open(n) ? n.children : null))
    .sum((n) => (open(n) ? 0 : weightOf(n, sizeBy, floor)))
    .sort((a, b) => b.value! - a.value! || (a.data.name < b.data.name ? -1 : 1))
  return treemap<TreeNode>()
    .tile(treemapSquarify)
    .size([width, height])
    .paddingInner(1)
    .paddingOuter((n) => (n.depth === 0 ? 0 : chained(n) ? 0.5 : 2))
    .paddingTop((n) => {
      if (n.depth === 0) return 0
      if (chained(n)) return 0.5
      const r = n as LayoutNode
      return r.y1 - r.y0 > 16 * 2.5 && r.x1 - r.x0 > 24 ? 16 : 2
    })(root)
}

const boxes = (root: LayoutNode) =>
  root
    .descendants()
    .map((n) => [n.data.name, n.depth, n.height, n.value, n.x0, n.y0, n.x1, n.y1, n.children?.length ?? 0])

describe('layoutView (sliced, by hand) places every node exactly as d3 treemap() does', () => {
  it('on the sample package, by bytes and by lines, at several sizes', () => {
    const tree = buildTree(sampleFiles())
    for (const sizeBy of ['bytes', 'lines'] as const)
      for (const [w, h] of [
        [878, 530],
        [300, 200],
        [40, 30],
        [1920, 1000],
      ] as const) {
        const mine = layoutView(tree, tree.root, { sizeBy, width: w, height: h, labelHeight: 16 })
        expect(boxes(mine)).toEqual(boxes(d3Layout(tree, tree.root, sizeBy, w, h)))
      }
  })

  it('on random trees of up to 3,000 files', () => {
    const arbFile = fc.record({
      dir: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'node_modules', 'src'), { maxLength: 4 }),
      name: fc.string({ minLength: 1, maxLength: 6 }),
      bytes: fc.nat(100_000),
    })
    fc.assert(
      fc.property(
        fc.array(arbFile, { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 20, max: 1600 }),
        (specs, w) => {
          const files = specs.map((s, id) => file(id, [...s.dir, s.name].join('/'), ['x.tgz'], s.bytes))
          const tree = buildTree(files)
          const mine = layoutView(tree, tree.root, {
            sizeBy: 'bytes',
            width: w,
            height: 500,
            labelHeight: 16,
          })
          expect(boxes(mine)).toEqual(boxes(d3Layout(tree, tree.root, 'bytes', w, 500)))
        },
      ),
      { numRuns: 40 },
    )
  })
})
