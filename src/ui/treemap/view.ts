// The treemap's imperative side: owns the two canvases (the map and an overlay for hover/focus
// outlines, so a mouse move never repaints 200,000 files), rebuilds the tree at most every 400 ms
// (longer when a build is slow) while batches stream in, in time slices so no build is one long task
// (issue 5), lays out once per data/size/zoom change,
// animates zooms and answers pointer and keyboard input. Treemap.svelte renders the DOM around it.
import type { ExposedFile, Finding, Kind, Severity, SeverityCounts } from '../../core/report/model'
import { emptySeverityCounts, SEVERITIES } from '../../core/report/model'
import { formatBytes } from '../../core/report/present'
import {
  buildTreeSteps,
  existingPrefix,
  findNode,
  refreshKinds,
  sameShape,
  type FileTree,
  type SizeBy,
  type TreeNode,
} from './tree'
import {
  childRects,
  hitTest,
  layoutView,
  layoutViewSteps,
  namesTo,
  neighbour,
  type Direction,
  type LayoutNode,
} from './layout'
import { DARK, KIND_LABELS, LIGHT, type ColorBy, type FileMarks, type Theme } from './colors'
import {
  canPaintBands,
  dropBands,
  IDENTITY,
  LABEL_HEIGHT,
  LabelFitter,
  mappingFor,
  outline,
  paint,
  paintBands,
  showBands,
  type Band,
  type Mapping,
  type PaintStyle,
} from './draw'
import type { DiffStatus } from './types'
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

/** Rebuilds while files stream in come at most this often, and at least REBUILD_FACTOR × the last
 *  build's cost apart: on 2 cores every ms the page spends rebuilding is taken from the worker. */
const MIN_REBUILD_MS = 400
const REBUILD_FACTOR = 5

/** What a layout was made for: it is reused only while all of these still hold. */
interface LayoutKey {
  zoom: string[]
  width: number
  height: number
  sizeBy: SizeBy
}

/** A build's result: the tree and, when the canvas had a size, its layout for `key`. */
interface Prepared {
  tree: FileTree
  layout: LayoutNode | null
  key: LayoutKey
}
const ZOOM_MS = 320
const ease = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2)
const lerp = (a: number, b: number, t: number) => a + (b - a) * t

export class TreemapView {
  #cb: ViewCallbacks
  #canvas: HTMLCanvasElement | null = null
  #overlay: HTMLCanvasElement | null = null
  #ctx: CanvasRenderingContext2D | null = null
  #octx: CanvasRenderingContext2D | null = null
  #labels: LabelFitter | null = null
  #width = 0
  #height = 0
  #dpr = 1

  #files: readonly ExposedFile[] = []
  #filter: ((f: ExposedFile) => boolean) | null = null
  #built: { files: readonly ExposedFile[]; filter: unknown } | null = null
  #tree: FileTree | null = null
  #kinds = new Set<Kind>()
  #findings: readonly Finding[] = []
  #marks: (FileMarks & { counts: Map<number, SeverityCounts> }) | null = null
  #diff: ReadonlyMap<number, DiffStatus> | undefined
  #sizeBy: SizeBy = 'bytes'
  #colorBy: ColorBy = 'kind'
  #theme: Theme = LIGHT
  #colors = new Map<TreeNode, string>()

  #zoom: string[] = []
  #layout: LayoutNode | null = null
  #map: Mapping = IDENTITY
  #anim: { from: Mapping; start: number } | null = null
  #hover: LayoutNode | null = null
  #focus: LayoutNode | null = null
  #frame = 0
  #buildTimer: ReturnType<typeof setTimeout> | null = null
  #lastBuild = -Infinity
  #buildCost = 0
  /** Bumped to abandon a build that is running in slices. */
  #buildId = 0
  #building: { filter: unknown } | null = null
  #marked: readonly ExposedFile[] | null = null
  /** Last pointer position over the map: the tooltip comes back there when a zoom animation ends. */
  #pointer: { x: number; y: number } | null = null
  /** The overlay canvas holds nothing (cleared by a size change, or by the last paint). */
  #overlayClear = true
  /** The banded repaint in progress (a newer paint of any kind abandons it), and its finished bands. */
  #bandJob = 0
  #bands: Band[] | null = null
  #bandQueued = false

  constructor(cb: ViewCallbacks) {
    this.#cb = cb
  }

