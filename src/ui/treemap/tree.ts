// The exposed-file hierarchy the treemap draws. Pure (no DOM) so it is unit-tested in Node and cheap
// enough for 200,000 files: one pass over the files with a Map per folder, then one pass to turn the
// Maps into arrays for d3-hierarchy. Both passes are a generator that pauses every STEP files, so the
// page can build in time slices (slices.ts) and never hold the main thread for the whole build.
//
// Nesting: a file's origin chain comes first, then its own path; every chain element and path is split
// on '/', so `x.tgz › package/cli.js.map › src/a.ts` lands at x.tgz/package/cli.js.map/src/a.ts and the
// map's reconstructed sources nest under the map's node, next to the bundle in `package/`.
//
// Bytes are counted once: a source map (or a bundle carrying its map inline) holds its sources' text,
// and those sources are drawn as its children, so the container's own leaf weighs only its overhead,
// the file's bytes minus the bytes of the sources it holds (at least 0). The tree's byte total is then
// the artifact's inflated size. Its lines are its own (a map has few).
//
// Depth: an archive can hold a path of thousands of folders (a 300-byte tarball holds one of 5,000).
// Every walk here is a loop with its own stack, never a recursion per level, and a tree is at most
// MAX_FOLDER_DEPTH folders deep: the folders below that level are folded into one node named
// FOLDED_NAME, marked `folded`, and the tree counts the files in such nodes so the page can say so.
import type { ContainerType, ExposedFile, Kind } from '../../core/report/model'
import { AREA_MODES, areaIndex, NO_DATA, type AreaData } from './modes'

export interface TreeNode {
  /** Segment name as shown (a folder, an archive, a map, or a file name). */
  name: string
  /** The exposed file for a leaf; null for folders and containers. */
  file: ExposedFile | null
  /** null for leaves. */
  children: TreeNode[] | null
  /** Set on nodes that are containers: an archive or map (type known from its file), or an origin
   *  element that has no exposed file of its own (the dropped input) = 'input'. */
  container?: ContainerType | 'input'
  /** A leaf that stands for the container file itself (the map's own bytes next to its sources). For
   *  a source map its `sum.bytes` is the overhead (see OVERHEAD_SUFFIX), `file.bytes` the whole file. */
  self?: boolean
  /** Number of leaf files below (1 for a leaf). */
  leaves: number
  /** Totals below, and how many leaves below are empty by each measure (they get a floor weight):
   *  lets the layout weigh a whole subtree without visiting it. */
  sum: Sums
  /** Most common kind below (by leaf count): colours a subtree too small to descend into. */
  kind: Kind
  /** Set on the node that holds what lies deeper than MAX_FOLDER_DEPTH folders (see FOLDED_NAME). */
  folded?: true
}

/** Per area mode (in the order of AREA_MODES): the size below, and how many leaves below have
 *  size 0 by that measure. */
export interface Sums {
  size: number[]
  empty: number[]
}

export interface FileTree {
  root: TreeNode
  leaves: number
  /** Bytes the leaves weigh (sources counted once: the artifact's inflated size). */
  totalBytes: number
  /** Kinds of the files in the tree (for the legend). */
  kinds: Set<Kind>
  /** Files whose folders went deeper than MAX_FOLDER_DEPTH: they sit in a FOLDED_NAME node. */
  folded: number
}

/** Folders shown above a file at most. Far more than any real tree, and small enough that the
 *  recursive steps of drawing (d3's squarify on each level, the paint's descent) stay shallow. */
export const MAX_FOLDER_DEPTH = 256

/** Name of the node that holds the files of a deeper path, all its deeper folders folded into it. */
export const FOLDED_NAME = `… folders past ${MAX_FOLDER_DEPTH} levels, folded`

/** An area mode's id (modes/). */
export type SizeBy = string

/** Appended to the name of a source map's own leaf, which weighs the map without its sources (its
 *  container node carries the plain name). */
export const OVERHEAD_SUFFIX = ' (without its sources)'

/** The key of the container a file sits in directly (its origin chain), and of a file as a container. */
const chainKey = (origin: readonly string[]) => origin.join('\u0000')
const containerKey = (file: ExposedFile) => chainKey([...file.origin, file.path])

