// Painting a laid-out view onto a 2D canvas. The cost is bounded by pixels, not by files: subtrees
// outside the canvas are skipped and nothing smaller than MIN_CELL is descended into, so a view of
// 200,000 files paints about as fast as one of 2,000.
import { MIN_CELL, type LayoutNode } from './layout'
import { textOn, type Theme } from './colors'
import { areaIndex, nodeColor, type FileMarks } from './modes'
import type { SizeBy, TreeNode } from './tree'
import { sizeLabel } from './describe'

/** Maps layout coordinates to canvas CSS pixels: screen = layout * scale + offset (per axis). */
export interface Mapping {
  sx: number
  sy: number
  tx: number
  ty: number
}

export const IDENTITY: Mapping = { sx: 1, sy: 1, tx: 0, ty: 0 }

/** The mapping that shows layout rectangle (x0, y0)–(x1, y1) across a width × height canvas. */
export function mappingFor(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  width: number,
  height: number,
): Mapping {
  const sx = width / Math.max(1e-9, x1 - x0)
  const sy = height / Math.max(1e-9, y1 - y0)
  return { sx, sy, tx: -x0 * sx, ty: -y0 * sy }
}

export const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** A 2D context on the page's canvas or on an off-screen one. */
export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D
export const LABEL_HEIGHT = 16
/** How far a label's glyphs reach above and below its middle, in CSS px (with room to spare). */
const TEXT_HALF_HEIGHT = 10

/** Fits names into widths with an ellipsis. Widths are cached per string because the same names
 *  are measured on every frame of a zoom animation; the cache is dropped when it grows large.
 *  A name that does not fit is cut where the sum of its letters' advances says, then checked (and
 *  moved a letter at a time) with real measurements: one or two measureText calls per new name
 *  instead of a binary search's seven or so — the first paint of the incident's map measured its
 *  names for 74 ms of a 126 ms frame. */
export class LabelFitter {
  #widths = new Map<string, number>()
  #advances = new Map<number, number>()
  #ctx: Ctx2D
  /** `ctx` measures with the map's FONT from now on: best a context of its own (an off-screen one),
   *  so measuring never depends on what a paint left set. */
  constructor(ctx: Ctx2D) {
    this.#ctx = ctx
    ctx.font = FONT
  }

  width(text: string): number {
    let w = this.#widths.get(text)
    if (w === undefined) {
      if (this.#widths.size > 50_000) this.#widths.clear()
      w = this.#ctx.measureText(text).width
      this.#widths.set(text, w)
    }
    return w
  }

  #advance(code: number): number {
    let w = this.#advances.get(code)
    if (w === undefined) {
      w = this.#ctx.measureText(String.fromCharCode(code)).width
      this.#advances.set(code, w)
    }
    return w
  }

  /** `text`, or its longest prefix + '…' that fits `max` px, or '' when not even one letter fits. */
  fit(text: string, max: number): string {
    if (this.width(text) <= max) return text
    let n = 0
    let sum = this.#advance(ELLIPSIS)
    while (n < text.length - 1) {
      const w = this.#advance(text.charCodeAt(n))
      if (sum + w > max) break
      sum += w
      n++
    }
    // Kerning and shaping make the real width differ from the sum by a little: correct the cut.
    const fits = (k: number) => this.width(text.slice(0, k) + '…') <= max
    while (n > 0 && !fits(n)) n--
    while (n < text.length - 1 && fits(n + 1)) n++
    return n === 0 ? '' : text.slice(0, n) + '…'
  }
}

const ELLIPSIS = '…'.charCodeAt(0)

export interface PaintStyle {
  colorBy: string
  /** The area measure, and the tree's totals by each (a box's share is of the whole artifact). */
  sizeBy: SizeBy
  total: readonly number[]
  marks: FileMarks
  theme: Theme
  colors: Map<TreeNode, string>
  labels: LabelFitter
  width: number
  height: number
  /** Only what meets rows top–bottom (CSS px) is drawn (a band); the whole height by default. */
  top?: number
  bottom?: number
}

