// readSourceMap: the sources of a v3 map (plain or index map) without decoding `mappings` and without
// ever holding the map as one string (see json-bytes.ts for why).
//
// Two steps, both over the bytes: (1) the whole map's structure is checked in one walk that records the
// byte spans of the fields, of each `sources`/`sourcesContent` element and of index-map sections, so an
// invalid map is rejected before any source is reported; (2) the elements are visited in index order and
// each name/content pair is decoded and reported. Only spans are buffered, never strings, so it does not
// matter whether `sourcesContent` comes before `sources`.
//
// Fatal (SourceMapError, message names the field): not JSON (unless the damage comes after a complete
// `sources`: then what precedes it is reported, see isSalvageable), not an object, a field of the wrong type
// (`"sources" must be an array of strings`), no `sources`/`sections`. Everything else is a warning and
// the sources are still reported: non-string entries, a `sourcesContent` longer or shorter than
// `sources`, a bad `version`, index-map sections that point elsewhere by `url` (never fetched).
import { ByteWindow, type SyncBytes } from './byte-window'
import { JsonBytes, type Span } from './json-bytes'
import { measureLiteral, type LiteralText } from './literal-measure'
import { normalizeSourcePath, takenPaths, uniquePath, UNNAMED_SOURCE, type TakenPaths } from './normalize'
import { SourceMapError, type MapInfo, type MapSourceEntry } from './types'

/** Index maps may nest (a section's map holding sections); deeper than this is refused. */
const MAX_SECTION_DEPTH = 8
const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b

/** A field's value span, with the parts step 2 needs already located. */
interface Field {
  span: Span
  /** `sources` / `sourcesContent`: each element. */
  elements?: Span[]
  /** `sections`: each element's fields, or undefined for an element that is not an object. */
  sections?: (Fields | undefined)[]
  /** `map` inside a section. */
  map?: Fields
}
type Fields = Map<string, Field>

interface ReadState {
  json: JsonBytes
  onSource: (entry: MapSourceEntry) => void
  warnings: string[]
  /** Normalized paths already used in this map, for `uniquePath`. */
  taken: TakenPaths
  measureOnly: boolean
  index: number
  contentCount: number
  /** Source lists found and checked in step 1, reported in step 2 once the whole map is known good. */
  lists: SourceList[]
}

interface SourceList {
  names: Span[]
  texts: Span[]
  sourceRoot: string | undefined
  where: string
  section: number | undefined
}

export interface ReadOptions {
  /** Contents are measured on their literals (`entry.literal`) instead of decoded, where that is
   *  exact (see literal-measure.ts); the others are decoded as usual. */
  measureOnly?: boolean
}

/**
 * Reads a v3 map (plain or index map) from its bytes and calls `onSource` once per source, in index
 * order, without decoding `mappings`; works on maps past V8's maximum string length. Throws
 * SourceMapError for an unreadable map (before any `onSource` call); an exception thrown by `onSource`
 * (e.g. a limit) propagates unchanged.
 */
export function readSourceMap(
  source: Uint8Array | SyncBytes,
  onSource: (entry: MapSourceEntry) => void,
  options: ReadOptions = {},
): MapInfo {
  const json = new JsonBytes(source)
  const bytes = json.bytes
  json.pos = preambleLength(bytes)
  const first = json.peek()
  if (first === undefined) throw new SourceMapError('the map is empty')
  if (first !== OPEN_BRACE) throw new SourceMapError('a source map must be a JSON object')
  const fields: Fields = new Map()
  let damage: SourceMapError | undefined
  try {
    readFields(json, 0, false, fields)
    json.skipWhitespace()
    if (json.pos < bytes.length) json.fail('unexpected data after the map')
  } catch (error) {
    if (!(error instanceof SourceMapError) || !isSalvageable(fields)) throw error
    damage = error
    // Drop the field the damage cut short, unless it is an array whose complete elements are usable.
    for (const [key, field] of fields) {
      if (field.span.end === field.span.start && !field.elements) fields.delete(key)
    }
  }

  const state: ReadState = {
    json,
    onSource,
    warnings: [],
    taken: takenPaths(),
    measureOnly: options.measureOnly === true,
    index: 0,
    contentCount: 0,
    lists: [],
  }
  const isIndexMap = fields.has('sections')
  const info: MapInfo = { isIndexMap, sourceCount: 0, warnings: state.warnings }
  const file = optionalString(json, fields, 'file', '')
  if (file !== undefined) info.file = file
  if (!isIndexMap) {
    const root = optionalString(json, fields, 'sourceRoot', '')
    if (root) {
      info.sourceRoot = root
      info.sourceRootLine = lineAt(bytes, fields.get('sourceRoot')!.span.start)
    }
  }
  readMap(state, fields, '', undefined)
  const mappings = fields.get('mappings')?.span
  if (!isIndexMap && mappings && json.typeAt(mappings.start) === 'string') info.mappingsSpan = mappings
  for (const list of state.lists) emitSources(state, list)
  info.sourceCount = state.index
  info.contentCount = state.contentCount
  if (damage) {
    info.damaged = damage.message
    info.damageWarning = `the map is damaged (${damage.message}); the ${state.index} sources and ${state.contentCount} contents before the damage are listed`
    state.warnings.push(info.damageWarning)
  }
  return info
}

