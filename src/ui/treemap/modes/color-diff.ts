// Colour = change against the older version (the compare page): new exposure is the hot colour.
import { DIFF_COLORS } from '../colors'
import type { DiffStatus } from '../types'
import { worstBelow } from './worst'
import type { ColorMode } from './types'

const RANK: Record<DiffStatus, number> = { new: 0, removed: 1, changed: 2, same: 3 }

const LABELS: Record<DiffStatus, string> = {
  new: 'New in this version',
  removed: 'Removed',
  changed: 'Changed',
  same: 'Unchanged',
}

export const diffColor: ColorMode = {
  id: 'diff',
  label: 'Change',
  needs: 'diff',
  color(node, marks, theme) {
    const s = worstBelow(node, (f) => marks.diff?.get(f), RANK) ?? 'same'
    return s === 'same' ? theme.neutral : DIFF_COLORS[s]
  },
  legend: (_kinds, theme) =>
    (['new', 'removed', 'changed', 'same'] as const).map((s) => ({
      label: LABELS[s],
      color: s === 'same' ? theme.neutral : DIFF_COLORS[s],
    })),
}
