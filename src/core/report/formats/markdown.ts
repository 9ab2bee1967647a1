import { formatDiffMarkdown, formatMarkdown } from '../format-markdown'
import type { ReportFormat } from './registry'

export const markdownFormat: ReportFormat = {
  id: 'markdown',
  cli: '(a pull-request comment)',
  button: { label: 'Markdown', title: 'A summary for a pull request or ticket' },
  fileSuffix: '.exposure.md',
  mediaType: 'text/markdown',
  scan: (report) => [formatMarkdown(report)],
  diff: (diff) => [formatDiffMarkdown(diff)],
}
