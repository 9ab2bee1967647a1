// The two fields of a plain v3 map that attributing a bundle's bytes needs (`mappings` and the
// `sources` names), read from the map's UTF-8 bytes: every other value (all of `sourcesContent`)
// is skipped over with structure checks but never decoded, so a 57 MB map costs one walk over its
// bytes and two strings instead of a decode of the whole text and a JSON.parse of every source.
import { JsonBytes } from './json-bytes'
import { preambleLength } from './read-map'

export interface MapMappings {
  mappings: string
  /** Each source's name as the map spells it; '' for an entry that is not a string. */
  sources: string[]
}

/**
 * `mappings` and `sources` of the map in `bytes`, or null when it is not valid JSON, not an object,
 * or lacks a string `mappings` or an array `sources` (an index map, for one). A key given twice keeps
 * its last value, as JSON.parse does.
 */
export function readMapMappings(bytes: Uint8Array): MapMappings | null {
  const json = new JsonBytes(bytes)
  json.pos = preambleLength(json.bytes)
  let mappings: string | null = null
  let sources: string[] | null = null
  try {
    json.members((key) => {
      const at = json.pos
      const type = json.typeAt(at)
      if (key === 'mappings' && type === 'string') {
        const close = json.stringEnd(at)
        mappings = json.decodeString(at, close)
        json.pos = close + 1
      } else if (key === 'sources' && type === 'array') {
        const names: string[] = []
        json.elements(() => {
          const start = json.pos
          const span = json.skipValue()
          names.push(json.typeAt(start) === 'string' ? json.decodeString(span.start, span.end - 1) : '')
        })
        sources = names
      } else {
        json.skipValue()
        if (key === 'mappings') mappings = null
        if (key === 'sources') sources = null
      }
    })
    json.skipWhitespace()
    if (json.pos < bytes.length) return null
  } catch {
    return null // not JSON, or damaged past repair: the page keeps sizing by bytes
  }
  return mappings === null || sources === null ? null : { mappings, sources }
}
