// Difference between two reports of two versions of an artifact. (STUB signature; issue 7 builds it.)
import type { ExposedFile, Finding, Report } from './model'

export interface FileChange {
  status: 'new' | 'removed' | 'changed'
  /** The file in the new report (for 'removed': in the old one). */
  file: ExposedFile
  /** For 'changed': the file in the old report. */
  before?: ExposedFile
}

export interface ReportDiff {
  /** One sentence, e.g. "new: 1,906 first-party source files via package/cli.js.map". */
  headline: string
  files: FileChange[]
  newFindings: Finding[]
  goneFindings: Finding[]
  /** Paths compared are origin chain + path with the outermost container name dropped, so two versions
   *  of a tarball (a-1.0.tgz, a-1.1.tgz) line up. */
  old: Report
  new: Report
}

export function diffReports(before: Report, after: Report): ReportDiff {
  return { headline: '', files: [], newFindings: [], goneFindings: [], old: before, new: after }
}
