// findSourceMappingURLInBytes reads a text's sourceMappingURL from its UTF-8 in pieces from the end,
// and finds what findSourceMappingURL finds in the decoded text (markers in code, in strings, in
// unclosed and closed block comments, on long lines, before and after multi-byte characters).
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { findSourceMappingURL, findSourceMappingURLInBytes } from '../../../src/core/sourcemap'

const encoder = new TextEncoder()

describe('findSourceMappingURLInBytes', () => {
  test('the last marker of a text of several megabytes, closed by a comment closer far after it', () => {
    const filler = 'const a = 1 // é ✓ 𝒳\n'.repeat(400_000)
    const text = `${filler}/*# sourceMappingURL=a.js.map\n${filler}*/\n${filler}"//# sourceMappingURL=b.js.map"\n`
    expect(text.length).toBeGreaterThan(16 * 1024 * 1024)
    expect(findSourceMappingURL(text)).toBe('a.js.map')
    expect(findSourceMappingURLInBytes(encoder.encode(text))).toBe('a.js.map')
  })

  test('property: the same URL as the decoded text gives, read in pieces of any size', () => {
    const pieces = [
      '//# sourceMappingURL=x.map',
      '//@ sourceMappingURL=y.map',
      '/*# sourceMappingURL=z.map',
      ' */',
      'code(); //# sourceMappingURL=no.map',
      '  ',
      '\n',
      'é𝒳',
      'x'.repeat(50),
    ]
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.integer({ min: 1, max: 200 }),
        (chosen, pieceBytes) => {
          const text = chosen.join('')
          expect(findSourceMappingURLInBytes(encoder.encode(text), pieceBytes)).toBe(
            findSourceMappingURL(text),
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})
