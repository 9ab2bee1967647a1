import { describe, expect, it } from 'vitest'
import type { ExposedFile } from '../../../src/core/report/model'
import { layoutView } from '../../../src/ui/treemap/layout'
import {
  buildTree,
  findNode,
  FOLDED_NAME,
  MAX_FOLDER_DEPTH,
  refreshKinds,
  type TreeNode,
} from '../../../src/ui/treemap/tree'
import { DEEP_FILE, DEEP_SEGMENTS } from '../../fixtures/lib/hostile-text'

const file = (id: number, path: string, origin = ['deep-1.0.0.tgz']): ExposedFile => ({
  id,
  path,
  origin,
  kind: 'bundle',
  bytes: 100,
  lines: 2,
  hasContent: true,
})

/** Names from the root to the leaf of `file`, by walking the tree (not recursively). */
function trailTo(root: TreeNode, target: ExposedFile): TreeNode[] {
  const stack: TreeNode[][] = [[root]]
  while (stack.length > 0) {
    const trail = stack.pop()!
    const node = trail[trail.length - 1]!
    if (node.file === target) return trail
    for (const c of node.children ?? []) stack.push([...trail, c])
  }
  return []
}

describe('a path deeper than the call stack', () => {
  const files = [file(0, 'package/package.json'), file(1, 'package/index.js'), file(2, DEEP_FILE)]

  it(`builds (${DEEP_SEGMENTS.toLocaleString('en-US')} folders), every file one leaf, the deep part folded`, () => {
    const tree = buildTree(files)
    expect(tree.leaves).toBe(3)
    expect(tree.root.leaves).toBe(3)
    expect(tree.folded).toBe(1)
    const trail = trailTo(tree.root, files[2]!)
    // root, then MAX_FOLDER_DEPTH folders (the input, package/, d/…), the folded node, the leaf.
    expect(trail).toHaveLength(MAX_FOLDER_DEPTH + 3)
    const folded = trail[trail.length - 2]!
    expect(folded.name).toBe(FOLDED_NAME)
    expect(folded.folded).toBe(true)
    expect(folded.children!.map((c) => c.name)).toEqual(['leak.js'])
    expect(trail.filter((n) => n.folded)).toHaveLength(1)
    // The ordinary files keep their places.
    expect(findNode(tree, ['deep-1.0.0.tgz', 'package'])!.children!.map((c) => c.name)).toEqual(
      expect.arrayContaining(['package.json', 'index.js', 'd']),
    )
  })

  it('folds exactly past MAX_FOLDER_DEPTH folders: a file at the limit keeps its folders', () => {
    const at = file(0, `${'a/'.repeat(MAX_FOLDER_DEPTH - 1)}at.js`)
    const past = file(1, `${'b/'.repeat(MAX_FOLDER_DEPTH)}past.js`)
    const tree = buildTree([at, past])
    expect(tree.folded).toBe(1)
    expect(trailTo(tree.root, at).some((n) => n.folded)).toBe(false)
    expect(trailTo(tree.root, at)).toHaveLength(MAX_FOLDER_DEPTH + 2)
    expect(trailTo(tree.root, past).filter((n) => n.folded)).toHaveLength(1)
    expect(trailTo(tree.root, past)).toHaveLength(MAX_FOLDER_DEPTH + 3)
  })

  it('files under different deep folders share their folded node; origins fold too', () => {
    const deepOrigin = ['x.tgz', `${'o/'.repeat(400)}app.js.map`]
    const tree = buildTree([
      file(0, `${'c/'.repeat(300)}one.js`),
      file(1, `${'c/'.repeat(299)}e/two.js`),
      file(2, 'src/a.ts', deepOrigin),
    ])
    expect(tree.leaves).toBe(3)
    expect(tree.folded).toBe(3)
  })

  it('lays out and refreshes without recursion errors', () => {
    const tree = buildTree(files)
    const layout = layoutView(tree, tree.root, { sizeBy: 'bytes', width: 800, height: 600 })
    expect(layout.value).toBeGreaterThan(0)
    expect(() => [...refreshKinds(tree, files)]).not.toThrow()
  })
})
