// The treemap's imperative side, tying its parts together: the tree builder (builder.ts) rebuilds
// while batches stream in, the layout is made once per data/size/zoom change, the painter
// (painter.ts) draws it, and this class answers pointer and keyboard input, zooms and publishes its
// state. Treemap.svelte renders the DOM around it.
import type { ExposedFile, Finding, Kind } from '../../core/report/model'
import { existingPrefix, findNode, type FileTree, type SizeBy } from './tree'
import {
  chainEnd,
  childRects,
  hitTest,
  layoutView,
  layoutViewSteps,
  namesTo,
  neighbour,
  type Direction,
  type LayoutNode,
} from './layout'
import { DARK, LIGHT, type Theme } from './colors'
import { colorMode, NO_DATA, type AreaData } from './modes'
import { canPaintBands, LABEL_HEIGHT, mappingFor, type Mapping } from './draw'
import type { DiffStatus } from './types'
import { marksOf, type Marks } from './marks'
import { describeNode } from './describe'
import { nodeAt, nodeByTrail, trailOf } from './trail'
import { sameKey, TreeBuilder, type Filter, type LayoutKey, type Prepared } from './builder'
import { Painter } from './painter'
import { runSliced } from './slices'

export interface ViewState {
  state: 'empty' | 'ready'
  /** Leaf files in the current (zoomed) layout. */
  leaves: number
  zoom: string[]
  /** The view's direct children as rectangles (JSON), so tests can click a known folder. */
  rects: string
  kinds: ReadonlySet<Kind>
  /** Files of the whole tree whose folders went past MAX_FOLDER_DEPTH (shown in a folded node). */
  folded: number
  /** Bytes the whole tree weighs: the artifact's inflated size, a map's sources counted once. */
  bytes: number
}

export interface ViewCallbacks {
  onstate: (state: ViewState) => void
  /** Tooltip lines (plain text) at a position in CSS px, or null to hide it. */
  onhover: (hover: { x: number; y: number; lines: string[] } | null) => void
  onopen: (file: ExposedFile) => void
  /** Text for the screen-reader live region when the keyboard focus moves. */
  onannounce: (text: string) => void
  /** Set `ee:treemap-painted` when new data is first painted (default true). */
  measured?: boolean
}

const DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
}

/** The layout of `tree` for `key` (its zoom, size and measure) in time slices; null when `stale()`
 *  turns true first (a zoom, a new tree or another size laid the map out itself). */
async function layoutSliced(
  tree: FileTree,
  key: LayoutKey,
  stale: () => boolean,
): Promise<LayoutNode | null> {
  const view = findNode(tree, key.zoom) ?? tree.root
  const done = await runSliced(layoutViewSteps(tree, view, key), stale)
  return done && !stale() ? done.value : null
}

const isPrefix = (a: readonly string[], b: readonly string[]) =>
  a.length < b.length && a.every((n, i) => n === b[i])

export class TreemapView {
  #cb: ViewCallbacks
  #builder: TreeBuilder
  #painter: Painter
  #tree: FileTree | null = null
  #kinds = new Set<Kind>()
  #findings: readonly Finding[] = []
  #marks: Marks | null = null
  #diff: ReadonlyMap<number, DiffStatus> | undefined
  #sizeBy: SizeBy = 'bytes'
  #colorBy = 'kind'
  #theme: Theme = LIGHT
  #colors = new Map()
  #zoom: string[] = []
  #layout: LayoutNode | null = null
  #hover: LayoutNode | null = null
  #focus: LayoutNode | null = null
  /** Last pointer position over the map: the tooltip comes back there when a zoom animation ends. */
  #pointer: { x: number; y: number } | null = null
  #marked: readonly ExposedFile[] | null = null

