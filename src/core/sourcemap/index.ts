// Source map reading: the public surface used by analyze.ts. (Interface fixed; bodies being built — issue 2.)

/** One entry of a map's `sources`, with its content when `sourcesContent` has it. */
export interface MapSourceEntry {
  /** Index in the (flattened, for index maps) sources list. */
  index: number
  /** `sources[i]` as written in the map. */
  raw: string
  /** Normalized path (webpack://, ../, file://, sourceRoot, \0 ids handled), relative, '/'-separated. */
  path: string
  /** `sourcesContent[i]`, or null when absent or null in the map. */
  content: string | null
}

export interface MapInfo {
  isIndexMap: boolean
  file?: string
  sourceRoot?: string
  sourceCount: number
  /** Non-fatal problems, each naming the field (e.g. `"sourcesContent" has 3 entries for 5 sources`). */
  warnings: string[]
}

/** A map that cannot be read at all; the message names the field and what was wrong. */
export class SourceMapError extends Error {}

/**
 * Reads a v3 map (plain or index map) from its bytes and calls `onSource` once per source, in order,
 * without decoding `mappings`. Must cope with maps larger than V8's maximum string length.
 */
export function readSourceMap(bytes: Uint8Array, onSource: (entry: MapSourceEntry) => void): MapInfo {
  void bytes
  void onSource
  throw new SourceMapError('source map reading is not built yet')
}

/** The last `sourceMappingURL` comment of a JS or CSS text, if any. */
export function findSourceMappingURL(text: string): string | undefined {
  void text
  return undefined
}

/** Bytes of a `data:` URL map (base64 or percent-encoded), or undefined if `url` is not a data: URL. */
export function decodeDataURL(url: string): Uint8Array | undefined {
  void url
  return undefined
}

/** The artifact-relative path a relative `sourceMappingURL` points at from `fromPath`, or undefined for
 *  absolute URLs (http:, https:, //host, file:) which are reported, never fetched. */
export function resolveMapURL(fromPath: string, url: string): string | undefined {
  void fromPath
  void url
  return undefined
}
