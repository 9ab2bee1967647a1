// Colours of the treemap: one fixed categorical palette per colouring mode (kind, worst severity,
// diff status), readable on both themes, plus the theme's neutral tones for folders and text.
// Pure data and small pure functions (tested with the tree). The modes that use them: modes/.
import type { Kind, Severity } from '../../core/report/model'
import type { DiffStatus } from './types'

export type { FileMarks, LegendItem } from './modes/types'

/** Tableau-10-like hues: distinct under the common colour-vision deficiencies when paired with the
 *  legend, and never the only cue (the tooltip names the kind). */
export const KIND_COLORS: Record<Kind, string> = {
  'first-party-source': '#e15759',
  'third-party-source': '#4e79a7',
  bundle: '#f28e2b',
  declaration: '#ff9da7',
  generated: '#d9a05b',
  'source-map': '#b07aa1',
  test: '#59a14f',
  config: '#edc948',
  docs: '#76b7b2',
  credential: '#d4166a',
  binary: '#9c755f',
  other: '#bab0ac',
}

export const SEVERITY_COLORS: Record<Severity | 'none', string> = {
  critical: '#b3261e',
  high: '#e8590c',
  medium: '#f2b705',
  low: '#4c8bf5',
  info: '#8d99ae',
  none: '#c9d1da',
}

/** New exposure is the alarming case in a compare, so it gets the hot colour. */
export const DIFF_COLORS: Record<DiffStatus, string> = {
  new: '#d62728',
  removed: '#2ca02c',
  changed: '#f2b705',
  same: '#c9d1da',
}

export interface Theme {
  dark: boolean
  background: string
  folder: string
  container: string
  folderText: string
  /** Greys for "no findings" / "unchanged" leaves, per theme so they do not glare in dark mode. */
  neutral: string
}

export const LIGHT: Theme = {
  dark: false,
  background: '#ffffff',
  folder: '#e8ecf1',
  container: '#d9e0ee',
  folderText: '#1f2933',
  neutral: '#c9d1da',
}

export const DARK: Theme = {
  dark: true,
  background: '#14181e',
  folder: '#252b35',
  container: '#2c3550',
  folderText: '#dde3ea',
  neutral: '#3b4452',
}

/** Black or white text, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16)
  const lin = (c: number) => {
    const v = c / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255)
  return l > 0.22 ? '#111111' : '#ffffff'
}
