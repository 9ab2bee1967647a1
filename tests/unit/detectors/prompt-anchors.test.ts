// The prompt detector's anchor search: one regular-expression pass must find exactly the offsets that
// an indexOf pass per anchor and per form (as written, first letter capitalised) finds, in order.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ANCHORS, anchorPositions } from '../../../src/core/detectors/ai-prompts'

/** Every offset of every present anchor, lowercase or capitalised, sorted. */
function reference(text: string, found: ReadonlySet<string>): number[] {
  const positions: number[] = []
  for (const anchor of ANCHORS.filter((a) => found.has(a))) {
    const forms = new Set([anchor, anchor[0]!.toUpperCase() + anchor.slice(1)])
    for (const form of forms)
      for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) positions.push(i)
  }
  return positions.sort((a, b) => a - b)
}

const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1)
/** Texts made of anchors (as written, capitalised, cut short, run together) and filler. */
const piece = fc.oneof(
  fc.constantFrom(...ANCHORS),
  fc.constantFrom(...ANCHORS.map(capitalised)),
  fc.constantFrom(...ANCHORS.map((a) => a.slice(0, -1))),
  fc.constantFrom(...ANCHORS.map((a) => a.toUpperCase())),
  fc.constantFrom(' ', '\n', '"', '<', 'y', 'Y', 'you', 'instructions', '.*+?'),
  fc.string({ maxLength: 6 }),
)
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))
const found = fc.subarray([...ANCHORS]).map((a) => new Set<string>(a))

describe('anchorPositions', () => {
  it('finds what an indexOf per anchor and form finds, overlaps included', () => {
    fc.assert(
      fc.property(text, found, (t, f) => {
        expect(anchorPositions(t, f)).toEqual(reference(t, f))
      }),
      { numRuns: 2_000 },
    )
  })

  it('stops at the first `max` offsets', () => {
    fc.assert(
      fc.property(text, found, fc.nat({ max: 5 }), (t, f, max) => {
        expect(anchorPositions(t, f, max)).toEqual(reference(t, f).slice(0, max))
      }),
      { numRuns: 500 },
    )
  })

  it('finds anchors that overlap and the capitalised form, not other cases', () => {
    const all = new Set<string>(ANCHORS)
    // '<instructions' holds 'instruction' one character in; 'You are' is capitalised; 'YOU ARE' is not a form.
    expect(anchorPositions('x <instructions You are YOU ARE', all)).toEqual([2, 3, 16])
    expect(anchorPositions('you are', new Set(['the user']))).toEqual([])
  })
})