  constructor(cb: ViewCallbacks) {
    this.#cb = cb
    this.#builder = new TreeBuilder({
      keyFor: (zoom) => this.#layoutKey(zoom),
      zoom: () => this.#zoom,
      built: (prepared) => this.#apply(prepared),
      refreshed: (tree) => {
        this.#kinds = tree.kinds
        this.#marks = null
        this.#emit()
        this.#recolor()
      },
    })
    this.#painter = new Painter({
      layout: () => this.#layout,
      style: () => ({
        colorBy: this.#colorBy,
        marks: this.#getMarks(),
        theme: this.#theme,
        colors: this.#colors,
        sizeBy: this.#sizeBy,
        total: this.#tree ? this.#tree.root.sum.size : [],
      }),
      outlines: () => ({ hover: this.#hover, focus: this.#focus }),
      painted: () => this.#painted(),
      settled: () => this.#pointer && this.pointerMove(this.#pointer.x, this.#pointer.y),
    })
  }

  attach(canvas: HTMLCanvasElement, overlay: HTMLCanvasElement) {
    this.#painter.attach(canvas, overlay)
  }

  destroy() {
    this.#painter.destroy()
    this.#builder.destroy()
  }

  resize(width: number, height: number, dpr: number) {
    // A drawn map keeps its picture (stretched) while the new size is laid out in slices and painted
    // in bands: 200,000 files took a task of 450 ms when the report's brief resized the map.
    const tree = this.#painter.width > 0 && canPaintBands() ? this.#tree : null
    if (!this.#painter.resize(width, height, dpr, tree !== null)) return
    if (tree) return this.#relayoutSliced(tree)
    this.#relayout()
    // The published state follows the layout: a build that finished before the canvas had a size
    // (the compare page mounts the map with its data) is first laid out here.
    this.#emit()
    // Paint now, not next frame: the backing store was just cleared by the size change.
    this.#painter.now()
  }

  setData(files: readonly ExposedFile[], filter: Filter, data: AreaData = NO_DATA) {
    this.#builder.setData(files, filter, data)
  }

  setFindings(findings: readonly Finding[]) {
    if (findings === this.#findings) return
    this.#findings = findings
    this.#marks = null
    if (colorMode(this.#colorBy).usesFindings) this.#recolor()
  }

  setMode(sizeBy: SizeBy, colorBy: string, diff: ReadonlyMap<number, DiffStatus> | undefined) {
    const relayout = sizeBy !== this.#sizeBy
    const recolor = colorBy !== this.#colorBy || diff !== this.#diff
    this.#sizeBy = sizeBy
    this.#colorBy = colorBy
    if (diff !== this.#diff) this.#marks = null
    this.#diff = diff
    if (relayout) {
      this.#relayout()
      this.#emit()
    }
    if (recolor || relayout) this.#recolor()
  }

  setTheme(dark: boolean) {
    this.#theme = dark ? DARK : LIGHT
    this.#recolor()
  }

  get theme(): Theme {
    return this.#theme
  }

  get zoom(): readonly string[] {
    return this.#zoom
  }

  /** Zooms to a folder path (names from the root), animating from where it is drawn now. */
  zoomTo(path: readonly string[]) {
    if (!this.#tree || !this.#layout) return
    const target = existingPrefix(this.#tree, path)
    const old = this.#zoom
    const oldLayout = this.#layout
    if (target.join('\u0000') === old.join('\u0000')) return
    this.#zoom = target
    this.#relayout()
    const layout = this.#layout!
    const { width, height } = this.#painter
    let from: Mapping | null = null
    if (isPrefix(old, target)) {
      // Zoom in: the new view starts where its folder was drawn in the old view.
      const o = nodeAt(oldLayout, target.slice(old.length))
      if (o) from = { sx: (o.x1 - o.x0) / width, sy: (o.y1 - o.y0) / height, tx: o.x0, ty: o.y0 }
    } else if (isPrefix(target, old)) {
      // Zoom out: start with the folder we leave filling the canvas.
      const n = nodeAt(layout, old.slice(target.length))
      if (n) from = mappingFor(n.x0, n.y0, n.x1, n.y1, width, height)
    }
    this.#focus = null
    this.#hover = null
    this.#cb.onhover(null)
    this.#emit()
    this.#painter.animate(from)
  }

  pointerMove(x: number, y: number) {
    this.#pointer = { x, y }
    if (this.#painter.animating || !this.#layout) return
    const hit = hitTest(this.#layout, x, y)
    const node = hit && hit.depth > 0 ? hit : null
    if (node !== this.#hover) {
      this.#hover = node
      this.#painter.overlay()
    }
    this.#cb.onhover(node ? { x, y, lines: this.#describe(node) } : null)
  }

  pointerLeave() {
    this.#pointer = null
    this.#hover = null
    this.#painter.overlay()
    this.#cb.onhover(null)
  }

  click(x: number, y: number) {
    if (!this.#layout) return
    this.#painter.finishAnimation()
    const hit = hitTest(this.#layout, x, y)
    if (!hit || hit.depth === 0) return
    this.#activate(hit, false)
  }

  /** Keyboard on the focused canvas. Returns true when the key was used. */
  key(key: string): boolean {
    const layout = this.#layout
    if (!layout) return false
    const dir = DIRECTIONS[key]
    if (dir) {
      this.#painter.finishAnimation()
      const next = this.#focus ? neighbour(this.#focus, dir) : (layout.children?.[0] ?? null)
      if (next) this.#setFocus(next)
      return true
    }
    if ((key === 'Enter' || key === ' ') && this.#focus) {
      this.#activate(this.#focus, true)
      return true
    }
    if (key === 'Escape' && this.#zoom.length > 0) {
      const left = this.#zoom
      this.zoomTo(left.slice(0, -1))
      const back = nodeAt(this.#layout!, left.slice(-1))
      if (back) this.#setFocus(back)
      return true
    }
    return false
  }

  /** Keyboard focus left the canvas. */
  blur() {
    this.#focus = null
    this.#painter.overlay()
  }

  #activate(node: LayoutNode, keyboard: boolean) {
    if (node.data.children) {
      this.zoomTo(namesTo(chainEnd(node), this.#zoom))
      const first = this.#layout?.children?.[0]
      if (first && keyboard) this.#setFocus(first)
    } else if (node.data.file) this.#cb.onopen(node.data.file)
  }

  #setFocus(node: LayoutNode) {
    this.#focus = node
    this.#painter.overlay()
    this.#cb.onannounce(this.#describe(node).join('. '))
  }

  #layoutKey(zoom: string[]): LayoutKey {
    const { width, height } = this.#painter
    return { zoom, width, height, sizeBy: this.#sizeBy, labelHeight: LABEL_HEIGHT }
  }

  #apply({ tree, layout, key }: Pick<Prepared, 'tree' | 'layout' | 'key'>) {
    this.#tree = tree
    this.#kinds = tree.kinds
    this.#zoom = existingPrefix(tree, this.#zoom)
    this.#marks = null
    // Laid out in the build's slices unless the size, zoom or measure changed meanwhile.
    if (layout && sameKey(key, this.#layoutKey(this.#zoom))) this.#setLayout(layout)
    else this.#relayout()
    this.#emit()
    this.#recolor()
    // The tooltip follows the new layout (it names another rectangle, or none on an emptied map).
    if (this.#pointer) this.pointerMove(this.#pointer.x, this.#pointer.y)
  }

  #relayout() {
    const { width, height } = this.#painter
    if (!this.#tree || width === 0 || height === 0) return
    const view = findNode(this.#tree, this.#zoom) ?? this.#tree.root
    this.#setLayout(layoutView(this.#tree, view, this.#layoutKey(this.#zoom)))
  }

  /** #relayout in time slices, then a banded repaint (dropped if made stale meanwhile). */
  #relayoutSliced(tree: FileTree) {
    const key = this.#layoutKey(this.#zoom)
    const stale = () => this.#tree !== tree || !sameKey(key, this.#layoutKey(this.#zoom))
    void layoutSliced(tree, key, stale).then((layout) => layout && this.#apply({ tree, layout, key }))
  }

  /** Every new layout comes in here. Nodes of the old one are stale: the keyboard focus moves to the
   *  same rectangle in the new one when it still exists (a rebuild while files stream in, the final
   *  report, a resize: a person arrowing through the map keeps their place; a zoom clears it after),
   *  and the hover comes back with the next pointer move. */
  #setLayout(layout: LayoutNode) {
    const focused = this.#focus && trailOf(this.#focus)
    this.#colors.clear()
    this.#layout = layout
    this.#focus = focused && focused.length > 0 ? nodeByTrail(layout, focused) : null
    if (this.#hover) {
      // The rectangle under the pointer may be gone (a filter emptied the map): no stale tooltip.
      this.#hover = null
      this.#cb.onhover(null)
    }
  }

  #emit() {
    const leaves = this.#layout?.data.leaves ?? 0
    this.#cb.onstate({
      state: leaves > 0 ? 'ready' : 'empty',
      leaves,
      zoom: [...this.#zoom],
      rects: JSON.stringify(this.#layout ? childRects(this.#layout, this.#sizeBy).slice(0, 200) : []),
      kinds: this.#kinds,
      folded: this.#tree?.folded ?? 0,
      bytes: this.#tree?.totalBytes ?? 0,
    })
  }

  #recolor() {
    this.#colors.clear()
    this.#painter.request()
  }

  /** After the map was painted: the benchmark's mark for new data. */
  #painted() {
    const built = this.#builder.builtFiles
    if (built && built !== this.#marked && (this.#layout?.data.leaves ?? 0) > 0) {
      this.#marked = built
      if (this.#cb.measured !== false) performance.mark('ee:treemap-painted')
    }
  }

  #getMarks(): Marks {
    return (this.#marks ??= marksOf(this.#findings, this.#builder.files, this.#diff))
  }

  #describe(n: LayoutNode): string[] {
    return describeNode(n, {
      zoom: this.#zoom,
      marks: this.#getMarks(),
      totalBytes: this.#tree?.totalBytes ?? 0,
      sizeBy: this.#sizeBy,
    })
  }
}
