// The prefilter must find exactly the keywords a naive case-insensitive search finds, or rules would
// silently not run (lost recall) — checked on random texts over a small alphabet that makes overlaps
// and shared prefixes/suffixes common.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { KeywordIndex } from '../../../src/core/detectors/keyword-index'

const alphabet = fc.constantFrom('a', 'b', 'A', 'B', '_', '.', 'é', '\n')
const word = fc.string({ unit: fc.constantFrom('a', 'b', '_', '.'), minLength: 1, maxLength: 5 })

describe('KeywordIndex', () => {
  test('finds the same keywords as a naive search', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.string({ unit: alphabet, maxLength: 200 }),
        (keywords, text) => {
          const index = new KeywordIndex(keywords)
          const found = [...index.find(text)].map((id) => keywords[id]).sort()
          const naive = keywords.filter((k) => text.toLowerCase().includes(k)).sort()
          expect(found).toEqual(naive)
        },
      ),
      { numRuns: 500 },
    )
  })

  test('one index gives each of several texts its own keywords (nothing carries over between calls)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.array(fc.string({ unit: alphabet, maxLength: 80 }), { minLength: 2, maxLength: 6 }),
        (keywords, texts) => {
          const index = new KeywordIndex(keywords)
          for (const text of texts) {
            const found = [...index.find(text)].map((id) => keywords[id]).sort()
            expect(found).toEqual(keywords.filter((k) => text.toLowerCase().includes(k)).sort())
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  test('reports where each anchor keyword begins, as a naive search finds them', () => {
    // Case folding of ASCII letters only, as the index (and a regex's /i without /u) compares.
    const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.string({ unit: alphabet, maxLength: 120 }), { minLength: 1, maxLength: 4 }),
        (keywords, isAnchor, texts) => {
          const anchors = new Set(keywords.filter((_, i) => isAnchor[i]))
          const index = new KeywordIndex(keywords, anchors)
          for (const text of texts) {
            const starts = new Map<string, number[]>()
            index.find(text, starts)
            const folded = fold(text)
            keywords.forEach((keyword) => {
              const naive: number[] = []
              for (let at = folded.indexOf(keyword); at >= 0; at = folded.indexOf(keyword, at + 1))
                naive.push(at)
              const want = anchors.has(keyword) && naive.length > 0 ? naive : undefined
              expect(starts.get(keyword)).toEqual(want)
            })
          }
        },
      ),
      { numRuns: 400 },
    )
  })

  test('non-ASCII keywords are refused', () => {
    expect(() => new KeywordIndex(['clé'])).toThrow(/not ASCII/)
  })
})
