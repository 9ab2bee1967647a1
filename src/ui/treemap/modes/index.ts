// The treemap's modes: a new area or colour mode is one file in this folder and one line here.
// Order is the order of the page's selects; the first of each is the default.
import { bytesArea } from './area-bytes'
import { linesArea } from './area-lines'
import { shippedArea } from './area-shipped'
import { diffColor } from './color-diff'
import { kindColor } from './color-kind'
import { severityColor } from './color-severity'
import type { AreaData, AreaMode, ColorMode, FileMarks, LegendItem } from './types'
import type { Kind } from '../../../core/report/model'
import type { Theme } from '../colors'
import type { TreeNode } from '../tree'

export type { AreaData, AreaMode, ColorMode, FileMarks, LegendItem } from './types'

/** No data fetched for any area mode (one object, so an unchanged "nothing" is recognised). */
export const NO_DATA: AreaData = Object.freeze({})

export const AREA_MODES: AreaMode[] = [bytesArea, linesArea, shippedArea]
export const COLOR_MODES: ColorMode[] = [kindColor, severityColor, diffColor]

/** Adds a mode after the built-in ones (a mode that reuses an id replaces that mode). */
export function registerAreaMode(mode: AreaMode): void {
  const at = AREA_MODES.findIndex((m) => m.id === mode.id)
  if (at >= 0) AREA_MODES[at] = mode
  else AREA_MODES.push(mode)
}

export function registerColorMode(mode: ColorMode): void {
  const at = COLOR_MODES.findIndex((m) => m.id === mode.id)
  if (at >= 0) COLOR_MODES[at] = mode
  else COLOR_MODES.push(mode)
}

/** Position of an area mode in the sums every tree node keeps (the first mode for an unknown id). */
export function areaIndex(id: string): number {
  return Math.max(
    0,
    AREA_MODES.findIndex((m) => m.id === id),
  )
}

export function colorMode(id: string): ColorMode {
  return COLOR_MODES.find((m) => m.id === id) ?? COLOR_MODES[0]!
}

/** Area modes the page offers: those whose data it can fetch. */
export function areaModesFor(has: { shipped?: boolean }): AreaMode[] {
  return AREA_MODES.filter((m) => m.needs === undefined || has[m.needs] === true)
}

/** Colour modes the page offers: those whose needs it meets. */
export function colorModesFor(has: { diff?: boolean }): ColorMode[] {
  return COLOR_MODES.filter((m) => m.needs === undefined || (m.needs === 'diff' && has.diff === true))
}

/** Colour of a leaf or a block, memoised per node by the caller's cache. */
export function nodeColor(
  node: TreeNode,
  colorBy: string,
  marks: FileMarks,
  theme: Theme,
  cache: Map<TreeNode, string>,
): string {
  const hit = cache.get(node)
  if (hit) return hit
  const color = colorMode(colorBy).color(node, marks, theme)
  cache.set(node, color)
  return color
}

export function legend(colorBy: string, kinds: ReadonlySet<Kind>, theme: Theme): LegendItem[] {
  return colorMode(colorBy).legend(kinds, theme)
}
