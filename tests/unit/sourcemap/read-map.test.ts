import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  normalizeSourcePath,
  readSourceMap,
  SourceMapError,
  takenPaths,
  uniquePath,
  type MapSourceEntry,
} from '../../../src/core/sourcemap'
import { decodeJsonLiteral } from '../../../src/core/sourcemap/json-bytes'

const encoder = new TextEncoder()
const bytesOf = (value: unknown) => encoder.encode(typeof value === 'string' ? value : JSON.stringify(value))

/** Reads a map; each content's span must be the JSON literal that decodes to it (a host keeps the
 *  span instead of the text). Entries come back without their spans, to compare by value. */
function read(value: unknown) {
  const entries: MapSourceEntry[] = []
  const bytes = bytesOf(value)
  const info = readSourceMap(bytes, ({ contentSpan, ...entry }) => {
    if (entry.content === null) expect(contentSpan).toBeUndefined()
    else {
      expect(bytes[contentSpan!.start]).toBe(0x22)
      expect(bytes[contentSpan!.end - 1]).toBe(0x22)
      expect(decodeJsonLiteral(bytes.subarray(contentSpan!.start, contentSpan!.end))).toBe(entry.content)
    }
    entries.push(entry)
  })
  return { info, entries }
}

function failure(value: unknown): string {
  try {
    readSourceMap(bytesOf(value), () => {
      throw new Error('a source was reported from a map that is then rejected')
    })
  } catch (error) {
    expect(error).toBeInstanceOf(SourceMapError)
    return (error as Error).message
  }
  throw new Error('expected the map to be rejected')
}

const plain = (extra: Record<string, unknown> = {}) => ({
  version: 3,
  file: 'out.js',
  sources: ['webpack://app/./src/a.ts', 'webpack://app/./node_modules/x/index.js'],
  sourcesContent: ['export const a = "\\u00e9\\n"\n', 'module.exports = 1'],
  names: ['a'],
  mappings: 'AAAA;ACAA',
  ...extra,
})

