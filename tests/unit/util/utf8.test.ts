import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodedAsIs, isWellFormedUtf8 } from '../../../src/core/util/text-measure'

const strict = new TextDecoder('utf-8', { fatal: true })
const strictSays = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes)
    return true
  } catch {
    return false
  }
}

describe('isWellFormedUtf8', () => {
  it('agrees with the strict decoder on the edges of every sequence length', () => {
    const cases: number[][] = [
      [],
      [0x41],
      [0xc2, 0x80],
      [0xc1, 0xbf], // overlong
      [0xe0, 0xa0, 0x80],
      [0xe0, 0x9f, 0xbf], // overlong
      [0xed, 0x9f, 0xbf],
      [0xed, 0xa0, 0x80], // surrogate
      [0xf0, 0x90, 0x80, 0x80],
      [0xf0, 0x8f, 0xbf, 0xbf], // overlong
      [0xf4, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xf5, 0x80, 0x80, 0x80],
      [0xe2, 0x82], // truncated
      [0x63, 0x61, 0x66, 0xe9, 0x0a], // Latin-1 é
      [0xef, 0xbf, 0xbd], // U+FFFD itself is valid
      [0x80],
    ]
    for (const bytes of cases)
      expect(isWellFormedUtf8(Uint8Array.from(bytes)), String(bytes)).toBe(strictSays(Uint8Array.from(bytes)))
  })

  it('agrees with the strict decoder on random bytes and on encoded text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => isWellFormedUtf8(bytes) === strictSays(bytes)),
      { numRuns: 20_000 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const bytes = new TextEncoder().encode(text)
        return isWellFormedUtf8(bytes) && strictSays(bytes)
      }),
    )
  })

  it('checks a large text the same way (the strict decoder past the loop size)', () => {
    const big = new Uint8Array(100_000).fill(0x61)
    expect(isWellFormedUtf8(big)).toBe(true)
    big[99_999] = 0xe9
    expect(isWellFormedUtf8(big)).toBe(false)
  })
})

describe('isWellFormedUtf8 on texts longer than one strict piece (8 MiB)', () => {
  const MiB = 1024 * 1024
  const ascii = (n: number) => new Uint8Array(n).fill(0x61)
  it('a character cut by a piece boundary is whole; a broken one there, and one past it, are not', () => {
    const whole = ascii(9 * MiB)
    whole.set([0xe2, 0x82, 0xac], 8 * MiB - 1) // € across the first boundary
    expect(isWellFormedUtf8(whole)).toBe(true)
    const broken = ascii(9 * MiB)
    broken.set([0xe2, 0x41], 8 * MiB - 1)
    expect(isWellFormedUtf8(broken)).toBe(false)
    const late = ascii(17 * MiB)
    late[16 * MiB + 5] = 0xff
    expect(isWellFormedUtf8(late)).toBe(false)
  })

  it('a long text that failed leaves nothing behind for the next one', () => {
    const bad = ascii(9 * MiB)
    bad[100] = 0xff
    const truncated = ascii(9 * MiB)
    truncated[9 * MiB - 1] = 0xe2
    for (const failed of [bad, truncated]) {
      expect(isWellFormedUtf8(failed)).toBe(false)
      expect(isWellFormedUtf8(ascii(9 * MiB))).toBe(true)
      expect(isWellFormedUtf8(ascii(100 * 1024))).toBe(true)
    }
  })
})

describe('decodedAsIs', () => {
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
  /** Bytes rich in what matters here: U+FFFD spelled out, lead bytes without their continuations,
   *  stray continuations and overlong or surrogate forms. */
  const pieces = fc.constantFrom(
    [0xef, 0xbf, 0xbd],
    [0xef, 0xbf],
    [0xef],
    [0xbf, 0xbd],
    [0xe0, 0x80, 0x80],
    [0xed, 0xa0, 0x80],
    [0xc3],
    [0xc3, 0xa9],
    [0xf0, 0x9f, 0xbf, 0xbd],
    [0x41],
    [0x0a],
  )
  const bytesOf = fc.array(pieces, { maxLength: 12 }).map((parts) => new Uint8Array(parts.flat()))

  it('says what the strict decoder says, from the replacing decoder’s text', () => {
    fc.assert(fc.property(bytesOf, (bytes) => decodedAsIs(decode(bytes), bytes) === strictSays(bytes)))
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        (bytes) => decodedAsIs(decode(bytes), bytes) === strictSays(bytes),
      ),
    )
  })

  it('takes a spelled-out U+FFFD as text, and one that stands for a broken sequence as not', () => {
    const spelled = new TextEncoder().encode('a\uFFFDb')
    expect(decodedAsIs(decode(spelled), spelled)).toBe(true)
    const broken = new Uint8Array([...spelled, 0xc3])
    expect(decodedAsIs(decode(broken), broken)).toBe(false)
  })
})
