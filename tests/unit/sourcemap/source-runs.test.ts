// Placing a bundle position in its source by the map's mappings: the runs answer what source-map-js
// answers (the segment at or before the column), on generated maps with many sources and lines.
import { describe, expect, it } from 'vitest'
import { SourceMapConsumer, SourceMapGenerator } from 'source-map-js'
import { sourceAt, sourceRuns } from '../../../src/core/sourcemap/source-runs'
import { seededRandom } from '../../../src/build/sample/random'

function randomMap(seed: number) {
  const rng = seededRandom(seed)
  const int = (n: number) => Math.floor(rng() * n)
  const gen = new SourceMapGenerator({ file: 'out.js' })
  const sources = Array.from({ length: 12 }, (_, i) => `src/m${i}.ts`)
  for (let line = 1; line <= 40; line++) {
    let column = int(5)
    let source = int(sources.length)
    for (let k = int(30); k > 0; k--) {
      // Runs of one source, then another, with a segment without a source now and then.
      if (rng() < 0.2) source = int(sources.length)
      if (rng() < 0.05) gen.addMapping({ generated: { line, column } })
      else
        gen.addMapping({
          generated: { line, column },
          original: { line: 1 + int(50), column: int(80) },
          source: sources[source]!,
        })
      column += 1 + int(60)
    }
  }
  return gen.toJSON()
}

describe('sourceAt', () => {
  for (const seed of [1, 2, 3]) {
    it(`agrees with source-map-js at every column of every line (seed ${seed})`, () => {
      const map = randomMap(seed)
      const runs = sourceRuns(map.mappings)
      const consumer = new SourceMapConsumer(map)
      let mapped = 0
      for (let line = 0; line < 42; line++)
        for (let column = 0; column < 1800; column += 7) {
          const expected = consumer.originalPositionFor({
            line: line + 1,
            column,
            bias: SourceMapConsumer.GREATEST_LOWER_BOUND,
          }).source
          const index = sourceAt(runs, line, column)
          expect(index < 0 ? null : map.sources[index], `${line}:${column}`).toBe(expected)
          if (index >= 0) mapped++
        }
      expect(mapped).toBeGreaterThan(1000)
      // Runs, not segments: a source's consecutive segments are one.
      expect(runs.cols.length).toBeLessThan(map.mappings.split(/[,;]/).length)
    })
  }

  it("says -1 before a line's first segment and past the mappings", () => {
    const runs = sourceRuns('KAAA;;ACAA')
    expect(sourceAt(runs, 0, 4)).toBe(-1)
    expect(sourceAt(runs, 0, 5)).toBe(0)
    expect(sourceAt(runs, 1, 0)).toBe(-1)
    expect(sourceAt(runs, 2, 9)).toBe(1)
    expect(sourceAt(runs, 3, 0)).toBe(-1)
  })
})
