// Colour = kind: a fixed hue per kind of file; a block of many files takes its most common kind.
import { KINDS } from '../../../core/report/model'
import { KIND_LABELS } from '../../../core/report/present'
import { KIND_COLORS } from '../colors'
import type { ColorMode } from './types'

export const kindColor: ColorMode = {
  id: 'kind',
  label: 'Kind',
  color: (node) => KIND_COLORS[node.kind],
  legend: (kinds) =>
    KINDS.filter((k) => kinds.has(k)).map((k) => ({ label: KIND_LABELS[k], color: KIND_COLORS[k] })),
}