/**
 * A truncated or corrupted plain map still exposes what precedes the damage. When `sources` was read
 * completely before the damage, its sources are reported (with the contents read so far) and the damage
 * becomes a warning; otherwise the map is rejected. Index maps are not salvaged.
 */
function isSalvageable(fields: Fields): boolean {
  const sources = fields.get('sources')
  return !fields.has('sections') && !!sources?.elements && sources.span.end > sources.span.start
}

/** Bytes to skip before the JSON: a UTF-8 BOM, and the `)]}'` anti-XSSI line the spec allows. */
export function preambleLength(bytes: ByteWindow): number {
  let pos = bytes.at(0) === 0xef && bytes.at(1) === 0xbb && bytes.at(2) === 0xbf ? 3 : 0
  if (bytes.at(pos) === 0x29 && bytes.at(pos + 1) === 0x5d && bytes.at(pos + 2) === 0x7d) {
    const newline = bytes.indexOf(0x0a, pos)
    pos = newline < 0 ? bytes.length : newline + 1
  }
  return pos
}

/** Reads the object at `pos`: every member is validated; the ones the reader uses are located in detail. */
function readFields(json: JsonBytes, depth: number, inSection = false, fields: Fields = new Map()): Fields {
  // A repeated key keeps its last value, as JSON.parse does. A field is recorded before its value is
  // read (its span ends at its start until then), so a damaged map leaves what was read for salvage.
  json.members((key) => {
    const start = json.pos
    const c = json.bytes.at(start)
    const field: Field = { span: { start, end: start } }
    fields.set(key, field)
    if ((key === 'sources' || key === 'sourcesContent') && c === OPEN_BRACKET && !inSection) {
      const elements: Span[] = (field.elements = [])
      json.elements(() => elements.push(json.skipValue()))
    } else if (key === 'sections' && c === OPEN_BRACKET && !inSection && depth < MAX_SECTION_DEPTH) {
      const sections: (Fields | undefined)[] = (field.sections = [])
      json.elements(() => {
        if (json.bytes.at(json.pos) === OPEN_BRACE) sections.push(readFields(json, depth + 1, true))
        else sections.push(void json.skipValue())
      })
    } else if (key === 'map' && c === OPEN_BRACE && inSection) {
      field.map = readFields(json, depth)
    } else {
      json.skipValue()
    }
    field.span.end = json.pos
  })
  return fields
}

