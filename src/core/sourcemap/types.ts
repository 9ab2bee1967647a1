// Types of the source-map surface (re-exported by index.ts, which analyze.ts imports).
import type { LiteralText } from './literal-measure'

/** One entry of a map's `sources`, with its content when `sourcesContent` has it. */
export interface MapSourceEntry {
  /** Index in the (flattened, for index maps) sources list. */
  index: number
  /** `sources[i]` as written in the map ('' when the entry is not a string). */
  raw: string
  /** Normalized path (webpack://, ../, file://, sourceRoot, \0 ids handled), relative, '/'-separated,
   *  unique within one map (duplicates get ` (2)` before the extension). */
  path: string
  /** `sourcesContent[i]`, or null when absent or null in the map; undefined when it is a string
   *  the reader was asked not to decode (see `literal`). */
  content: string | null | undefined
  /** With readSourceMap's `measureOnly`: a content measured on its literal, not decoded. */
  literal?: LiteralText
  /** Where `content` is written in the map's bytes: its JSON string literal, quotes included (a host
   *  keeps this range instead of the text, and unescapes it again when the text is wanted). */
  contentSpan?: { start: number; end: number }
  /** For index maps: the section (0-based) this source came from. */
  section?: number
}

export interface MapInfo {
  isIndexMap: boolean
  file?: string
  sourceRoot?: string
  /** 1-based line of the map's bytes where `sourceRoot` is written. */
  sourceRootLine?: number
  sourceCount: number
  /** Non-fatal problems, each naming the field (e.g. `"sourcesContent" has 3 entries for 5 sources`). */
  warnings: string[]
  /** A plain map's `mappings` string literal in the map's bytes, quotes included, from the same walk
   *  as the sources (absent for an index map, or when `mappings` is missing or not a string). */
  mappingsSpan?: { start: number; end: number }
  /** Sources that had content (a string in `sourcesContent`). */
  contentCount?: number
  /** Set when the map is damaged (e.g. truncated) after a complete `sources` array: the reason, as a
   *  SourceMapError would have given it. The sources and contents before the damage were still reported. */
  damaged?: string
  /** The warning (in `warnings`) that says so: what follows the damage is not read. */
  damageWarning?: string
}

/** A map that cannot be read at all; the message names the field and what was wrong. */
export class SourceMapError extends Error {
  override name = 'SourceMapError'
}
