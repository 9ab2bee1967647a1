import { diffToJson } from '../diff'
import { jsonParts } from '../json-parts'
import type { ReportFormat } from './registry'

export const jsonFormat: ReportFormat = {
  id: 'json',
  cli: '(the report contract)',
  button: { label: 'JSON', title: 'The full report (JSON contract)' },
  fileSuffix: '.exposure.json',
  mediaType: 'application/json',
  scan: (report, extras) => jsonParts(report, extras?.partChars),
  diff: (diff) => jsonParts(diffToJson(diff)),
}
