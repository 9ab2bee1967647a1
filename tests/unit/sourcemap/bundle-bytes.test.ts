// The bytes each source accounts for in its bundle, checked against source-map-js's own decoding
// (its column spans give each mapping's extent) on random bundles and maps.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SourceMapConsumer, SourceMapGenerator } from 'source-map-js'
import { bundleBytes } from '../../../src/core/sourcemap/bundle-bytes'

const utf8 = (s: string) => new TextEncoder().encode(s).length

/** The same attribution from source-map-js's decoding: its mappings in generated order, each spanning
 *  to the next one's column on the same line (or the line's end). */
function reference(code: string, map: string) {
  const parsed = JSON.parse(map) as { sources: string[] }
  const lines = code.split('\n')
  const all: { line: number; column: number; source: string | null }[] = []
  new SourceMapConsumer(JSON.parse(map)).eachMapping((m) =>
    all.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source }),
  )
  const perSource = new Array<number>(parsed.sources.length).fill(0)
  all.forEach((m, i) => {
    const text = lines[m.line - 1] ?? ''
    const next = all[i + 1]
    const end = Math.min(next && next.line === m.line ? next.column : text.length, text.length)
    const from = Math.min(m.column, text.length)
    if (m.source !== null && end > from)
      perSource[parsed.sources.indexOf(m.source)]! += utf8(text.slice(from, end))
  })
  return perSource
}

describe('bundleBytes', () => {
  it('splits a line between the segments of two sources, the rest unmapped', () => {
    const gen = new SourceMapGenerator({ file: 'b.js' })
    gen.addMapping({ generated: { line: 1, column: 2 }, original: { line: 1, column: 0 }, source: 'a.ts' })
    gen.addMapping({ generated: { line: 1, column: 5 }, original: { line: 1, column: 0 }, source: 'é.ts' })
    gen.addMapping({ generated: { line: 2, column: 0 }, original: { line: 3, column: 0 }, source: 'a.ts' })
    const map = JSON.parse(gen.toString()) as { mappings: string; sources: string[] }
    const code = '//abcdéf\nxyz'
    const r = bundleBytes(code, map.mappings, map.sources.length)
    expect(r.total).toBe(utf8(code))
    const a = map.sources.indexOf('a.ts')
    expect(r.perSource[a]).toBe(3 + 3) // 'abc', then 'xyz'
    expect(r.perSource[1 - a]).toBe(utf8('déf'))
    expect(r.unmapped).toBe(2 + 1) // '//' and the line break
  })

  it('agrees with source-map-js on random bundles', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '😀', ';'), maxLength: 40 })
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(7), fc.nat(45), fc.nat(3)), { maxLength: 40 }),
        (lines, marks) => {
          const code = lines.join('\n')
          const gen = new SourceMapGenerator({ file: 'b.js' })
          for (const [l, c, s] of marks)
            if (l < lines.length)
              gen.addMapping({
                generated: { line: l + 1, column: c },
                original: { line: 1, column: 0 },
                source: `s${s}.ts`,
              })
          const text = gen.toString()
          const map = JSON.parse(text) as { mappings: string; sources: string[] }
          const r = bundleBytes(code, map.mappings, map.sources.length)
          expect(r.perSource).toEqual(reference(code, text))
          expect(r.unmapped + r.perSource.reduce((a: number, b: number) => a + b, 0)).toBe(utf8(code))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('refuses a mapping that is not base64', () => {
    expect(() => bundleBytes('x', 'A!', 1)).toThrow(/base64/)
  })
})
