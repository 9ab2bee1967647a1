// readSourceMap: the sources of a v3 map (plain or index map) without decoding `mappings` and without
// ever holding the map as one string (see json-bytes.ts for why).
//
// Two steps, both over the bytes: (1) the whole map's structure is checked and the byte spans of the
// fields are recorded, so an invalid map is rejected before any source is reported; (2) the `sources`
// and `sourcesContent` elements are walked in index order and each pair is decoded and reported. Only
// spans are buffered, never strings, so it does not matter whether `sourcesContent` comes first.
//
// Fatal (SourceMapError, message names the field): not JSON, not an object, a field of the wrong type
// (`"sources" must be an array of strings`), no `sources`/`sections`. Everything else is a warning and
// the sources are still reported: non-string entries, a `sourcesContent` longer or shorter than
// `sources`, a bad `version`, index-map sections that point elsewhere by `url` (never fetched).
import { JsonBytes, type Span } from './json-bytes'
import { normalizeSourcePath, uniquePath, UNNAMED_SOURCE } from './normalize'
import { SourceMapError, type MapInfo, type MapSourceEntry } from './types'

/** Index maps may nest (a section's map holding sections); deeper than this is refused. */
const MAX_SECTION_DEPTH = 8

type Fields = Map<string, Span>

interface ReadState {
  json: JsonBytes
  onSource: (entry: MapSourceEntry) => void
  warnings: string[]
  /** Normalized paths already used in this map, for `uniquePath`. */
  taken: Set<string>
  index: number
  contentCount: number
}

export function readSourceMap(bytes: Uint8Array, onSource: (entry: MapSourceEntry) => void): MapInfo {
  const json = new JsonBytes(bytes)
  json.pos = preambleLength(bytes)
  const first = json.peek()
  if (first === undefined) throw new SourceMapError('the map is empty')
  if (first !== 0x7b) throw new SourceMapError('a source map must be a JSON object')
  const fields = readFields(json, json.pos)
  json.skipWhitespace()
  if (json.pos < bytes.length) json.fail('unexpected data after the map')

  const state: ReadState = { json, onSource, warnings: [], taken: new Set(), index: 0, contentCount: 0 }
  const isIndexMap = fields.has('sections')
  const info: MapInfo = { isIndexMap, sourceCount: 0, warnings: state.warnings }
  const file = optionalString(json, fields, 'file', '')
  if (file !== undefined) info.file = file
  if (!isIndexMap) {
    const root = optionalString(json, fields, 'sourceRoot', '')
    if (root) info.sourceRoot = root
  }
  readMap(state, fields, '', undefined, 0)
  info.sourceCount = state.index
  info.contentCount = state.contentCount
  return info
}

/** Bytes to skip before the JSON: a UTF-8 BOM, and the `)]}'` anti-XSSI line the spec allows. */
function preambleLength(bytes: Uint8Array): number {
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  if (bytes[pos] === 0x29 && bytes[pos + 1] === 0x5d && bytes[pos + 2] === 0x7d) {
    const newline = bytes.indexOf(0x0a, pos)
    pos = newline < 0 ? bytes.length : newline + 1
  }
  return pos
}

function readFields(json: JsonBytes, at: number): Fields {
  const fields: Fields = new Map()
  json.pos = at
  // A repeated key keeps its last value, as JSON.parse does.
  json.members((key, value) => fields.set(key, value))
  return fields
}

function elementSpans(json: JsonBytes, span: Span): Span[] {
  const spans: Span[] = []
  json.pos = span.start
  json.elements((value) => spans.push(value))
  return spans
}

/** A string field, or undefined when absent or null; any other type is fatal. */
function optionalString(json: JsonBytes, fields: Fields, key: string, where: string): string | undefined {
  const span = fields.get(key)
  if (!span) return undefined
  const type = json.typeAt(span.start)
  if (type === 'null') return undefined
  if (type !== 'string') throw new SourceMapError(`${where}"${key}" must be a string`)
  return json.decodeString(span.start, span.end - 1)
}