describe('readSourceMap: plain maps', () => {
  it('reports each source with raw name, normalized path and decoded content, in order', () => {
    const { info, entries } = read(plain())
    expect(entries).toEqual([
      {
        index: 0,
        raw: 'webpack://app/./src/a.ts',
        path: 'src/a.ts',
        content: 'export const a = "\\u00e9\\n"\n',
      },
      {
        index: 1,
        raw: 'webpack://app/./node_modules/x/index.js',
        path: 'node_modules/x/index.js',
        content: 'module.exports = 1',
      },
    ])
    const { mappingsSpan, ...rest } = info
    expect(rest).toEqual({ isIndexMap: false, file: 'out.js', sourceCount: 2, contentCount: 2, warnings: [] })
    // The same walk found the mappings' literal.
    const json = JSON.stringify(plain())
    expect(json.slice(mappingsSpan!.start, mappingsSpan!.end)).toBe('"AAAA;ACAA"')
  })

  it('gives no mappings span for an index map or a map without mappings', () => {
    expect(read(plain({ mappings: undefined })).info.mappingsSpan).toBeUndefined()
    const index = { version: 3, sections: [{ offset: { line: 0, column: 0 }, map: plain() }] }
    expect(read(index).info.mappingsSpan).toBeUndefined()
  })

  it('decodes escapes and non-ASCII text exactly as JSON.parse does', () => {
    const content = 'tab\there "quoted" back\\slash \u2028 \ud83d\ude00 é ünï \u0000 end'
    const { entries } = read(plain({ sources: ['é/ü.ts'], sourcesContent: [content] }))
    expect(entries[0].content).toBe(content)
    expect(entries[0].raw).toBe('é/ü.ts')
  })

  it('applies sourceRoot and reports it', () => {
    const { info, entries } = read(
      plain({ sourceRoot: 'webpack://app/./lib/', sources: ['a.ts', '../b.ts'] }),
    )
    expect(entries.map((e) => e.path)).toEqual(['lib/a.ts', 'b.ts'])
    expect(info.sourceRoot).toBe('webpack://app/./lib/')
  })

  it('lists sources without content when sourcesContent is absent, null, partial or has nulls', () => {
    const sources = ['a.ts', 'b.ts', 'c.ts']
    expect(read(plain({ sources, sourcesContent: undefined })).entries.map((e) => e.content)).toEqual([
      null,
      null,
      null,
    ])
    expect(read(plain({ sources, sourcesContent: null })).entries.map((e) => e.content)).toEqual([
      null,
      null,
      null,
    ])
    const partial = read(plain({ sources, sourcesContent: ['A', null] }))
    expect(partial.entries.map((e) => e.content)).toEqual(['A', null, null])
    expect(partial.info.contentCount).toBe(1)
    expect(partial.info.warnings).toEqual(['"sourcesContent" has 2 entries for 3 sources'])
  })

  it('warns about extra contents and non-string entries, and still lists every source', () => {
    const { info, entries } = read(plain({ sources: ['a.ts', 7, null], sourcesContent: ['A', 'B', 5, 'D'] }))
    expect(entries.map((e) => [e.raw, e.path, e.content])).toEqual([
      ['a.ts', 'a.ts', 'A'],
      ['', '(unnamed)', 'B'],
      ['', '(unnamed) (2)', null],
    ])
    expect(info.warnings).toEqual([
      '"sourcesContent" has 4 entries for 3 sources; the extra entries are ignored',
      '"sources" has 2 non-string entries (first at index 1); listed as (unnamed)',
      '"sourcesContent" has 1 invalid entry (first at index 2); listed without content',
    ])
  })

  it('keeps duplicates apart', () => {
    const { entries } = read(
      plain({ sources: ['webpack://a/./x.ts', '../x.ts', 'x.ts?v=2'], sourcesContent: [] }),
    )
    expect(entries.map((e) => e.path)).toEqual(['x.ts', 'x (2).ts', 'x (3).ts'])
  })

  it('reads sourcesContent placed before sources, pairing by index', () => {
    const text =
      '{"sourcesContent":["A",null,"C"],"mappings":"","sources":["a.js","b.js","c.js"],"version":3}'
    const { entries } = read(text)
    expect(entries.map((e) => [e.path, e.content])).toEqual([
      ['a.js', 'A'],
      ['b.js', null],
      ['c.js', 'C'],
    ])
  })

  it("skips a UTF-8 BOM, the )]}' XSSI line and whitespace; a repeated key keeps its last value", () => {
    const json = ' \n{"version":3,"sources":["old.ts"],"sources":["new.ts"],"mappings":""}\n\n'
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(")]}'\n" + json)])
    const entries: MapSourceEntry[] = []
    readSourceMap(bom, (e) => entries.push(e))
    expect(entries.map((e) => e.path)).toEqual(['new.ts'])
  })

  it('warns about a missing or unexpected version but reads the sources', () => {
    const { version: _, ...noVersion } = plain()
    expect(read(noVersion).info.warnings).toEqual(['"version" is missing'])
    expect(read(plain({ version: 2 })).info.warnings).toEqual(['"version" is 2, expected 3'])
    expect(read(plain({ version: 2 })).entries).toHaveLength(2)
  })
})

