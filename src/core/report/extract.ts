// "Take the leak away": the sources a source map rebuilt, as files at the paths the map gives them,
// plus a manifest. Shared by the page's zip download and the CLI's `scan --extract DIR`. Secrets are
// masked (as in the viewer) unless the person asks for the texts as they are in the artifact.
import { secretSpans } from '../detectors'
import { redactSecrets } from '../detectors/redact'
import type { ExposedFile } from './model'

/** The manifest's name in the extracted tree (not a name a source can take: sources sit in folders
 *  or keep their own names, and this one is written last, after a source of the same name). */
export const MANIFEST_NAME = 'exposure-explorer-manifest.json'

export interface ExtractEntry {
  file: ExposedFile
  /** The map the source came from: its container chain, joined by ' › '. */
  map: string
  /** Where the source goes in the extracted tree: its path in the map; under the map's own path
   *  when the artifact holds more than one map. */
  out: string
}

const chainKey = (parts: readonly string[]) => parts.join('\u0000')

/** Each file's source map when it is a source that map rebuilt, or undefined. */
function mapLookup(files: readonly ExposedFile[]): (file: ExposedFile) => ExposedFile | undefined {
  const maps = new Map<string, ExposedFile>()
  const names = new Set<string>()
  for (const f of files)
    if (f.container === 'source-map') {
      maps.set(chainKey([...f.origin, f.path]), f)
      names.add(f.path)
    }
  // Most files are not a map's sources: their origin's last part names no map, and no key is made.
  return (file) =>
    file.origin.length > 0 && names.has(file.origin[file.origin.length - 1]!)
      ? maps.get(chainKey(file.origin))
      : undefined
}

/** How many sources the artifact's source maps rebuilt (reconstructedSources(files).length). */
export function reconstructedSourceCount(files: readonly ExposedFile[]): number {
  const mapOf = mapLookup(files)
  let n = 0
  for (const file of files) if (mapOf(file)) n++
  return n
}

/** The sources rebuilt from the artifact's source maps (inline maps too), in report order. */
export function reconstructedSources(files: readonly ExposedFile[]): ExtractEntry[] {
  const mapOf = mapLookup(files)
  const found: { file: ExposedFile; map: ExposedFile }[] = []
  for (const file of files) {
    const map = mapOf(file)
    if (map) found.push({ file, map })
  }
  const several = new Set(found.map((e) => e.map)).size > 1
  return found.map(({ file, map }) => ({
    file,
    map: [...map.origin, map.path].join(' › '),
    out: several ? `${map.path}/${file.path}` : file.path,
  }))
}

/** A source's text as extracted: secrets masked unless `keepSecrets`. */
export function extractedText(entry: ExtractEntry, text: string, keepSecrets: boolean): string {
  return keepSecrets ? text : redactSecrets(text, secretSpans(entry.file.path, text))
}

export interface ExtractManifest {
  tool: string
  /** The analysed input's name. */
  input: string
  /** True when secrets were masked in the texts. */
  secretsMasked: boolean
  sources: {
    path: string
    map: string
    /** The map's `sources[i]` as written. */
    source?: string
    bytes: number
    lines: number
    /** False for sources the map names without content: listed here, no file written. */
    hasContent: boolean
  }[]
}

export function extractManifest(
  entries: readonly ExtractEntry[],
  input: string,
  keepSecrets: boolean,
  tool = 'exposure-explorer',
): ExtractManifest {
  return {
    tool,
    input,
    secretsMasked: !keepSecrets,
    sources: entries.map((e) => ({
      path: e.out,
      map: e.map,
      ...(e.file.rawSource !== undefined ? { source: e.file.rawSource } : {}),
      bytes: e.file.bytes,
      lines: e.file.lines,
      hasContent: e.file.hasContent,
    })),
  }
}
