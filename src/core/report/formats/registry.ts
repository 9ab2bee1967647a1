// The report formats, one table for the CLI (`--format`) and the page (its export buttons). A new
// format is one file in this folder exporting a ReportFormat, and one line in FORMATS below.
import type { ReportDiff } from '../diff'
import type { HtmlExtras } from '../format-html'
import type { Report } from '../model'
import { htmlFormat } from './html'
import { jsonFormat } from './json'
import { markdownFormat } from './markdown'
import { pathsFormat } from './paths'
import { sarifFormat } from './sarif'
import { textFormat } from './text'

/** What a host may add to a report it writes: the page's treemap picture (HTML); and how long the
 *  parts of the JSON formats are (characters, default PART_CHARS of json-parts.ts; 1: each piece as it
 *  is made, for a writer that encodes the pieces into its own buffers). */
export type FormatExtras = HtmlExtras & { partChars?: number }

export interface ReportFormat {
  /** The CLI's `--format` value and the page's export id (`data-testid="export-<id>"`). */
  id: string
  /** The CLI help's words for it (after the id); without them the CLI does not offer the format. */
  cli?: string
  /** The page's export button; without one the page does not offer the format. */
  button?: { label: string; title: string }
  /** What a download's name ends with after the artifact's name ('.exposure.json'), and its type. */
  fileSuffix: string
  mediaType: string
  /** The report as text, in parts (a Blob takes an array; the CLI writes them in turn), so a report
   *  longer than one string can be still is written. */
  scan(report: Report, extras?: FormatExtras): Iterable<string>
  /** The difference of two versions; without it `diff` does not offer the format. */
  diff?(diff: ReportDiff): Iterable<string>
}

/** In the order the CLI help and the page list them; the first is the CLI's default. */
const FORMATS: ReportFormat[] = [textFormat, jsonFormat, sarifFormat, markdownFormat, htmlFormat, pathsFormat]

export const reportFormats = (): readonly ReportFormat[] => FORMATS

export const reportFormat = (id: string): ReportFormat | undefined => FORMATS.find((f) => f.id === id)

/** Adds a format at run time (a test's dummy, a host's own); its id must be new. */
export function registerReportFormat(format: ReportFormat): void {
  if (reportFormat(format.id)) throw new Error(`report format '${format.id}' is already registered`)
  FORMATS.push(format)
}