describe('readSourceMap: index maps', () => {
  const section = (line: number, map: unknown) => ({ offset: { line, column: 0 }, map })
  const indexMap = {
    version: 3,
    file: 'all.js',
    sections: [
      section(0, {
        version: 3,
        sourceRoot: '../',
        sources: ['src/a.ts', 'src/b.ts'],
        sourcesContent: ['A', 'B'],
        mappings: 'AAAA',
      }),
      { offset: { line: 10, column: 0 }, url: 'https://maps.example/other.js.map' },
      section(20, {
        version: 3,
        sources: ['webpack://app/./src/a.ts'],
        sourcesContent: ['A2'],
        mappings: 'AAAA',
      }),
      section(30, { version: 3, sections: [section(0, { version: 3, sources: ['deep.ts'], mappings: '' })] }),
      { offset: { line: 40, column: 0 } },
      'not a section',
    ],
  }

  it('flattens sections in order with one index sequence, each with its own sourceRoot', () => {
    const { info, entries } = read(indexMap)
    expect(entries).toEqual([
      { index: 0, raw: 'src/a.ts', path: 'src/a.ts', content: 'A', section: 0 },
      { index: 1, raw: 'src/b.ts', path: 'src/b.ts', content: 'B', section: 0 },
      { index: 2, raw: 'webpack://app/./src/a.ts', path: 'src/a (2).ts', content: 'A2', section: 2 },
      { index: 3, raw: 'deep.ts', path: 'deep.ts', content: null, section: 3 },
    ])
    expect(info).toMatchObject({ isIndexMap: true, file: 'all.js', sourceCount: 4, contentCount: 3 })
    expect(info.sourceRoot).toBeUndefined()
    expect(info.warnings).toEqual([
      '"sections"[1] refers to another map by "url" (https://maps.example/other.js.map); it is not fetched',
      '"sections"[4] has neither a "map" object nor a "url"; skipped',
      '"sections"[5] is not an object; skipped',
    ])
  })

  it('reads nested index maps up to 8 levels and refuses deeper ones', () => {
    const nest = (levels: number): unknown =>
      levels === 0
        ? { version: 3, sources: ['leaf.ts'], sourcesContent: ['L'], mappings: '' }
        : { version: 3, sections: [section(0, nest(levels - 1))] }
    expect(read(nest(8)).entries).toEqual([
      { index: 0, raw: 'leaf.ts', path: 'leaf.ts', content: 'L', section: 0 },
    ])
    expect(failure(nest(9))).toBe(`${'"sections"[0].map: '.repeat(8)}"sections" are nested too deeply`)
  })

  it('prefers "sections" over "sources" when a map has both, with a warning', () => {
    const both = {
      version: 3,
      sources: ['ignored.ts'],
      sections: [section(0, { version: 3, sources: ['a.ts'], mappings: '' })],
    }
    const { info, entries } = read(both)
    expect(entries.map((e) => e.path)).toEqual(['a.ts'])
    expect(info.warnings).toEqual(['the map has both "sections" and "sources"; "sources" is ignored'])
  })

  it('names the section in errors, and reports nothing from a map with a bad section', () => {
    const good = section(0, { version: 3, sources: ['a.ts'], mappings: '' })
    const broken = { version: 3, sections: [good, section(9, { version: 3, sources: 'a.ts', mappings: '' })] }
    expect(failure(broken)).toBe('"sections"[1].map: "sources" must be an array of strings')
    const rooted = { version: 3, sections: [good, section(9, { version: 3, sourceRoot: 1, sources: [] })] }
    expect(failure(rooted)).toBe('"sections"[1].map: "sourceRoot" must be a string')
  })
})

