// mappings and sources picked from a map's bytes agree with JSON.parse of the whole map, on random
// maps whose strings hold escapes, quotes, backslashes and non-ASCII text; maps that are not plain
// v3 maps (or not JSON) give null.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readMapMappings } from '../../../src/core/sourcemap/map-mappings'

const bytes = (s: string) => new TextEncoder().encode(s)

/** What the worker picked before: the same two fields from JSON.parse of the decoded map. */
function reference(text: string) {
  const map = JSON.parse(text) as { mappings?: unknown; sources?: unknown }
  if (typeof map.mappings !== 'string' || !Array.isArray(map.sources)) return null
  return { mappings: map.mappings, sources: map.sources.map((s) => (typeof s === 'string' ? s : '')) }
}

describe('readMapMappings', () => {
  it('agrees with JSON.parse on random maps', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 })
    const map = fc.record(
      {
        version: fc.constant(3),
        file: text,
        sourceRoot: fc.oneof(text, fc.constant(null)),
        sources: fc.array(fc.oneof(text, fc.constant(null), fc.integer()), { maxLength: 8 }),
        sourcesContent: fc.array(fc.oneof(text, fc.constant(null)), { maxLength: 8 }),
        names: fc.array(text, { maxLength: 4 }),
        mappings: fc.stringMatching(/^[A-Za-z0-9+/,;]{0,60}$/),
        x_extra: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: ['sources', 'mappings'] },
    )
    fc.assert(
      fc.property(map, fc.boolean(), (m, spaced) => {
        const json = JSON.stringify(m, null, spaced ? 2 : undefined)
        expect(readMapMappings(bytes(json))).toEqual(reference(json))
      }),
    )
  })

  it('keeps the last of a repeated key, as JSON.parse does', () => {
    const json = '{"mappings":"AAAA","sources":["a"],"mappings":"CAAC","sources":["b","c"]}'
    expect(readMapMappings(bytes(json))).toEqual({ mappings: 'CAAC', sources: ['b', 'c'] })
    expect(readMapMappings(bytes('{"mappings":"AAAA","sources":[],"mappings":null}'))).toBeNull()
  })

  it('skips the anti-XSSI line and a byte-order mark', () => {
    const json = '\uFEFF)]}\'\n{"sources":["a.ts"],"mappings":"AAAA"}'
    expect(readMapMappings(bytes(json))).toEqual({ mappings: 'AAAA', sources: ['a.ts'] })
  })

  it('gives null for an index map, a wrong type, damaged JSON or trailing data', () => {
    for (const json of [
      '{"version":3,"sections":[{"offset":{"line":0,"column":0},"map":{"sources":[],"mappings":""}}]}',
      '{"sources":"a.ts","mappings":"AAAA"}',
      '{"sources":["a.ts"],"mappings":7}',
      '{"sources":["a.ts"],"mappings":"AAAA"',
      '{"sources":["a.ts"],"sourcesContent":["x\\"],"mappings":"AAAA"}',
      '{"sources":["a.ts"],"mappings":"AAAA"} x',
      '[1]',
      '',
    ])
      expect(readMapMappings(bytes(json)), json).toBeNull()
  })
})
