import { formatDiffText, formatText } from '../format-text'
import type { ReportFormat } from './registry'

export const textFormat: ReportFormat = {
  id: 'text',
  cli: '(default)',
  fileSuffix: '.exposure.txt',
  mediaType: 'text/plain',
  scan: (report) => [formatText(report)],
  diff: (diff) => [formatDiffText(diff)],
}
