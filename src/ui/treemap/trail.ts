// Finding a rectangle again in another layout of the same view (a rebuild while files stream in,
// a resize): a node is named by its trail of names below the layout root.
import type { LayoutNode } from './layout'

/** Each step's name and whether it is the container's own leaf. */
export type Trail = { name: string; self: boolean }[]

export function trailOf(node: LayoutNode): Trail {
  const trail: Trail = []
  for (let n: LayoutNode | null = node; n && n.depth > 0; n = n.parent)
    trail.push({ name: n.data.name, self: n.data.self === true })
  return trail.reverse()
}

export function nodeByTrail(root: LayoutNode, trail: Trail): LayoutNode | null {
  let n: LayoutNode | undefined = root
  for (const step of trail) {
    n = n.children?.find((c) => c.data.name === step.name && (c.data.self === true) === step.self)
    if (!n) return null
  }
  return n
}

/** The layout node at `names` below `root` (never a container's own leaf). */
export const nodeAt = (root: LayoutNode, names: readonly string[]): LayoutNode | null =>
  nodeByTrail(
    root,
    names.map((name) => ({ name, self: false })),
  )