function readMap(
  state: ReadState,
  fields: Fields,
  where: string,
  section: number | undefined,
  depth: number,
) {
  const { json, warnings } = state
  checkVersion(json, fields, where, warnings)
  const mappings = fields.get('mappings')
  if (mappings && json.typeAt(mappings.start) !== 'string')
    throw new SourceMapError(`${where}"mappings" must be a string`)
  const sections = fields.get('sections')
  if (sections) {
    if (depth >= MAX_SECTION_DEPTH) throw new SourceMapError(`${where}"sections" are nested too deeply`)
    if (fields.has('sources'))
      warnings.push(`${where}the map has both "sections" and "sources"; "sources" is ignored`)
    readSections(state, sections, where, section, depth)
    return
  }
  const sources = fields.get('sources')
  if (!sources) throw new SourceMapError(`${where}the map has no "sources" (and no "sections")`)
  if (json.typeAt(sources.start) !== 'array')
    throw new SourceMapError(`${where}"sources" must be an array of strings`)
  const contents = fields.get('sourcesContent')
  const contentType = contents && json.typeAt(contents.start)
  if (contentType && contentType !== 'array' && contentType !== 'null')
    throw new SourceMapError(`${where}"sourcesContent" must be an array of strings or nulls`)
  const sourceRoot = optionalString(json, fields, 'sourceRoot', where)
  const names = elementSpans(json, sources)
  const texts = contentType === 'array' ? elementSpans(json, contents!) : []
  if (contentType === 'array' && texts.length !== names.length) {
    const extra = texts.length > names.length ? '; the extra entries are ignored' : ''
    warnings.push(`${where}"sourcesContent" has ${texts.length} entries for ${names.length} sources${extra}`)
  }
  emitSources(state, names, texts, sourceRoot, where, section)
}

function checkVersion(json: JsonBytes, fields: Fields, where: string, warnings: string[]) {
  const span = fields.get('version')
  if (!span) {
    warnings.push(`${where}"version" is missing`)
    return
  }
  if (json.typeAt(span.start) !== 'number') throw new SourceMapError(`${where}"version" must be a number`)
  const version = json.primitive(span)
  if (version !== 3) warnings.push(`${where}"version" is ${String(version)}, expected 3`)
}

function readSections(state: ReadState, span: Span, where: string, outer: number | undefined, depth: number) {
  const { json, warnings } = state
  if (json.typeAt(span.start) !== 'array')
    throw new SourceMapError(`${where}"sections" must be an array of objects`)
  elementSpans(json, span).forEach((element, i) => {
    const at = `${where}"sections"[${i}]`
    if (json.typeAt(element.start) !== 'object') {
      warnings.push(`${at} is not an object; skipped`)
      return
    }
    const fields = readFields(json, element.start)
    const map = fields.get('map')
    const url = fields.get('url')
    if (map && json.typeAt(map.start) === 'object') {
      readMap(state, readFields(json, map.start), `${at}.map: `, outer ?? i, depth + 1)
    } else if (url && json.typeAt(url.start) === 'string') {
      const target = json.decodeString(url.start, url.end - 1)
      warnings.push(`${at} refers to another map by "url" (${target}); it is not fetched`)
    } else {
      warnings.push(`${at} has neither a "map" object nor a "url"; skipped`)
    }
  })
}

/** Reports each source in index order, decoding one name and one content at a time. */
function emitSources(
  state: ReadState,
  names: Span[],
  texts: Span[],
  sourceRoot: string | undefined,
  where: string,
  section: number | undefined,
) {
  const { json } = state
  const problems = { name: new Problem(), content: new Problem(), tooLarge: new Problem() }
  for (let i = 0; i < names.length; i++) {
    const name = names[i]
    let raw = ''
    if (json.typeAt(name.start) === 'string')
      raw = decodeOrNull(json, name, problems.name, problems.tooLarge, i) ?? ''
    else problems.name.add(i)
    let content: string | null = null
    const text = texts[i]
    if (text) {
      const type = json.typeAt(text.start)
      if (type === 'string') content = decodeOrNull(json, text, problems.content, problems.tooLarge, i)
      else if (type !== 'null') problems.content.add(i)
    }
    if (content !== null) state.contentCount++
    const path = uniquePath(normalizeSourcePath(raw, sourceRoot), state.taken)
    const entry: MapSourceEntry = { index: state.index++, raw, path, content }
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
