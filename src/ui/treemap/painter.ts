// The treemap's two canvases: the map, and an overlay for hover/focus outlines (so a mouse move never
// repaints 200,000 files). Each frame of a zoom animation is painted in its frame; any other repaint
// (new data, colours, theme) is painted in bands over several tasks and shown at once.
import type { LayoutNode } from './layout'
import {
  canPaintBands,
  dropBands,
  IDENTITY,
  LabelFitter,
  outline,
  paint,
  paintBands,
  showBands,
  type Band,
  type Mapping,
  type PaintStyle,
} from './draw'
import { runSliced } from './slices'

const ZOOM_MS = 320
const ease = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2)
const lerp = (a: number, b: number, t: number) => a + (b - a) * t

/** What a paint needs to know of the view: asked at paint time, so it is always the latest. */
export interface PaintHost {
  layout(): LayoutNode | null
  /** Everything of PaintStyle but what the painter owns (labels, size). */
  style(): Omit<PaintStyle, 'labels' | 'width' | 'height'>
  outlines(): { hover: LayoutNode | null; focus: LayoutNode | null }
  /** The map was painted (the overlay is already on top). */
  painted(): void
  /** A zoom animation reached its end. */
  settled(): void
}

export class Painter {
  #host: PaintHost
  #ctx: CanvasRenderingContext2D | null = null
  #octx: CanvasRenderingContext2D | null = null
  #canvases: HTMLCanvasElement[] = []
  #labels: LabelFitter | null = null
  width = 0
  height = 0
  #dpr = 1
  #map: Mapping = IDENTITY
  #anim: { from: Mapping; start: number } | null = null
  #frame = 0
  /** The overlay canvas holds nothing (cleared by a size change, or by the last paint). */
  #overlayClear = true
  /** The banded repaint in progress (a newer paint of any kind abandons it), and its finished bands. */
  #bandJob = 0
  #bands: Band[] | null = null
  #bandQueued = false
  /** The backing stores still have the previous size (see resize). */
  #storesStale = false

  constructor(host: PaintHost) {
    this.#host = host
  }

  attach(canvas: HTMLCanvasElement, overlay: HTMLCanvasElement) {
    this.#canvases = [canvas, overlay]
    this.#ctx = canvas.getContext('2d', { alpha: false })
    this.#octx = overlay.getContext('2d')
    // Names are measured on a context of their own: an off-screen one needs no style from the page.
    const measure = canPaintBands() ? new OffscreenCanvas(1, 1).getContext('2d') : this.#ctx
    if (measure) this.#labels = new LabelFitter(measure)
  }

