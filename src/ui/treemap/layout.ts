// Squarified layout of one zoomed subtree, plus the geometry questions the canvas asks of it
// (which node is under the pointer, which sibling lies to the left). Pure: tested in Node.
import { hierarchy, treemapSquarify, type HierarchyRectangularNode } from 'd3-hierarchy'
import { minWeight, sizeOf, weightOf, type FileTree, type SizeBy, type TreeNode } from './tree'

export type LayoutNode = HierarchyRectangularNode<TreeNode>

export interface LayoutOptions {
  sizeBy: SizeBy
  width: number
  height: number
  /** Height of the label strip on top of folders big enough to carry one. */
  labelHeight?: number
}

/** Below this size (CSS px) a subtree is drawn as one block and never descended into. */
export const MIN_CELL = 3

/** Lays out `view` (a node of `tree`) to fill width × height. Runs once per files/size/zoom change.
 *  A folder whose share of the canvas is too small to show its files is laid out as one block
 *  without its children, so the cost follows what is visible, not the file count. Such blocks are
 *  folders in the layout with no `children` (zoom into them to see their files). */
export function layoutView(tree: FileTree, view: TreeNode, opts: LayoutOptions): LayoutNode {
  const steps = layoutViewSteps(tree, view, opts)
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

/** Nodes positioned between two pauses of layoutViewSteps. */
const LAYOUT_STEP = 150

/** layoutView as a generator that pauses every LAYOUT_STEP nodes, so a rebuilt treemap is laid out in
 *  time slices (one pass took 66 ms for the incident's 4,766 files, past the 50 ms long-task line).
 *  Places nodes exactly as d3's treemap() with squarify, paddingInner 1, paddingOuter 2 (0 at the
 *  root) and a label strip on top: the same pre-order walk, done here by hand so it can pause. */
export function* layoutViewSteps(
  tree: FileTree,
  view: TreeNode,
  opts: LayoutOptions,
): Generator<void, LayoutNode, void> {
  const floor = minWeight(tree, opts.sizeBy)
  const label = opts.labelHeight ?? 16
  const width = Math.max(1, opts.width)
  const height = Math.max(1, opts.height)
  const pxPerWeight = (width * height) / Math.max(1e-9, weightOf(view, opts.sizeBy, floor))
  // Open a folder only when its children could average about 2 × MIN_CELL² px² each (capped, so a
  // big folder of many files still opens): below that they would be specks between paddings.
  const open = (n: TreeNode) =>
    n.children !== null &&
    (n === view ||
      weightOf(n, opts.sizeBy, floor) * pxPerWeight >=
        Math.min(2 * MIN_CELL * MIN_CELL * n.children.length, 2000))
  const root = yield* hierarchySteps(view, open, (n) => (open(n) ? 0 : weightOf(n, opts.sizeBy, floor)))
  root.x0 = 0
  root.y0 = 0
  root.x1 = width
  root.y1 = height
  // Half the inner padding each child gives up, by depth (d3's paddingStack): a node reads the value
  // its parent set, which no node visited in between can have overwritten in a pre-order walk.
  const halfPad = [0]
  const stack: LayoutNode[] = [root]
  let n = 0
  while (stack.length > 0) {
    const node = stack.pop()!
    place(node, halfPad, label)
    const kids = node.children
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
    if (++n % LAYOUT_STEP === 0) yield
  }
  return root
}

/** d3's Node: layouts made here answer d3's methods (each, leaves, descendants) too. */
const D3Node = hierarchy.prototype.constructor as new (data: TreeNode) => LayoutNode

/** `hierarchy(view, open ? children : null).sum(value).sort(by value, then name)` as d3 makes it (the
 *  same nodes, depths, heights, values and child order) in steps of LAYOUT_STEP nodes: done in one go
 *  it was a 15–30 ms step of the incident's rebuild. */
function* hierarchySteps(
  view: TreeNode,
  open: (n: TreeNode) => boolean,
  value: (n: TreeNode) => number,
): Generator<void, LayoutNode, void> {
  const root = new D3Node(view)
  const order: LayoutNode[] = [] // pre-order, as d3's stack visits them
  const stack = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    order.push(node)
    const kids = open(node.data) ? node.data.children : null
    if (kids && kids.length > 0) {
      const made = new Array<LayoutNode>(kids.length)
      for (let i = kids.length - 1; i >= 0; i--) {
        const child = new D3Node(kids[i]!)
        child.parent = node
        ;(child as { depth: number }).depth = node.depth + 1
        made[i] = child
        stack.push(child)
      }
      node.children = made
    }
    if (order.length % LAYOUT_STEP === 0) yield
  }
  // Children before parents: heights and sums.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!
    let sum = +value(node.data) || 0
    let height = 0
    const kids = node.children ?? []
    // Last child first, as d3 adds them (floating-point sums depend on the order).
    for (let k = kids.length - 1; k >= 0; k--) {
      sum += kids[k]!.value!
      if (kids[k]!.height + 1 > height) height = kids[k]!.height + 1
    }
    ;(node as { value: number }).value = sum
    ;(node as { height: number }).height = height
    if (i % LAYOUT_STEP === 0) yield
  }
  for (let i = 0; i < order.length; i++) {
    order[i]!.children?.sort((a, b) => b.value! - a.value! || (a.data.name < b.data.name ? -1 : 1))
    if ((i + 1) % LAYOUT_STEP === 0) yield
  }
  return root
}