/** A string field, or undefined when absent or null; any other type is fatal. */
/** 1-based line of byte offset `at` (counts the line feeds before it). */
function lineAt(bytes: ByteWindow, at: number): number {
  let line = 1
  for (let i = bytes.indexOf(0x0a, 0); i !== -1 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++
  return line
}

function optionalString(json: JsonBytes, fields: Fields, key: string, where: string): string | undefined {
  const span = fields.get(key)?.span
  if (!span) return undefined
  const type = json.typeAt(span.start)
  if (type === 'null') return undefined
  if (type !== 'string') throw new SourceMapError(`${where}"${key}" must be a string`)
  return json.decodeString(span.start, span.end - 1)
}

function readMap(state: ReadState, fields: Fields, where: string, section: number | undefined) {
  const { json, warnings } = state
  checkVersion(json, fields, where, warnings)
  const type = (key: string) => {
    const field = fields.get(key)
    return field && json.typeAt(field.span.start)
  }
  if (type('mappings') && type('mappings') !== 'string')
    throw new SourceMapError(`${where}"mappings" must be a string`)
  const sections = fields.get('sections')
  if (sections) {
    if (type('sections') !== 'array')
      throw new SourceMapError(`${where}"sections" must be an array of objects`)
    if (!sections.sections) throw new SourceMapError(`${where}"sections" are nested too deeply`)
    if (fields.has('sources'))
      warnings.push(`${where}the map has both "sections" and "sources"; "sources" is ignored`)
    readSections(state, sections.sections, where, section)
    return
  }
  const names = fields.get('sources')?.elements
  if (!fields.has('sources')) throw new SourceMapError(`${where}the map has no "sources" (and no "sections")`)
  if (!names) throw new SourceMapError(`${where}"sources" must be an array of strings`)
  const contentType = type('sourcesContent')
  if (contentType && contentType !== 'array' && contentType !== 'null')
    throw new SourceMapError(`${where}"sourcesContent" must be an array of strings or nulls`)
  const sourceRoot = optionalString(json, fields, 'sourceRoot', where)
  const texts = fields.get('sourcesContent')?.elements ?? []
  if (contentType === 'array' && texts.length !== names.length) {
    const extra = texts.length > names.length ? '; the extra entries are ignored' : ''
    warnings.push(`${where}"sourcesContent" has ${texts.length} entries for ${names.length} sources${extra}`)
  }
  state.lists.push({ names, texts, sourceRoot, where, section })
}

function checkVersion(json: JsonBytes, fields: Fields, where: string, warnings: string[]) {
  const span = fields.get('version')?.span
  if (!span) {
    warnings.push(`${where}"version" is missing`)
    return
  }
  if (json.typeAt(span.start) !== 'number') throw new SourceMapError(`${where}"version" must be a number`)
  const version = json.primitive(span)
  if (version !== 3) warnings.push(`${where}"version" is ${String(version)}, expected 3`)
}

function readSections(
  state: ReadState,
  sections: (Fields | undefined)[],
  where: string,
  outer: number | undefined,
) {
  const { json, warnings } = state
  sections.forEach((fields, i) => {
    const at = `${where}"sections"[${i}]`
    if (!fields) {
      warnings.push(`${at} is not an object; skipped`)
      return
    }
    const map = fields.get('map')?.map
    const url = fields.get('url')?.span
    if (map) {
      readMap(state, map, `${at}.map: `, outer ?? i)
    } else if (url && json.typeAt(url.start) === 'string') {
      const target = json.decodeString(url.start, url.end - 1)
      warnings.push(`${at} refers to another map by "url" (${target}); it is not fetched`)
    } else {
      warnings.push(`${at} has neither a "map" object nor a "url"; skipped`)
    }
  })
}

/** Reports each source in index order, decoding one name and one content at a time. */
function emitSources(state: ReadState, { names, texts, sourceRoot, where, section }: SourceList) {
  const { json } = state
  const problems = { name: new Problem(), content: new Problem(), tooLarge: new Problem() }
  for (let i = 0; i < names.length; i++) {
    const name = names[i]
    let raw = ''
    if (json.typeAt(name.start) === 'string')
      raw = decodeOrNull(json, name, problems.name, problems.tooLarge, i) ?? ''
    else problems.name.add(i)
    let content: string | null | undefined = null
    let literal: LiteralText | undefined
    const text = texts[i]
    if (text) {
      const type = json.typeAt(text.start)
      if (type === 'string' && state.measureOnly)
        literal = measureLiteral(json.bytes.slice(text.start, text.end))
      if (literal) content = undefined
      else if (type === 'string') content = decodeOrNull(json, text, problems.content, problems.tooLarge, i)
      else if (type !== 'null') problems.content.add(i)
    }
    if (content !== null) state.contentCount++
    const path = uniquePath(normalizeSourcePath(raw, sourceRoot), state.taken)
    const entry: MapSourceEntry = { index: state.index++, raw, path, content }
    if (literal) entry.literal = literal
    if (content !== null) entry.contentSpan = text
    if (section !== undefined) entry.section = section
    state.onSource(entry)
  }
  const counted = (n: number, what: string) => `${n} ${what} ${n === 1 ? 'entry' : 'entries'}`
  problems.name.report(
    state.warnings,
    (n, first) =>
      `${where}"sources" has ${counted(n, 'non-string')} (first at index ${first}); listed as ${UNNAMED_SOURCE}`,
  )
  problems.content.report(
    state.warnings,
    (n, first) =>
      `${where}"sourcesContent" has ${counted(n, 'invalid')} (first at index ${first}); listed without content`,
  )
  problems.tooLarge.report(
    state.warnings,
    (n, first) =>
      `${where}"sourcesContent" has ${counted(n, 'too-large-to-decode')} (first at index ${first}); listed without content`,
  )
}

/** Decodes a string element; a bad escape or a string over the engine's limit is counted, not fatal. */
function decodeOrNull(
  json: JsonBytes,
  span: Span,
  invalid: Problem,
  tooLarge: Problem,
  i: number,
): string | null {
  try {
    return json.decodeString(span.start, span.end - 1)
  } catch (error) {
    if (error instanceof RangeError) tooLarge.add(i)
    else if (error instanceof SourceMapError) invalid.add(i)
    else throw error
    return null
  }
}

/** Counts entries with one kind of problem, so a map with 10,000 bad entries gives one warning. */
class Problem {
  count = 0
  first = -1
  add(index: number) {
    if (this.count++ === 0) this.first = index
  }
  report(warnings: string[], message: (count: number, first: number) => string) {
    if (this.count > 0) warnings.push(message(this.count, this.first))
  }
}
