// What a treemap mode is. An area mode says what one file weighs; a colour mode says what colour a
// file (or a subtree drawn as one block) gets and what the legend lists. Each mode is one file in
// this folder and one line in index.ts.
import type { ExposedFile, Kind, Severity } from '../../../core/report/model'
import type { Theme } from '../colors'
import type { TreeNode } from '../tree'
import type { DiffStatus } from '../types'

/** What the page fetched for the area modes that need more than the files (on demand). */
export interface AreaData {
  /** Bytes in the bundle by file id (shipped.ts). */
  shipped?: ReadonlyMap<number, number>
}

export interface AreaMode {
  /** The value of the page's Area select. */
  id: string
  /** The option's text. */
  label: string
  /** What a size counts (how a box's size is written). */
  unit: 'bytes' | 'lines'
  /** Offered only where the page can fetch this (the results page asks its worker). */
  needs?: keyof AreaData
  /** What one leaf weighs. `own` is the bytes its leaf stands for: the file's size, except for a
   *  source map's own leaf (the map without the sources drawn below it). */
  size(file: ExposedFile, own: number, data: AreaData): number
}

/** Per-file facts the colouring and the tooltip need, looked up by file id. */
export interface FileMarks {
  worst: ReadonlyMap<number, Severity>
  diff?: ReadonlyMap<number, DiffStatus>
}

export interface LegendItem {
  label: string
  color: string
}

export interface ColorMode {
  /** The value of the page's Colour select. */
  id: string
  /** The option's text. */
  label: string
  /** Offered only where the page has this (the compare page has a diff). */
  needs?: 'diff'
  /** Its colours follow the findings (the map is repainted as they arrive). */
  usesFindings?: boolean
  /** Colour of a leaf, or of a subtree drawn as one block. */
  color(node: TreeNode, marks: FileMarks, theme: Theme): string
  legend(kinds: ReadonlySet<Kind>, theme: Theme): LegendItem[]
}