describe('readSourceMap: invalid maps', () => {
  it.each([
    ['', 'the map is empty'],
    ['  \n', 'the map is empty'],
    ['[]', 'a source map must be a JSON object'],
    ['"x"', 'a source map must be a JSON object'],
    ['{"version":3,"sources":5,"mappings":""}', '"sources" must be an array of strings'],
    ['{"version":3,"sources":{},"mappings":""}', '"sources" must be an array of strings'],
    [
      '{"version":3,"sources":[],"sourcesContent":"x","mappings":""}',
      '"sourcesContent" must be an array of strings or nulls',
    ],
    ['{"version":3,"sources":[],"mappings":5}', '"mappings" must be a string'],
    ['{"version":"3","sources":[],"mappings":""}', '"version" must be a number'],
    ['{"version":3,"sources":[],"file":1,"mappings":""}', '"file" must be a string'],
    ['{"version":3,"sources":[],"sourceRoot":[],"mappings":""}', '"sourceRoot" must be a string'],
    ['{"version":3,"sections":{}}', '"sections" must be an array of objects'],
    ['{"version":3,"mappings":""}', 'the map has no "sources" (and no "sections")'],
    ['{"version":3,"sources":["a"', 'the map ends early at byte 27 (truncated?)'],
    ['{"version":3,"sources":["a', 'the map ends early at byte 26 (truncated?)'],
    ['{"version":3,"x":1,}', 'invalid JSON at byte 19: expected a string key'],
    ['{"version":3 "sources":[]}', "invalid JSON at byte 13: expected ',' or '}'"],
    ['{"x":1 "sources":[]}', "invalid JSON at byte 7: expected ',' or '}'"],
    ['{"version":3,"sources":["a" "b"]}', "invalid JSON at byte 28: expected ',' or ']'"],
    ['{"version":3,"sources":["a",]}', 'invalid JSON at byte 28: expected a value'],
    ['{"x":[1 2],"sources":[]}', "invalid JSON at byte 8: expected ',' or ']'"],
    ['{"x":{"a" 1},"sources":[]}', "invalid JSON at byte 10: expected ':'"],
    ['{"x":tru,"sources":[]}', 'invalid JSON at byte 5: unexpected "tru"'],
    ['{"x":01,"sources":[]}', 'invalid JSON at byte 5: unexpected "01"'],
    ['{"x":NaN,"sources":[]}', 'invalid JSON at byte 5: unexpected "NaN"'],
    ['{"x":1} trailing', 'invalid JSON at byte 8: unexpected data after the map'],
    ['{"ver\\qsion":3}', 'invalid JSON at byte 1: invalid escape or control character in a string'],
  ])('%j -> %s', (text, message) => {
    expect(failure(text)).toBe(message)
  })

  it('refuses absurd nesting without exhausting the stack', () => {
    const deep = '{"x":' + '['.repeat(200_000) + ']'.repeat(200_000) + ',"sources":[]}'
    expect(failure(deep)).toBe('invalid JSON at byte 10005: nested too deeply')
  })

  it('accepts nesting and every JSON value type in fields it does not use', () => {
    const x = { a: [1, -2.5e3, true, false, null, { b: [[[]]], c: {} }], s: 'x\\"' }
    expect(read(plain({ x_google_ignoreList: [1], extra: x })).entries).toHaveLength(2)
  })

  it('salvages a map damaged after a complete "sources": the sources and the contents before the damage', () => {
    const whole = JSON.stringify(
      plain({ sources: ['a.ts', 'b.ts', 'c.ts'], sourcesContent: ['A', 'B', 'C'] }),
    )
    const cut = whole.slice(0, whole.indexOf('"C"') + 2) // inside the third content
    const { info, entries } = read(cut)
    expect(entries.map((e) => [e.path, e.content])).toEqual([
      ['a.ts', 'A'],
      ['b.ts', 'B'],
      ['c.ts', null],
    ])
    const damage = `the map ends early at byte ${cut.length} (truncated?)`
    expect(info.damaged).toBe(damage)
    expect(info.warnings).toEqual([
      '"sourcesContent" has 2 entries for 3 sources',
      `the map is damaged (${damage}); the 3 sources and 2 contents before the damage are listed`,
    ])
    expect(info.file).toBe('out.js')
  })

  it('salvages trailing garbage and broken later fields the same way, but never an index map', () => {
    const garbage = read('{"version":3,"sources":["a.ts"],"sourcesContent":["A"]} trailing')
    expect(garbage.entries.map((e) => e.content)).toEqual(['A'])
    expect(garbage.info.damaged).toBe('invalid JSON at byte 56: unexpected data after the map')
    expect(read('{"sources":["a.ts"],"names":[1 2]}').info.damaged).toBe(
      "invalid JSON at byte 31: expected ',' or ']'",
    )
    expect(failure('{"sections":[],"sources":["a.ts"],"x":}')).toBe(
      'invalid JSON at byte 38: expected a value',
    )
  })

  it('counts a string with a bad escape in sourcesContent as invalid, not fatal', () => {
    const text = '{"version":3,"sources":["a","b"],"sourcesContent":["bad \\x","ok"],"mappings":""}'
    const { info, entries } = read(text)
    expect(entries.map((e) => e.content)).toEqual([null, 'ok'])
    expect(info.warnings).toEqual([
      '"sourcesContent" has 1 invalid entry (first at index 0); listed without content',
    ])
  })
})

describe('readSourceMap: round trip (property)', () => {
  it('any arrays of strings and nulls come back exactly, paths as normalize + uniquePath give them', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 })
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 20 }),
        fc.array(fc.option(text, { nil: null }), { maxLength: 25 }),
        fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
        (sources, sourcesContent, sourceRoot) => {
          const { info, entries } = read({ version: 3, sourceRoot, sources, sourcesContent, mappings: '' })
          const taken = takenPaths()
          expect(entries).toEqual(
            sources.map((raw, index) => ({
              index,
              raw,
              path: uniquePath(normalizeSourcePath(raw, sourceRoot ?? undefined), taken),
              content: sourcesContent[index] ?? null,
            })),
          )
          expect(info.sourceCount).toBe(sources.length)
          expect(new Set(entries.map((e) => e.path)).size).toBe(entries.length)
        },
      ),
      { numRuns: 300 },
    )
  })
})
