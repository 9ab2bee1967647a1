import { describe, expect, it } from 'vitest'
import { readSourceMap } from '../../../src/core/sourcemap'
import { buildBigMap } from './big-map'

describe('readSourceMap on a large map', () => {
  it('reads a 100 MB map built as bytes, one source at a time, in order', () => {
    const sources = 2_000
    const map = buildBigMap({ sources, contentBytes: 45_000, mappingsBytes: 10_000_000 })
    expect(map.bytes.length).toBeGreaterThan(100_000_000)
    let next = 0
    let contentChars = 0
    let firstParty = 0
    const info = readSourceMap(map.bytes, (entry) => {
      expect(entry.index).toBe(next++)
      if (entry.index % 397 === 0 || entry.index === sources - 1) {
        expect(entry.raw).toBe(map.raw(entry.index))
        expect(entry.content).toBe(map.content(entry.index))
      }
      if (entry.path.startsWith('src/')) firstParty++
      contentChars += entry.content!.length
    })
    expect(info).toMatchObject({
      isIndexMap: false,
      file: 'big.js',
      sourceCount: sources,
      contentCount: sources,
    })
    expect(info.warnings).toEqual([])
    expect(firstParty).toBe(Math.ceil((sources * 2) / 3))
    let expectedChars = 0
    for (let i = 0; i < sources; i++) expectedChars += map.content(i).length
    expect(contentChars).toBe(expectedChars)
  })
})