/** Clears and paints the whole view. Returns the number of rectangles drawn (for diagnostics). */
export function paint(ctx: Ctx2D, root: LayoutNode, map: Mapping, style: PaintStyle): number {
  ctx.fillStyle = style.theme.background
  ctx.fillRect(0, 0, style.width, style.height)
  ctx.font = FONT
  ctx.textBaseline = 'middle'
  const top = style.top ?? 0
  const bottom = style.bottom ?? style.height
  let drawn = 0
  // Pre-order with a stack of our own (parents under their children, first child drawn first).
  const stack: LayoutNode[] = [root]
  while (stack.length > 0) {
    const n = stack.pop()!
    // Edges snapped to whole pixels: crisp shared borders, and a software rasterizer fills
    // unantialiased rectangles several times faster (the canvas raster ran as one 145 ms paint
    // for the incident's 4,766 files).
    const x = Math.round(n.x0 * map.sx + map.tx)
    const y = Math.round(n.y0 * map.sy + map.ty)
    const w = Math.round(n.x1 * map.sx + map.tx) - x
    const h = Math.round(n.y1 * map.sy + map.ty) - y
    if (x > style.width || y > bottom || x + w < 0 || y + h < top || w < 1 || h < 1) continue
    drawn++
    const small = w < MIN_CELL || h < MIN_CELL
    if (!n.children || small) {
      const color = nodeColor(n.data, style.colorBy, style.marks, style.theme, style.colors)
      ctx.fillStyle = color
      ctx.fillRect(x, y, w, h)
      if (!small && w > 28 && h > 14) {
        const ink = textOn(color)
        const text = n.data.children ? `${n.data.name} ›` : n.data.name
        // The size and share on a second line where the box is tall enough for both.
        const two = h >= SECOND_LINE_PX
        label(ctx, style, text, x + 4, y + (two ? 10 : Math.min(h / 2, 10)), w - 8, ink)
        if (two) label(ctx, style, sizeText(n.data, style), x + 4, y + 24, w - 8, ink, true)
      }
      continue
    }
    if (n.depth > 0) {
      ctx.fillStyle = n.data.container ? style.theme.container : style.theme.folder
      ctx.fillRect(x, y, w, h)
      // The layout left a label strip on top when the folder was big enough for one.
      const strip = (n.children[0]!.y0 - n.y0) * map.sy
      if (strip >= 12 && w > 28) header(ctx, style, n, x, y + Math.min(strip, LABEL_HEIGHT * map.sy) / 2, w)
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!)
  }
  return drawn
}

/** Height of one band in device pixels: painting and rasterising one takes a few ms. */
export const BAND_DEVICE_PX = 48

export interface Band {
  /** Top of the band on the canvas, in device pixels. */
  top: number
  bitmap: ImageBitmap
}

/** Paints the view band by band into off-screen canvases and rasterises each (transferToImageBitmap
 *  runs the recorded drawing), one band per step, so a caller can spread a full repaint over several
 *  tasks and then show it in one frame with `showBands`. A canvas 2D draws into a recording that is
 *  rasterised when the frame is committed: a full paint of the incident's map was one 30–80 ms task
 *  (the drawing, then its raster in the commit). */
export function* paintBands(
  root: LayoutNode,
  map: Mapping,
  style: PaintStyle,
  dpr: number,
  /** Finished bands go here as they are made (so a caller that abandons the run can free them). */
  bands: Band[] = [],
): Generator<void, Band[], void> {
  const width = Math.max(1, Math.round(style.width * dpr))
  const height = Math.max(1, Math.round(style.height * dpr))
  const canvas = new OffscreenCanvas(width, Math.min(BAND_DEVICE_PX, height))
  const ctx = canvas.getContext('2d', { alpha: false })!
  for (let top = 0; top < height; top += BAND_DEVICE_PX) {
    const rows = Math.min(BAND_DEVICE_PX, height - top)
    if (canvas.height !== rows) canvas.height = rows
    ctx.setTransform(dpr, 0, 0, dpr, 0, -top)
    paint(ctx, root, map, {
      ...style,
      top: top / dpr,
      bottom: (top + rows) / dpr,
    })
    bands.push({ top, bitmap: canvas.transferToImageBitmap() })
    yield
  }
  return bands
}

