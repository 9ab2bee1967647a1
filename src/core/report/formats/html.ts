import { htmlParts } from '../format-html'
import type { ReportFormat } from './registry'

export const htmlFormat: ReportFormat = {
  id: 'html',
  cli: '(a self-contained incident report to hand over)',
  button: {
    label: 'HTML report',
    title: 'A self-contained HTML incident report: brief, exposures, identity',
  },
  fileSuffix: '.exposure.html',
  mediaType: 'text/html',
  scan: (report, extras) => htmlParts(report, extras),
}