/** A folder gets a label strip when it is taller than this many strips and wider than
 *  STRIP_MIN_WIDTH px: smaller ones would give their files' pixels to headers nobody can read. */
const STRIP_ROWS = 2.5
const STRIP_MIN_WIDTH = 24

/** d3 treemap's positionNode for this layout's paddings. */
function place(node: LayoutNode, halfPad: number[], label: number): void {
  const p = halfPad[node.depth]!
  let x0 = node.x0 + p
  let y0 = node.y0 + p
  let x1 = node.x1 - p
  let y1 = node.y1 - p
  if (x1 < x0) x0 = x1 = (x0 + x1) / 2
  if (y1 < y0) y0 = y1 = (y0 + y1) / 2
  node.x0 = x0
  node.y0 = y0
  node.x1 = x1
  node.y1 = y1
  if (!node.children) return
  const inner = (halfPad[node.depth + 1] = 0.5)
  // A folder that is the only child of a folder with a header fills it without a header or border of
  // its own: the parent's header names the whole chain (`x.tgz › package`), so single-child chains
  // do not stack a strip per level.
  // (Its padding equals the inner one: its children fill it exactly.)
  const chained = node.depth > 1 && node.parent!.children!.length === 1
  const outer = node.depth === 0 ? 0 : chained ? inner : 2
  // A label strip only where the folder is tall and wide enough to keep room for its children.
  const top =
    node.depth === 0
      ? 0
      : chained
        ? inner
        : y1 - y0 > label * STRIP_ROWS && x1 - x0 > STRIP_MIN_WIDTH
          ? label
          : outer
  x0 += outer - inner
  y0 += top - inner
  x1 -= outer - inner
  y1 -= outer - inner
  if (x1 < x0) x0 = x1 = (x0 + x1) / 2
  if (y1 < y0) y0 = y1 = (y0 + y1) / 2
  treemapSquarify(node, x0, y0, x1, y1)
}

/** One child rectangle of the current view, as published in the treemap's `data-rects` (tests and the
 *  benchmark read it to click real rectangles). */
export interface RectInfo {
  name: string
  x: number
  y: number
  w: number
  h: number
  folder: boolean
  /** Bytes the rectangle stands for (a source map's own leaf: the map without its sources). */
  bytes: number
  /** Its size by the area measure it was laid out by. */
  size: number
}

/** The view root's direct children as plain rectangles (for tests and the keyboard). */
export function childRects(root: LayoutNode, sizeBy: SizeBy): RectInfo[] {
  return (root.children ?? []).map((c) => ({
    name: c.data.name,
    x: Math.round(c.x0),
    y: Math.round(c.y0),
    w: Math.round(c.x1 - c.x0),
    h: Math.round(c.y1 - c.y0),
    folder: c.data.children !== null,
    bytes: sizeOf(c.data, 'bytes'),
    size: sizeOf(c.data, sizeBy),
  }))
}

const inside = (n: LayoutNode, x: number, y: number) => x >= n.x0 && x < n.x1 && y >= n.y0 && y < n.y1
const big = (n: LayoutNode) => n.x1 - n.x0 >= MIN_CELL && n.y1 - n.y0 >= MIN_CELL

/** The deepest drawn node under (x, y): descends only into nodes drawn with their children. A folder
 *  laid out as one block comes back as itself (check `data.children`, not `children`). */
export function hitTest(root: LayoutNode, x: number, y: number): LayoutNode | null {
  if (!inside(root, x, y)) return null
  let node = root
  for (;;) {
    if (!node.children || !big(node)) return node
    const next = node.children.find((c) => inside(c, x, y))
    if (!next) return node // on the folder's label strip or padding
    node = next
  }
}

export type Direction = 'left' | 'right' | 'up' | 'down'

/** The sibling nearest to `from` in `dir` (by centre distance, favouring alignment), or null. */
export function neighbour(from: LayoutNode, dir: Direction): LayoutNode | null {
  const siblings = from.parent?.children ?? []
  const cx = (from.x0 + from.x1) / 2
  const cy = (from.y0 + from.y1) / 2
  let best: LayoutNode | null = null
  let bestScore = Infinity
  for (const s of siblings) {
    if (s === from) continue
    const sx = (s.x0 + s.x1) / 2
    const sy = (s.y0 + s.y1) / 2
    const dx = sx - cx
    const dy = sy - cy
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy
    const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx)
    if (along <= 0) continue
    const score = along + across * 2
    if (score < bestScore) {
      bestScore = score
      best = s
    }
  }
  return best
}

/** The deepest folder of the chain of single sub-folders that starts at `node` (drawn as one box under
 *  one header: a click on it zooms to where the chain ends). The chain stops above a folded node, so
 *  the box that says folders were folded is seen before it is entered. */
export function chainEnd(node: LayoutNode): LayoutNode {
  let end = node
  while (end.children?.length === 1 && end.children[0]!.data.children && !end.children[0]!.data.folded)
    end = end.children[0]!
  return end
}

/** Names from the tree root down to `node` (the zoom path of a folder). */
export function namesTo(node: LayoutNode, base: readonly string[]): string[] {
  const names: string[] = []
  for (let n: LayoutNode | null = node; n && n.depth > 0; n = n.parent) names.push(n.data.name)
  return [...base, ...names.reverse()]
}
