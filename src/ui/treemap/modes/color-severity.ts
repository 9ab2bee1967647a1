// Colour = worst severity: a file's most severe finding; a block takes the worst of its files.
import { SEVERITIES, type Severity } from '../../../core/report/model'
import { SEVERITY_COLORS } from '../colors'
import { worstBelow } from './worst'
import type { ColorMode } from './types'

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 }

export const severityColor: ColorMode = {
  id: 'severity',
  label: 'Worst severity',
  usesFindings: true,
  color(node, marks, theme) {
    const s = worstBelow(node, (f) => marks.worst.get(f), RANK)
    return s ? SEVERITY_COLORS[s] : theme.neutral
  },
  legend: (_kinds, theme) => [
    ...SEVERITIES.map((s) => ({ label: s[0]!.toUpperCase() + s.slice(1), color: SEVERITY_COLORS[s] })),
    { label: 'No findings', color: theme.neutral },
  ],
}
