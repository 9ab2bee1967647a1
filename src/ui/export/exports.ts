// The four downloads, made in the browser from the report: nothing is sent anywhere, the text
// becomes a Blob behind a short-lived object URL. The JSON report and the SARIF log are made in
// parts (a Blob takes an array of them), so a report longer than one string can be still exports.
import { formatMarkdown } from '../../core/report/format-markdown'
import { sarifParts } from '../../core/report/format-sarif'
import { jsonParts } from '../../core/report/json-parts'
import type { Report } from '../../core/report/model'
import { escapeControls } from '../../core/report/neutral-text'

export type ExportFormat = 'json' | 'markdown' | 'sarif' | 'paths'

export interface ExportFile {
  name: string
  type: string
  /** The file's text (or bytes), in order. */
  parts: (string | Uint8Array<ArrayBuffer>)[]
}

/** Paths of files reconstructed from a source map: a file whose origin chain passes through a map
 *  container (or through a member named *.map, for reports without container marks). */
export function reconstructedPaths(report: Report): string[] {
  const maps = new Set<string>()
  for (const file of report.files) {
    if (file.container === 'source-map') maps.add([...file.origin, file.path].join('\u0000'))
  }
  return report.files
    .filter((file) =>
      file.origin.some(
        (entry, i) => maps.has(file.origin.slice(0, i + 1).join('\u0000')) || /\.map$/i.test(entry),
      ),
    )
    .map((file) => file.path)
}

/** "dir/acme-orbit-cli-3.4.1.tgz" -> "acme-orbit-cli-3.4.1". */
function baseName(report: Report): string {
  const first = report.input.name.split(', ')[0].split('/').pop() || 'artifact'
  return first.replace(/\.(tgz|tar\.gz|tar|gz|zip|vsix|jar|whl|crx|map|js)$/i, '') || 'artifact'
}

export function exportFile(report: Report, format: ExportFormat): ExportFile {
  const base = `${baseName(report)}.exposure`
  switch (format) {
    case 'json':
      return { name: `${base}.json`, type: 'application/json', parts: [...jsonParts(report)] }
    case 'markdown':
      return { name: `${base}.md`, type: 'text/markdown', parts: [formatMarkdown(report)] }
    case 'sarif':
      return { name: `${base}.sarif`, type: 'application/sarif+json', parts: [...sarifParts(report)] }
    case 'paths': {
      // One path per line: control characters (a newline would add a line) and bidi characters are
      // written as escapes (\n, \u202E), backslashes doubled, so each line is one path, exactly.
      const paths = reconstructedPaths(report).map((path) => escapeControls(path, { backslash: true }))
      return {
        name: `${base}-reconstructed-paths.txt`,
        type: 'text/plain',
        parts: [paths.join('\n') + (paths.length ? '\n' : '')],
      }
    }
  }
}

/** Starts a download of `file` (an <a download> click on an object URL, revoked right after). */
export function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob(file.parts, { type: `${file.type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The click has queued the download; the URL can go once the current task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
