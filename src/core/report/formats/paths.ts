// The paths of the sources reconstructed from source maps, one a line: control characters (a newline
// would add a line) and bidi characters are written as escapes (\n, \u202E), backslashes doubled, so
// each line is one path, exactly.
import type { Report } from '../model'
import { escapeControls } from '../neutral-text'
import type { ReportFormat } from './registry'

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

export const pathsFormat: ReportFormat = {
  id: 'paths',
  cli: '(the paths reconstructed from source maps, one a line)',
  button: { label: 'Paths', title: 'Paths of the sources reconstructed from source maps' },
  fileSuffix: '.exposure-reconstructed-paths.txt',
  mediaType: 'text/plain',
  scan: (report) => {
    const paths = reconstructedPaths(report).map((path) => escapeControls(path, { backslash: true }))
    return [paths.join('\n') + (paths.length ? '\n' : '')]
  },
}
