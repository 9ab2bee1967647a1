// Markdown summary of a report, fit for a pull-request comment. (STUB signature; issue 7 builds it.)
import type { Report } from './model'

export function formatMarkdown(report: Report): string {
  return `# Exposure Explorer: ${report.input.name}\n\n${report.summary.headline ?? ''}\n`
}