  destroy() {
    this.#dropBandJob()
    if (this.#frame) cancelAnimationFrame(this.#frame)
    this.#frame = 0
  }

  /** Takes a new size; false when nothing changed. The backing stores are sized at once, or with
   *  `keepPicture` just before the next paint is shown: until then the canvases keep their last
   *  picture, stretched by the page to the new box, instead of going blank. */
  resize(width: number, height: number, dpr: number, keepPicture = false): boolean {
    if (this.#canvases.length === 0 || (width === this.width && height === this.height && dpr === this.#dpr))
      return false
    this.width = width
    this.height = height
    this.#dpr = dpr
    if (keepPicture) {
      // A banded repaint of the old size must not be shown on the new stores.
      this.#dropBandJob()
      this.#storesStale = true
    } else this.#sizeStores()
    return true
  }

  #sizeStores() {
    this.#storesStale = false
    for (const c of this.#canvases) {
      c.width = Math.max(1, Math.round(this.width * this.#dpr))
      c.height = Math.max(1, Math.round(this.height * this.#dpr))
    }
    this.#overlayClear = true
  }

  /** The mapping of the moment (layout → screen): not the identity while a zoom animates. */
  get mapping(): Mapping {
    return this.#map
  }

  get animating(): boolean {
    return this.#anim !== null
  }

  /** Animates from `from` to the identity, or with null shows the new view at once. */
  animate(from: Mapping | null) {
    this.#anim = from ? { from, start: performance.now() } : null
    this.#map = from ?? IDENTITY
    this.request()
  }

  finishAnimation() {
    if (!this.#anim) return
    this.#anim = null
    this.#map = IDENTITY
    this.now()
  }

  /** A repaint, coalesced with the other changes of the current task. */
  request() {
    if (this.#anim || !this.#host.layout() || !canPaintBands()) return this.#requestFrame()
    if (this.#bandQueued) return
    // Started after the current task's own work, so the several changes one update makes are painted
    // once (runSliced then paints the first band in a task of its own).
    this.#bandQueued = true
    queueMicrotask(() => {
      this.#bandQueued = false
      const layout = this.#host.layout()
      if (this.#anim || !layout) return this.#requestFrame()
      this.#paintBanded(layout)
    })
  }

  #requestFrame() {
    if (this.#frame) return
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      this.now()
    })
  }

  #style(): PaintStyle | null {
    if (!this.#labels) return null
    return { ...this.#host.style(), labels: this.#labels, width: this.width, height: this.height }
  }

  #paintBanded(layout: LayoutNode) {
    const style = this.#style()
    if (!style || !this.#ctx) return
    this.#dropBandJob()
    const job = this.#bandJob
    const bands: Band[] = (this.#bands = [])
    const steps = paintBands(layout, this.#map, style, this.#dpr, bands)
    void runSliced(steps, () => job !== this.#bandJob).then((done) => {
      if (!done || job !== this.#bandJob || !this.#ctx) return
      this.#bands = null
      if (this.#storesStale) this.#sizeStores()
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

  /** Paints here and now (a resize cleared the backing store; a frame of an animation). */
  now() {
    const ctx = this.#ctx
    if (!ctx || !this.#labels || this.width === 0) return
    // Painted here and now: a banded repaint still running would show an older state after this.
    this.#dropBandJob()
    if (this.#storesStale) this.#sizeStores()
    if (this.#anim) {
      const t = ease(Math.min(1, (performance.now() - this.#anim.start) / ZOOM_MS))
      const f = this.#anim.from
      this.#map = { sx: lerp(f.sx, 1, t), sy: lerp(f.sy, 1, t), tx: lerp(f.tx, 0, t), ty: lerp(f.ty, 0, t) }
      if (t >= 1) {
        this.#anim = null
        this.#map = IDENTITY
        queueMicrotask(() => this.#host.settled())
      } else this.#requestFrame()
    }
    ctx.setTransform(this.#dpr, 0, 0, this.#dpr, 0, 0)
    const style = this.#style()
    const layout = this.#host.layout()
    if (layout && style) paint(ctx, layout, this.#map, style)
    else {
      ctx.fillStyle = this.#host.style().theme.background
      ctx.fillRect(0, 0, this.width, this.height)
    }
    this.#painted()
  }

  #painted() {
    this.overlay()
    this.#host.painted()
  }

  /** Repaints the hover and focus outlines only. */
  overlay() {
    const o = this.#octx
    // Outlines wait for the stores of the new size (the paint that sizes them draws them).
    if (!o || this.#storesStale) return
    const { hover, focus } = this.#host.outlines()
    const drawn = !this.#anim && (hover || focus)
    // An overlay that is clear and stays clear is not touched: its backing store is only allocated
    // (and handed to the compositor) once something is outlined on it.
    if (!drawn && this.#overlayClear) return
    o.setTransform(this.#dpr, 0, 0, this.#dpr, 0, 0)
    o.clearRect(0, 0, this.width, this.height)
    this.#overlayClear = !drawn
    if (!drawn) return
    const accent = this.#host.style().theme.dark ? '#ffffff' : '#111111'
    if (hover) outline(o, hover, this.#map, accent, 1.5)
    if (focus) outline(o, focus, this.#map, '#2f6fde', 3)
  }
}
