// The compare page's downloads: the difference of the two versions in each report format that has
// a form for it (core/report/formats: JSON, Markdown, …), the same text `exposure-explorer diff
// --format <id>` writes. Made in the browser; nothing is sent.
import type { ReportDiff } from '../../core/report/diff'
import { reportFormats } from '../../core/report/formats/registry'
import { baseName, type ExportFile } from '../export/exports'

export interface DiffExport {
  id: string
  label: string
  title: string
  /** The file, made when asked (a large diff's JSON is long). */
  make: () => ExportFile
}

/** "a-1.0.tgz" → "a-1.1.tgz" as "a-1.0..a-1.1"; the formats' own suffixes with "diff" for "exposure". */
export function diffExportFiles(diff: ReportDiff): DiffExport[] {
  const stem = `${baseName(diff.old)}..${baseName(diff.new)}`
  return reportFormats().flatMap((f) => {
    const { diff: write, button } = f
    if (!write || !button) return []
    return [
      {
        id: f.id,
        label: button.label,
        title: `The comparison as ${button.label}`,
        make: () => ({
          name: stem + f.fileSuffix.replace('.exposure.', '.exposure-diff.'),
          type: f.mediaType,
          parts: [...write.call(f, diff)],
        }),
      },
    ]
  })
}