interface BuildNode {
  name: string
  /** Sub-folders and containers by name. */
  kids: Map<string, BuildNode> | null
  /** Files directly in this folder (an array, not a Map: duplicates stay, and pushes are cheap). */
  files: ExposedFile[] | null
  container: ContainerType | 'input' | undefined
  /** Depth below the root (the root is 0). */
  depth: number
}

const newNode = (name: string, depth: number): BuildNode => ({
  name,
  kids: null,
  files: null,
  container: undefined,
  depth,
})

function segments(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.')
  return parts.length > 0 ? parts : [path === '' ? '(unnamed)' : path]
}

function child(parent: BuildNode, name: string): BuildNode {
  parent.kids ??= new Map()
  let node = parent.kids.get(name)
  if (!node) {
    node = newNode(name, parent.depth + 1)
    parent.kids.set(name, node)
  }
  return node
}

/** The folder `name` below `parent`, or past MAX_FOLDER_DEPTH the folded node (which holds every
 *  deeper folder of its parent's: a folded node's own segments are not descended into). */
function descend(parent: BuildNode, name: string): BuildNode {
  if (parent.depth > MAX_FOLDER_DEPTH) return parent
  return child(parent, parent.depth < MAX_FOLDER_DEPTH ? name : FOLDED_NAME)
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1) || '(unnamed)'

/** Files handled between two pauses of buildTreeSteps: small enough that a step takes well under a
 *  millisecond, large enough that pausing costs nothing measurable. */
const STEP = 256

