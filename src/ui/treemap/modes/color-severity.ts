// Colour = worst severity: a file's most severe finding; a block takes the worst of its files.
import { SEVERITIES, type Severity } from '../../../core/report/model'
import { severityRank, SEVERITY_LABELS } from '../../../core/report/present'
import { SEVERITY_COLORS } from '../colors'
import { worstBelow } from './worst'
import type { ColorMode } from './types'

const RANK = Object.fromEntries(SEVERITIES.map((s) => [s, severityRank(s)])) as Record<Severity, number>

export const severityColor: ColorMode = {
  id: 'severity',
  label: 'Worst severity',
  usesFindings: true,
  color(node, marks, theme) {
    const s = worstBelow(node, (f) => marks.worst.get(f), RANK)
    return s ? SEVERITY_COLORS[s] : theme.neutral
  },
  legend: (_kinds, theme) => [
    ...SEVERITIES.map((s) => ({ label: SEVERITY_LABELS[s], color: SEVERITY_COLORS[s] })),
    { label: 'No findings', color: theme.neutral },
  ],
}
