// The most alarming mark among a subtree's files (rank 0 is the worst), for colour modes that
// colour a block of many files by its worst member.
import type { TreeNode } from '../tree'

export function worstBelow<T extends string>(
  node: TreeNode,
  get: (id: number) => T | undefined,
  rank: Record<T, number>,
): T | undefined {
  let best: T | undefined
  const stack = [node]
  while (stack.length > 0) {
    const n = stack.pop()!
    if (n.children) {
      for (const c of n.children) stack.push(c)
      continue
    }
    const s = get(n.file!.id)
    if (s !== undefined && (best === undefined || rank[s] < rank[best])) best = s
    if (best !== undefined && rank[best] === 0) break
  }
  return best
}