  attach(canvas: HTMLCanvasElement, overlay: HTMLCanvasElement) {
    this.#canvas = canvas
    this.#overlay = overlay
    this.#ctx = canvas.getContext('2d', { alpha: false })
    this.#octx = overlay.getContext('2d')
    // Names are measured on a context of their own: an off-screen one needs no style from the page.
    const measure = canPaintBands() ? new OffscreenCanvas(1, 1).getContext('2d') : this.#ctx
    if (measure) this.#labels = new LabelFitter(measure)
  }

  destroy() {
    this.#dropBandJob()
    if (this.#frame) cancelAnimationFrame(this.#frame)
    if (this.#buildTimer) clearTimeout(this.#buildTimer)
    this.#frame = 0
    this.#buildTimer = null
    this.#buildId++
    this.#building = null
  }

  resize(width: number, height: number, dpr: number) {
    if (
      !this.#canvas ||
      !this.#overlay ||
      (width === this.#width && height === this.#height && dpr === this.#dpr)
    )
      return
    this.#width = width
    this.#height = height
    this.#dpr = dpr
    for (const c of [this.#canvas, this.#overlay]) {
      c.width = Math.max(1, Math.round(width * dpr))
      c.height = Math.max(1, Math.round(height * dpr))
    }
    this.#overlayClear = true
    this.#relayout()
    // The published state follows the layout: a build that finished before the canvas had a size
    // (the compare page mounts the map with its data) is first laid out here.
    this.#emit()
    // Paint now, not next frame: the backing store was just cleared by the size change.
    this.#paintNow()
  }

  setData(files: readonly ExposedFile[], filter: ((f: ExposedFile) => boolean) | null) {
    this.#files = files
    this.#filter = filter
    if (this.#built && this.#built.files === files && this.#built.filter === filter) return
    if (this.#building) {
      // More streamed files: let the running build finish; it schedules the next one. A new filter
      // makes it useless: drop it and start over.
      if (this.#building.filter === filter) return
      this.#buildId++
      this.#building = null
    }
    if (this.#buildTimer) return // a build is already scheduled and will take the latest data
    if (this.#tree && this.#built && filter === null && this.#built.filter === null) {
      // The final report only recoloured some files: refresh kinds in place, keep the layout.
      if (sameShape(this.#built.files, files)) return this.#refresh(this.#tree, files)
    }
    const interval = Math.max(MIN_REBUILD_MS, REBUILD_FACTOR * this.#buildCost)
    const wait = this.#tree ? Math.max(0, this.#lastBuild + interval - performance.now()) : 0
    this.#buildTimer = setTimeout(() => {
      this.#buildTimer = null
      this.#build()
    }, wait)
  }

  setFindings(findings: readonly Finding[]) {
    if (findings === this.#findings) return
    this.#findings = findings
    this.#marks = null
    if (this.#colorBy === 'severity') this.#recolor()
  }

  setMode(sizeBy: SizeBy, colorBy: ColorBy, diff: ReadonlyMap<number, DiffStatus> | undefined) {
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
    let from: Mapping | null = null
    const isPrefix = (a: readonly string[], b: readonly string[]) =>
      a.length < b.length && a.every((n, i) => n === b[i])
    if (isPrefix(old, target)) {
      // Zoom in: the new view starts where its folder was drawn in the old view.
      const o = nodeAt(oldLayout, target.slice(old.length))
      if (o) from = { sx: (o.x1 - o.x0) / this.#width, sy: (o.y1 - o.y0) / this.#height, tx: o.x0, ty: o.y0 }
    } else if (isPrefix(target, old)) {
      // Zoom out: start with the folder we leave filling the canvas.
      const n = nodeAt(layout, old.slice(target.length))
      if (n) from = mappingFor(n.x0, n.y0, n.x1, n.y1, this.#width, this.#height)
    }
    this.#focus = null
    this.#hover = null
    this.#cb.onhover(null)
    this.#anim = from ? { from, start: performance.now() } : null
    this.#map = from ?? IDENTITY
    this.#emit()
    this.#requestPaint()
  }

  get zoom(): readonly string[] {
    return this.#zoom
  }

  pointerMove(x: number, y: number) {
    this.#pointer = { x, y }
    if (this.#anim || !this.#layout) return
    const hit = hitTest(this.#layout, x, y)
    const node = hit && hit.depth > 0 ? hit : null
    if (node !== this.#hover) {
      this.#hover = node
      this.#paintOverlay()
    }
    this.#cb.onhover(node ? { x, y, lines: this.#describe(node) } : null)
  }

  pointerLeave() {
    this.#pointer = null
    this.#hover = null
    this.#paintOverlay()
    this.#cb.onhover(null)
  }

  click(x: number, y: number) {
    if (!this.#layout) return
    this.#finishAnimation()
    const hit = hitTest(this.#layout, x, y)
    if (!hit || hit.depth === 0) return
    this.#activate(hit, false)
  }

  /** Keyboard on the focused canvas. Returns true when the key was used. */
  key(key: string): boolean {
    const layout = this.#layout
    if (!layout) return false
    const dirs: Record<string, Direction> = {
      ArrowLeft: 'left',
      ArrowRight: 'right',
      ArrowUp: 'up',
      ArrowDown: 'down',
    }
    if (key in dirs) {
      this.#finishAnimation()
      const next = this.#focus ? neighbour(this.#focus, dirs[key]!) : (layout.children?.[0] ?? null)
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
    this.#paintOverlay()
  }

  #activate(node: LayoutNode, keyboard: boolean) {
    if (node.data.children) {
      this.zoomTo(namesTo(node, this.#zoom))
      const first = this.#layout?.children?.[0]
      if (first && keyboard) this.#setFocus(first)
    } else if (node.data.file) this.#cb.onopen(node.data.file)
  }

  #setFocus(node: LayoutNode) {
    this.#focus = node
    this.#paintOverlay()
    this.#cb.onannounce(this.#describe(node).join('. '))
  }

  #build() {
    const files = this.#files
    const filter = this.#filter
    this.#runBuild(this.#buildSteps(files, filter), files, filter, (prepared, busyMs) =>
      this.#apply(prepared, files, filter, busyMs),
    )
  }

  /** Steps `steps` in time slices as the current build (a newer one abandons it), hands the result to
   *  `finish`, then schedules a build of any batches that arrived meanwhile (throttled as usual). */
  #runBuild<T>(
    steps: Generator<void, T, void>,
    files: readonly ExposedFile[],
    filter: ((f: ExposedFile) => boolean) | null,
    finish: (value: T, busyMs: number) => void,
  ) {
    const id = ++this.#buildId
    this.#building = { filter }
    void runSliced(steps, () => id !== this.#buildId).then((done) => {
      if (!done || id !== this.#buildId) return
      this.#building = null
      finish(done.value, done.busyMs)
      if (this.#files !== files || this.#filter !== filter) this.setData(this.#files, this.#filter)
    })
  }

  /** The tree, then its layout for the zoom, size and measure of the moment: both in slices. */
  *#buildSteps(
    files: readonly ExposedFile[],
    filter: ((f: ExposedFile) => boolean) | null,
  ): Generator<void, Prepared, void> {
    const tree = yield* buildTreeSteps(files, filter)
    const key = this.#layoutKey(existingPrefix(tree, this.#zoom))
    if (this.#width === 0 || this.#height === 0) return { tree, layout: null, key }
    const view = findNode(tree, key.zoom) ?? tree.root
    const layout = yield* layoutViewSteps(tree, view, {
      sizeBy: key.sizeBy,
      width: key.width,
      height: key.height,
      labelHeight: LABEL_HEIGHT,
    })
    return { tree, layout, key }
  }

  #layoutKey(zoom: string[]): LayoutKey {
    return { zoom, width: this.#width, height: this.#height, sizeBy: this.#sizeBy }
  }

  #refresh(tree: FileTree, files: readonly ExposedFile[]) {
    this.#runBuild(refreshKinds(tree, files), files, null, () => {
      this.#built = { files, filter: null }
      this.#kinds = tree.kinds
      this.#marks = null
      this.#emit()
      this.#recolor()
    })
  }

  #apply(
    prepared: Prepared,
    files: readonly ExposedFile[],
    filter: ((f: ExposedFile) => boolean) | null,
    busyMs: number,
  ) {
    const { tree, layout, key } = prepared
    this.#tree = tree
    this.#kinds = tree.kinds
    this.#built = { files, filter }
    this.#zoom = existingPrefix(this.#tree, this.#zoom)
    this.#marks = null
    const now = this.#layoutKey(this.#zoom)
    const fresh =
      layout !== null &&
      key.width === now.width &&
      key.height === now.height &&
      key.sizeBy === now.sizeBy &&
      key.zoom.join('\u0000') === now.zoom.join('\u0000')
    // Laid out in the build's slices unless the size, zoom or measure changed meanwhile.
    if (fresh) this.#setLayout(layout)
    else this.#relayout()
    this.#lastBuild = performance.now()
    // The next rebuild waits REBUILD_FACTOR × what this one cost (build and layout).
    this.#buildCost = busyMs
    this.#emit()
    this.#recolor()
  }

  #relayout() {
    if (!this.#tree || this.#width === 0 || this.#height === 0) return
    const view = findNode(this.#tree, this.#zoom) ?? this.#tree.root
    this.#setLayout(
      layoutView(this.#tree, view, {
        sizeBy: this.#sizeBy,
        width: this.#width,
        height: this.#height,
        labelHeight: LABEL_HEIGHT,
      }),
    )
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
    this.#hover = null
  }

  #emit() {
    const leaves = this.#layout?.data.leaves ?? 0
    this.#cb.onstate({
      state: leaves > 0 ? 'ready' : 'empty',
      leaves,
      zoom: [...this.#zoom],
      rects: JSON.stringify(this.#layout ? childRects(this.#layout).slice(0, 200) : []),
      kinds: this.#kinds,
      folded: this.#tree?.folded ?? 0,
    })
  }

  #recolor() {
    this.#colors.clear()
    this.#requestPaint()
  }

  /** A repaint: each frame of a zoom animation is painted in its frame; any other repaint (new data,
   *  colours, theme) is painted in bands over several tasks and shown at once. */
  #requestPaint() {
    if (this.#anim || !this.#layout || !canPaintBands()) return this.#requestFrame()
    if (this.#bandQueued) return
    // Started after the current task's own work, so the several changes one update makes are painted
    // once (runSliced then paints the first band in a task of its own).
    this.#bandQueued = true
    queueMicrotask(() => {
      this.#bandQueued = false
      if (this.#anim || !this.#layout) return this.#requestFrame()
      this.#paintBanded(this.#layout)
    })
  }

  #requestFrame() {
    if (this.#frame) return
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      this.#paintNow()
    })
  }

  #paintBanded(layout: LayoutNode) {
    const style = this.#paintStyle()
    if (!style || !this.#ctx) return
    this.#dropBandJob()
    const job = this.#bandJob
    const bands: Band[] = (this.#bands = [])
    const steps = paintBands(layout, this.#map, style, this.#dpr, bands)
    void runSliced(steps, () => job !== this.#bandJob).then((done) => {
      if (!done || job !== this.#bandJob || !this.#ctx) return
      this.#bands = null
      showBands(this.#ctx, bands)
      this.#painted()
    })
  }

  /** Abandons a banded repaint in progress and frees what it made. */
  #dropBandJob() {
    this.#bandJob++
    dropBands(this.#bands)
    this.#bands = null
  }

  #finishAnimation() {
    if (!this.#anim) return
    this.#anim = null
    this.#map = IDENTITY
    this.#paintNow()
  }

  #paintNow() {
    const ctx = this.#ctx
    if (!ctx || !this.#labels || this.#width === 0) return
    // Painted here and now: a banded repaint still running would show an older state after this.
    this.#dropBandJob()
    if (this.#anim) {
      const t = ease(Math.min(1, (performance.now() - this.#anim.start) / ZOOM_MS))
      const f = this.#anim.from
      this.#map = { sx: lerp(f.sx, 1, t), sy: lerp(f.sy, 1, t), tx: lerp(f.tx, 0, t), ty: lerp(f.ty, 0, t) }
      if (t >= 1) {
        this.#anim = null
        this.#map = IDENTITY
        if (this.#pointer)
          queueMicrotask(() => this.#pointer && this.pointerMove(this.#pointer.x, this.#pointer.y))
      } else this.#requestFrame()
    }
    ctx.setTransform(this.#dpr, 0, 0, this.#dpr, 0, 0)
    const style = this.#paintStyle()
    if (this.#layout && style) paint(ctx, this.#layout, this.#map, style)
    else {
      ctx.fillStyle = this.#theme.background
      ctx.fillRect(0, 0, this.#width, this.#height)
    }
    this.#painted()
  }

  #paintStyle(): PaintStyle | null {
    if (!this.#labels) return null
    return {
      colorBy: this.#colorBy,
      marks: this.#getMarks(),
      theme: this.#theme,
      colors: this.#colors,
      labels: this.#labels,
      width: this.#width,
      height: this.#height,
    }
  }

  /** After the map was painted: the overlay on top, and the benchmark's mark for new data. */
  #painted() {
    this.#paintOverlay()
    const built = this.#built?.files ?? null
    if (built && built !== this.#marked && (this.#layout?.data.leaves ?? 0) > 0) {
      this.#marked = built
      if (this.#cb.measured !== false) performance.mark('ee:treemap-painted')
    }
  }

  #paintOverlay() {
    const o = this.#octx
    if (!o) return
    const drawn = !this.#anim && (this.#hover || this.#focus)
    // An overlay that is clear and stays clear is not touched: its backing store is only allocated
    // (and handed to the compositor) once something is outlined on it.
    if (!drawn && this.#overlayClear) return
    o.setTransform(this.#dpr, 0, 0, this.#dpr, 0, 0)
    o.clearRect(0, 0, this.#width, this.#height)
    this.#overlayClear = !drawn
    if (!drawn) return
    const accent = this.#theme.dark ? '#ffffff' : '#111111'
    if (this.#hover) outline(o, this.#hover, this.#map, accent, 1.5)
    if (this.#focus) outline(o, this.#focus, this.#map, '#2f6fde', 3)
  }

  #getMarks() {
    if (this.#marks) return this.#marks
    const worst = new Map<number, Severity>()
    const counts = new Map<number, SeverityCounts>()
    let byPath: Map<string, number> | null = null
    const rank = (s: Severity) => SEVERITIES.indexOf(s)
    for (const f of this.#findings) {
      let id = f.fileId
      if (id === undefined) {
        // Older reports: find the file by origin chain + path.
        byPath ??= new Map(this.#files.map((x) => [[...x.origin, x.path].join('\u0000'), x.id]))
        id = byPath.get([...(f.origin ?? []), f.path].join('\u0000'))
        if (id === undefined) continue
      }
      const w = worst.get(id)
      if (w === undefined || rank(f.severity) < rank(w)) worst.set(id, f.severity)
      let c = counts.get(id)
      if (!c) counts.set(id, (c = emptySeverityCounts()))
      c[f.severity]++
    }
    this.#marks = { worst, counts, diff: this.#diff }
    return this.#marks
  }

  /** Tooltip / announcement text for a node: always plain strings, rendered as text. */
  #describe(n: LayoutNode): string[] {
    const file = n.data.file
    if (file) {
      const lines = [
        [...file.origin, file.path].join(' › '),
        `${formatBytes(file.bytes)} · ${file.lines.toLocaleString('en-US')} lines · ${KIND_LABELS[file.kind]}${file.hasContent ? '' : ' · name only (no content)'}`,
      ]
      const c = this.#getMarks().counts.get(file.id)
      lines.push(
        c
          ? 'Findings: ' +
              SEVERITIES.filter((s) => c[s] > 0)
                .map((s) => `${c[s]} ${s}`)
                .join(', ')
          : 'No findings',
      )
      const d = this.#diff?.get(file.id)
      if (d) lines.push(`Compared with the old version: ${d}`)
      return lines
    }
    const sum = n.data.sum
    return [
      namesTo(n, this.#zoom).join('/'),
      `${n.data.leaves.toLocaleString('en-US')} files · ${formatBytes(sum.bytes)} · ${sum.lines.toLocaleString('en-US')} lines`,
      n.data.container && n.data.container !== 'input'
        ? `Container (${n.data.container}): click to zoom`
        : 'Click to zoom',
    ]
  }
}

/** A node's place below its layout root: each step's name and whether it is the container's own
 *  leaf, so the same rectangle can be found again in another layout of the same view. */
type Trail = { name: string; self: boolean }[]

function trailOf(node: LayoutNode): Trail {
  const trail: Trail = []
  for (let n: LayoutNode | null = node; n && n.depth > 0; n = n.parent)
    trail.push({ name: n.data.name, self: n.data.self === true })
  return trail.reverse()
}

function nodeByTrail(root: LayoutNode, trail: Trail): LayoutNode | null {
  let n: LayoutNode | undefined = root
  for (const step of trail) {
    n = n.children?.find((c) => c.data.name === step.name && (c.data.self === true) === step.self)
    if (!n) return null
  }
  return n
}

/** The layout node at `names` below `root` (never a container's own leaf). */
const nodeAt = (root: LayoutNode, names: readonly string[]): LayoutNode | null =>
  nodeByTrail(
    root,
    names.map((name) => ({ name, self: false })),
  )
