// The byte and line counts a map's sources are listed with, against the platform's own encoder.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countLinesBytes, countLinesText, utf8Length } from '../../../src/core/util/text-measure'

const encoder = new TextEncoder()

describe('utf8Length', () => {
  it('equals the UTF-8 encoding length for any string, lone surrogates included', () => {
    // 'binary' draws any UTF-16 code unit, so lone and paired surrogates both occur.
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc
        .tuple(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 20 }))
        .map(([ascii, tail]) => ascii + tail),
    )
    fc.assert(
      fc.property(text, (s) => utf8Length(s) === encoder.encode(s).length),
      { numRuns: 2000 },
    )
  })

  it('counts ASCII, 2-, 3- and 4-byte characters and a lone surrogate', () => {
    expect(utf8Length('')).toBe(0)
    expect(utf8Length('plain ascii')).toBe(11)
    expect(utf8Length('é')).toBe(2)
    expect(utf8Length('ascii then €')).toBe(14)
    expect(utf8Length('😀')).toBe(4)
    expect(utf8Length('\ud800x')).toBe(4)
  })
})

describe('line counts', () => {
  it('agree between bytes and text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(countLinesBytes(encoder.encode(s))).toBe(countLinesText(s))
        expect(countLinesText(s)).toBe(s === '' ? 0 : s.split('\n').length)
      }),
    )
  })
})
