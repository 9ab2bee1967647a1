import { sarifParts } from '../format-sarif'
import type { ReportFormat } from './registry'

export const sarifFormat: ReportFormat = {
  id: 'sarif',
  cli: '(SARIF 2.1.0)',
  button: { label: 'SARIF', title: 'Findings as SARIF 2.1.0, for code-scanning tools' },
  fileSuffix: '.exposure.sarif',
  mediaType: 'application/sarif+json',
  scan: (report, extras) => sarifParts(report, extras?.partChars),
  // Code scanning of a release diff: only what the new version adds.
  diff: (diff) => sarifParts({ ...diff.new, findings: diff.newFindings }),
}