/** Draws finished bands onto the visible canvas (device pixels) and frees them. */
export function showBands(ctx: CanvasRenderingContext2D, bands: Band[]): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  for (const band of bands) {
    ctx.drawImage(band.bitmap, 0, band.top)
    band.bitmap.close()
  }
}

/** Frees bands that will not be shown (a newer paint replaced them). */
export function dropBands(bands: Band[] | null): void {
  for (const band of bands ?? []) band.bitmap.close()
}

/** Whether this browser can paint in bands (OffscreenCanvas with transferToImageBitmap). */
export function canPaintBands(): boolean {
  return typeof OffscreenCanvas === 'function' && 'transferToImageBitmap' in OffscreenCanvas.prototype
}

/** A box at least this tall (CSS px) shows its size and share under its name. */
const SECOND_LINE_PX = 34
/** Room kept between a header's name and its size. */
const GAP_PX = 12

const sizeText = (node: TreeNode, style: PaintStyle) =>
  sizeLabel(node, style.sizeBy, style.total[areaIndex(style.sizeBy)] ?? 0)

/** A folder's header: its name, the names of a chain of single sub-folders drawn inside it (the layout
 *  gives those no header of their own), and its size and share at the right when both fit. */
function header(ctx: Ctx2D, style: PaintStyle, n: LayoutNode, x: number, y: number, w: number) {
  const names = [n.data.name]
  let end = n
  while (end.children?.length === 1 && end.children[0]!.children) {
    end = end.children[0]!
    names.push(end.data.name)
  }
  const name = names.join(' › ') + (end.data.container ? ' ›' : '')
  const size = sizeText(n.data, style)
  const ink = style.theme.folderText
  const sizeWidth = style.labels.width(size)
  const room = w - 8 - sizeWidth - GAP_PX
  const nameWidth = style.labels.width(name)
  if (room >= Math.min(nameWidth, 60)) {
    label(ctx, style, name, x + 4, y, room, ink)
    label(ctx, style, size, x + w - 4 - sizeWidth, y, sizeWidth + 1, ink, true)
  } else label(ctx, style, name, x + 4, y, w - 8, ink)
}

function label(
  ctx: Ctx2D,
  style: PaintStyle,
  text: string,
  x: number,
  y: number,
  max: number,
  color: string,
  /** Drawn only whole (a size cut short would read as another number). */
  whole = false,
) {
  // A band draws only the labels whose text reaches into it (the 12 px font is centred on y).
  if (y + TEXT_HALF_HEIGHT < (style.top ?? 0) || y - TEXT_HALF_HEIGHT > (style.bottom ?? style.height)) return
  if (whole && style.labels.width(text) > max) return
  const shown = style.labels.fit(text, max)
  if (shown === '') return
  ctx.fillStyle = color
  ctx.fillText(shown, x, y)
}

/** Outline of one node (hover or keyboard focus) on the overlay canvas. */
export function outline(
  ctx: CanvasRenderingContext2D,
  n: LayoutNode,
  map: Mapping,
  color: string,
  width: number,
) {
  const x = n.x0 * map.sx + map.tx
  const y = n.y0 * map.sy + map.ty
  ctx.strokeStyle = color
  ctx.lineWidth = width
  ctx.strokeRect(x + width / 2, y + width / 2, (n.x1 - n.x0) * map.sx - width, (n.y1 - n.y0) * map.sy - width)
}
