// A literal's measures must be those of its decoded text, or none at all (the full decode decides).
import { describe, expect, it } from 'vitest'
import { measureLiteral } from '../../../src/core/sourcemap/literal-measure'
import { decodeJsonLiteral } from '../../../src/core/sourcemap/json-bytes'
import { countLinesText, utf8Length } from '../../../src/core/util/text-measure'
import { seededRandom } from '../../../src/build/sample/random'

const encoder = new TextEncoder()
const literalOf = (json: string) => encoder.encode(json)

/** The measures the decoded text has (what the reader used to compute), or null when it fails. */
function decoded(literal: Uint8Array) {
  try {
    const text = decodeJsonLiteral(literal)
    return { bytes: utf8Length(text), lines: countLinesText(text), chars: text.length }
  } catch {
    return null
  }
}

describe('measureLiteral', () => {
  it('measures escapes, surrogate pairs, lone surrogates and multi-byte characters', () => {
    const cases = [
      '""',
      '"plain"',
      '"a\\nb\\n"',
      '"\\u000a\\u000A"',
      '"\\"\\\\\\/\\b\\f\\r\\t"',
      '"\\u00e9\\u20ac\\ud83d\\ude00"',
      '"\\ud83d x \\ude00"',
      '"\\ud83d\\u0041"',
      '"é€😀\\n"',
      '"raw\nline"',
    ]
    for (const json of cases) {
      const literal = literalOf(json)
      const m = measureLiteral(literal)
      expect(m, json).toBeDefined()
      expect({ bytes: m!.bytes, lines: m!.lines, chars: m!.chars }, json).toEqual(decoded(literal))
      expect(m!.rawChars, json).toBe(json.length - 2)
    }
  })

  it('leaves to the decode what only it can tell', () => {
    for (const json of ['"\\x"', '"\\u12"', '"\\u12g4"', '"tab\tand\\n"'])
      expect(measureLiteral(literalOf(json)), json).toBeUndefined()
    // Invalid UTF-8 decodes to U+FFFD: not a byte count.
    expect(measureLiteral(new Uint8Array([0x22, 0x61, 0xff, 0x22]))).toBeUndefined()
  })

  it('takes as UTF-8 exactly what the strict decoder takes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true })
    const accepts = (bytes: number[]) => {
      try {
        strict.decode(new Uint8Array(bytes))
        return true
      } catch {
        return false
      }
    }
    const rng = seededRandom(11)
    // Leads, continuations and the edges of the ranges the decoder allows after E0, ED, F0 and F4.
    const pool = [0x61, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef]
    pool.push(0xf0, 0xf4, 0xf5, 0xff)
    let valid = 0
    for (let i = 0; i < 5000; i++) {
      const inner = Array.from(
        { length: 1 + Math.floor(rng() * 6) },
        () => pool[Math.floor(rng() * pool.length)]!,
      )
      const m = measureLiteral(new Uint8Array([0x22, ...inner, 0x22]))
      expect(m !== undefined, inner.map((b) => b.toString(16)).join(' ')).toBe(accepts(inner))
      if (!m) continue
      valid++
      const text = strict.decode(new Uint8Array(inner))
      expect({ bytes: m.bytes, chars: m.chars, rawChars: m.rawChars }).toEqual({
        bytes: inner.length,
        chars: text.length,
        rawChars: text.length,
      })
    }
    expect(valid).toBeGreaterThan(50)
  })

  it('agrees with the decode on random literals', () => {
    const rng = seededRandom(7)
    const pieces = [
      'a',
      ' ',
      '\\n',
      '\\t',
      '\\\\',
      '\\"',
      '\\u0041',
      '\\u00e9',
      '\\u4e2d',
      '\\ud83d\\ude00',
      '\\udc00',
      'é',
      '中',
      '😀',
      '\\u000a',
      '\\/',
      '\\q',
      '\t',
    ]
    let measured = 0
    for (let i = 0; i < 2000; i++) {
      let json = '"'
      for (let k = Math.floor(rng() * 12); k > 0; k--) json += pieces[Math.floor(rng() * pieces.length)]
      const literal = literalOf(`${json}"`)
      const m = measureLiteral(literal)
      if (!m) continue
      measured++
      expect({ bytes: m.bytes, lines: m.lines, chars: m.chars }, json).toEqual(decoded(literal))
      expect(m.rawChars, json).toBe(json.length - 1)
    }
    expect(measured).toBeGreaterThan(300)
  })
})
