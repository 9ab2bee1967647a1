// The input formats the reader opens, with the file names that promise each. The bytes decide what a
// file is (sniff.ts); the names serve the words around it: the formats the landing page and the CLI
// help list, the warning for a file named like an archive whose bytes are not one, and a download's
// name without its extension. A new archive format adds its row here next to its reader.

export interface InputFormat {
  /** What sniff() calls it. */
  id: 'gzip' | 'tar' | 'zip' | 'crx'
  /** Name endings (lower case, no dot) that promise it; the first ones are listed to people. */
  extensions: readonly string[]
  /** How many of `extensions` the landing page and CLI help list (the common ones). */
  listed: number
}

export const INPUT_FORMATS: readonly InputFormat[] = [
  { id: 'gzip', extensions: ['tgz', 'tar.gz', 'gz'], listed: 1 },
  { id: 'tar', extensions: ['tar'], listed: 1 },
  { id: 'zip', extensions: ['zip', 'vsix', 'jar', 'whl', 'war', 'nupkg', 'xpi', 'apk'], listed: 4 },
  { id: 'crx', extensions: ['crx'], listed: 1 },
]

/** Every name ending that promises an archive. */
export const ARCHIVE_EXTENSIONS: readonly string[] = INPUT_FORMATS.flatMap((f) => f.extensions)

/** The archive endings people are told about, with their dots: ".tgz", ".tar", ".zip", … */
export const LISTED_EXTENSIONS: readonly string[] = INPUT_FORMATS.flatMap((f) =>
  f.extensions.slice(0, f.listed).map((e) => `.${e}`),
)

const ARCHIVE_NAME = new RegExp(
  `\\.(${[...ARCHIVE_EXTENSIONS]
    .sort((a, b) => b.length - a.length)
    .map((e) => e.replace('.', '\\.'))
    .join('|')})$`,
  'i',
)

/** The archive ending of `name` as written, or undefined: "a.TGZ" -> "TGZ" (the longest that fits). */
export const archiveExtension = (name: string): string | undefined => ARCHIVE_NAME.exec(name)?.[1]
