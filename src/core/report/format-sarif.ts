// SARIF 2.1.0 log of a report's findings. (STUB signature; issue 7 builds it.)
import type { Report } from './model'

export function formatSarif(report: Report): Record<string, unknown> {
  return { version: '2.1.0', runs: [{ tool: { driver: { name: report.tool.name } }, results: [] }] }
}