/** Builds the hierarchy of `files` (those passing `filter`). O(total path segments). */
export function buildTree(
  files: readonly ExposedFile[],
  filter?: ((file: ExposedFile) => boolean) | null,
  data: AreaData = NO_DATA,
): FileTree {
  const steps = buildTreeSteps(files, filter, data)
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

/** buildTree as a generator: yields (nothing) every STEP files or leaves and returns the tree. The
 *  caller decides how many steps fit in a slice. `files` must not change until it returns. */
export function* buildTreeSteps(
  files: readonly ExposedFile[],
  filter?: ((file: ExposedFile) => boolean) | null,
  /** What the area modes that need more than the files were given. */
  data: AreaData = NO_DATA,
): Generator<void, FileTree, void> {
  const root = newNode('', 0)
  // Origin chains and folders repeat for thousands of files: cache the node each distinct
  // chain + folder ends at, so most files cost one Map lookup.
  const folderEnd = new Map<string, BuildNode>()
  const stats = { leaves: 0, folded: 0 }
  const kinds = new Set<Kind>()
  // Bytes of the files each container holds directly, filtered or not: a map's overhead does not
  // grow when a filter hides some of its sources.
  const held = new Map<string, number>()
  let i = 0
  for (const file of files) {
    if (++i % STEP === 0) yield
    const chain = chainKey(file.origin)
    if (file.origin.length > 0) held.set(chain, (held.get(chain) ?? 0) + file.bytes)
    if (filter && !filter(file)) continue
    const slash = file.path.lastIndexOf('/')
    const folderKey = chain + '\u0001' + (slash < 0 ? '' : file.path.slice(0, slash))
    let node = folderEnd.get(folderKey)
    if (!node) {
      node = root
      for (const element of file.origin) {
        for (const seg of segments(element)) node = descend(node, seg)
        if (node.depth <= MAX_FOLDER_DEPTH) node.container ??= 'input'
      }
      if (slash > 0) for (const seg of segments(file.path.slice(0, slash))) node = descend(node, seg)
      folderEnd.set(folderKey, node)
    }
    ;(node.files ??= []).push(file)
    if (node.depth > MAX_FOLDER_DEPTH) stats.folded++
    kinds.add(file.kind)
    stats.leaves++
  }
  const tree = yield* finish(root, (file, self) =>
    leaf(file, self, self ? ownBytes(file, held) : file.bytes, data),
  )
  // Sources counted once: the total is what the leaves weigh, not the files' own sizes.
  return { root: tree, ...stats, totalBytes: sizeOf(tree, 'bytes'), kinds }
}

/** Bytes a container file's own leaf weighs: a source map's without the sources drawn below it. */
function ownBytes(file: ExposedFile, held: ReadonlyMap<string, number>): number {
  if (file.container !== 'source-map') return file.bytes
  return Math.max(0, file.bytes - (held.get(containerKey(file)) ?? 0))
}

type MakeLeaf = (file: ExposedFile, self: boolean) => TreeNode

const leaf = (file: ExposedFile, self: boolean, bytes: number, data: AreaData): TreeNode => {
  const size = AREA_MODES.map((m) => m.size(file, bytes, data))
  const sum = { size, empty: size.map((v) => (v === 0 ? 1 : 0)) }
  const name = baseName(file.path) + (self && bytes !== file.bytes ? OVERHEAD_SUFFIX : '')
  const node: TreeNode = { name, file, children: null, leaves: 1, sum, kind: file.kind }
  if (self) node.self = true
  return node
}

/** A folder being finished: its children so far, the files that are containers of a sub-folder
 *  (see open), and the sub-folders still to finish. */
interface Frame {
  node: BuildNode
  children: TreeNode[]
  selves: Map<string, ExposedFile[]>
  kids: Iterator<BuildNode>
}

/** Turns the build tree into TreeNodes, children before parents, with an explicit stack (a path can
 *  be far deeper than the call stack). Pauses every STEP leaves made, however the files spread. */
function* finish(root: BuildNode, makeLeaf: MakeLeaf): Generator<void, TreeNode, void> {
  const count = { n: 0 }
  const stack: Frame[] = [yield* open(root, count, makeLeaf)]
  for (;;) {
    const top = stack[stack.length - 1]!
    const next = top.kids.next()
    if (!next.done) {
      stack.push(yield* open(next.value, count, makeLeaf))
      continue
    }
    stack.pop()
    const folder = close(top)
    const parent = stack[stack.length - 1]
    if (!parent) return folder
    for (const file of parent.selves.get(top.node.name) ?? []) {
      const self = makeLeaf(file, true)
      folder.children!.push(self)
      folder.leaves++
      addSums(folder.sum, self.sum)
    }
    parent.children.push(folder)
  }
}

/** Starts a folder: its files become leaves, except a file whose name is also a folder here, which
 *  is a container (a map and its sources): its own bytes become one more child of that folder
 *  (added when the folder is finished), so every exposed file stays one leaf. */
function* open(node: BuildNode, count: { n: number }, makeLeaf: MakeLeaf): Generator<void, Frame, void> {
  const children: TreeNode[] = []
  const selves = new Map<string, ExposedFile[]>()
  for (const file of node.files ?? []) {
    if (++count.n % STEP === 0) yield
    const kid = node.kids?.get(baseName(file.path))
    if (kid) {
      kid.container = file.container ?? kid.container
      const list = selves.get(kid.name)
      if (list) list.push(file)
      else selves.set(kid.name, [file])
    } else children.push(makeLeaf(file, false))
  }
  return { node, children, selves, kids: (node.kids ?? new Map<string, BuildNode>()).values() }
}

/** A folder's TreeNode once all its children are made. */
function close({ node, children }: Frame): TreeNode {
  let leaves = 0
  const sum: Sums = { size: AREA_MODES.map(() => 0), empty: AREA_MODES.map(() => 0) }
  for (const c of children) {
    leaves += c.leaves
    addSums(sum, c.sum)
  }
  const out: TreeNode = { name: node.name, file: null, children, leaves, sum, kind: dominantKind(children) }
  if (node.container) out.container = node.container
  if (node.depth > MAX_FOLDER_DEPTH) out.folded = true
  return out
}

function addSums(into: Sums, add: Sums) {
  for (let m = 0; m < into.size.length; m++) {
    into.size[m]! += add.size[m] ?? 0
    into.empty[m]! += add.empty[m] ?? 0
  }
}

/** A node's size by one area mode (bytes for a source map's own leaf: without its sources). */
export function sizeOf(node: TreeNode, sizeBy: SizeBy): number {
  return node.sum.size[areaIndex(sizeBy)] ?? 0
}

function dominantKind(children: TreeNode[]): Kind {
  const weight = new Map<Kind, number>()
  for (const c of children) weight.set(c.kind, (weight.get(c.kind) ?? 0) + c.leaves)
  let best: Kind = children[0]?.kind ?? 'other'
  for (const [kind, w] of weight) if (w > (weight.get(best) ?? 0)) best = kind
  return best
}

/** Whether `next` differs from the files `tree` was built from only in what colours a rectangle
 *  (kind, map resolution): same files in the same order, same names, places and sizes. The final
 *  report settles kinds after the files streamed in; then refreshKinds replaces a full rebuild. */
export function sameShape(built: readonly ExposedFile[], next: readonly ExposedFile[]): boolean {
  if (built.length !== next.length) return false
  for (let i = 0; i < built.length; i++) {
    const a = built[i]
    const b = next[i]
    if (a === b) continue
    if (a.id !== b.id || a.path !== b.path || a.bytes !== b.bytes || a.lines !== b.lines) return false
    if (a.container !== b.container || a.origin.length !== b.origin.length) return false
    for (let j = 0; j < a.origin.length; j++) if (a.origin[j] !== b.origin[j]) return false
  }
  return true
}

/** Points the leaves of `tree` (built from files of the same shape, see sameShape) at `next`, and
 *  recomputes every folder's dominant kind and the tree's kinds, in place. A generator like
 *  buildTreeSteps, so a 200,000-file tree is refreshed in time slices. */
export function* refreshKinds(tree: FileTree, next: readonly ExposedFile[]): Generator<void, void, void> {
  // Ids are positions in the report; a lookup table only if some file breaks that.
  const positional = next.every((file, i) => file.id === i)
  const byId = positional ? null : new Map(next.map((file) => [file.id, file]))
  tree.kinds = new Set()
  // Post-order without recursion: a folder's kind needs its children's first.
  const stack: { node: TreeNode; done: boolean }[] = [{ node: tree.root, done: false }]
  let n = 0
  while (stack.length > 0) {
    const top = stack.pop()!
    const node = top.node
    if (++n % STEP === 0) yield
    if (node.file) {
      node.file = (byId ? byId.get(node.file.id) : next[node.file.id]) ?? node.file
      node.kind = node.file.kind
      tree.kinds.add(node.kind)
    } else if (node.children && !top.done) {
      stack.push({ node, done: true })
      for (const c of node.children) stack.push({ node: c, done: false })
    } else if (node.children) node.kind = dominantKind(node.children)
  }
}

/** The zoom path (segment names from the root) of the folder that holds `file`. */
export function folderPathOf(file: ExposedFile): string[] {
  const path: string[] = []
  for (const element of file.origin) path.push(...segments(element))
  const slash = file.path.lastIndexOf('/')
  if (slash > 0) path.push(...segments(file.path.slice(0, slash)))
  return path
}

/** The node at `path` (segment names from the root), or null when it no longer exists. */
export function findNode(tree: FileTree, path: readonly string[]): TreeNode | null {
  let node: TreeNode = tree.root
  for (const name of path) {
    const next = node.children?.find((c) => c.name === name && !c.self)
    if (!next) return null
    node = next
  }
  return node
}

/** The longest prefix of `path` that still names a folder of `tree` (zoom survives a rebuild). */
export function existingPrefix(tree: FileTree, path: readonly string[]): string[] {
  const out: string[] = []
  let node: TreeNode = tree.root
  for (const name of path) {
    const next = node.children?.find((c) => c.name === name && !c.self && c.children)
    if (!next) break
    out.push(name)
    node = next
  }
  return out
}

/** Weight of an empty file (a source known only by name): a tenth of the average non-empty file, so
 *  names-only sources still show without dwarfing real content. Non-empty files weigh their size. */
export function minWeight(tree: FileTree, sizeBy: SizeBy): number {
  const m = areaIndex(sizeBy)
  const total = tree.root.sum.size[m] ?? 0
  const sized = tree.root.leaves - (tree.root.sum.empty[m] ?? 0)
  return sized === 0 ? 1 : Math.max(1, total / sized / 10)
}

/** Weight of a whole subtree: its size plus the floor for each empty file in it. */
export function weightOf(node: TreeNode, sizeBy: SizeBy, floor: number): number {
  const m = areaIndex(sizeBy)
  return (node.sum.size[m] ?? 0) + (node.sum.empty[m] ?? 0) * floor
}
