// The streamed JSON and SARIF writers against JSON.stringify: the same characters, whatever the part
// size, on hand-made values and on the reports of the generated fixtures.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { formatSarif, sarifParts } from '../../../src/core/report/format-sarif'
import { jsonParts, LazyArray } from '../../../src/core/report/json-parts'
import type { Limits, Report } from '../../../src/core/report/model'
import { hostileInputs } from '../../fixtures/lib/hostile-inputs'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import { buildVersions, NEW_NAME, OLD_NAME } from '../../fixtures/make-versions'
import { incidentLikeReport } from './make-report'

const stringify = (value: unknown) => JSON.stringify(value, null, 2) + '\n'
const joined = (parts: Iterable<string>) => [...parts].join('')

describe('jsonParts', () => {
  const values: [string, unknown][] = [
    ['empty object and array', { a: {}, b: [], c: [[], {}] }],
    [
      'undefined, functions and symbols',
      { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')], d: 1 },
    ],
    ['strings that need escaping', { 'k\n"': 'line\nbreak "quoted" \\ \u2028 \u0000', t: '\t' }],
    ['deep nesting past the split depth', { a: [{ b: [{ c: [{ d: [1, { e: [2, 3] }] }] }] }] }],
    ['numbers, booleans and null', [1, -0.5, 1e21, NaN, Infinity, true, false, null]],
    ['a class instance and a Date', { d: new Date(0), m: new Map([[1, 2]]) }],
    ['scalars at the root', 'text'],
    [
      'long arrays, written item by item, with skipped values and nesting inside',
      {
        a: Array.from({ length: 100 }, (_, i) => ({ i, u: undefined, f: () => 1, n: [i, { x: 'a\nb' }] })),
        b: { c: Array.from({ length: 70 }, (_, i) => (i % 3 ? undefined : [Symbol('s'), {}, []])) },
        d: [{ e: Array.from({ length: 65 }, (_, i) => ({ i })) }],
      },
    ],
  ]
  for (const [name, value] of values)
    it(`writes ${name} as JSON.stringify does`, () => {
      expect(joined(jsonParts(value))).toBe(stringify(value))
      expect(joined(jsonParts(value, 1))).toBe(stringify(value))
    })

  it('writes a LazyArray as the array of its items, making them only while writing', () => {
    let made = 0
    const lazy = new LazyArray(3, function* () {
      for (let i = 0; i < 3; i++) {
        made++
        yield { i, text: `item ${i}` }
      }
    })
    const parts = jsonParts({ before: 1, items: lazy, empty: new LazyArray(0, () => []) }, 1)
    expect(made).toBe(0)
    const text = joined(parts)
    expect(made).toBe(3)
    expect(text).toBe(
      stringify({ before: 1, items: [0, 1, 2].map((i) => ({ i, text: `item ${i}` })), empty: [] }),
    )
  })

  it('splits a long array into parts of about the asked size', () => {
    const value = { items: Array.from({ length: 2_000 }, (_, i) => ({ i, path: `src/${i}.ts` })) }
    const parts = [...jsonParts(value, 4096)]
    expect(parts.length).toBeGreaterThan(10)
    for (const part of parts.slice(0, -1)) expect(part.length).toBeLessThan(4096 + 200)
    expect(parts.join('')).toBe(stringify(value))
  })
})

describe('reports written in parts are byte-identical to the one-string writers', () => {
  const versions = buildVersions()
  const inputs: [string, Uint8Array, Partial<Limits>?][] = [
    [SAMPLE_FILE_NAME, buildSamplePackage()],
    [OLD_NAME, versions.old],
    [NEW_NAME, versions.new],
    // (the 200,000-source map is left out: its analysis alone takes most of a test's time budget)
    ...hostileInputs()
      .filter((h) => h.id !== 'many-sources')
      .map((h) => [`${h.id}: ${h.name}`, h.bytes, h.limits] as [string, Uint8Array, Partial<Limits>]),
  ]
  const check = (report: Report) => {
    expect(joined(jsonParts(report))).toBe(stringify(report))
    expect(joined(sarifParts(report))).toBe(stringify(formatSarif(report)))
  }
  it('on a hand-made incident-like report', () => check(incidentLikeReport()))
  for (const [name, bytes, limits] of inputs)
    it(`on ${name}`, async () => check(await analyze([memorySource(name, bytes)], { limits })))
})
