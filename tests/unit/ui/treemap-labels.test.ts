import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { LabelFitter } from '../../../src/ui/treemap/draw'

// A measuring context with kerning: letters have their own advances, and some pairs pull together or
// push apart, so a string's width is not the sum of its letters' widths (as in a real font).
function kerningContext() {
  let calls = 0
  const advance = (c: string) =>
    c === '…' ? 9 : c === 'W' ? 11 : /[il.]/.test(c) ? 3 : 4 + (c.charCodeAt(0) % 4)
  const kern = (a: string, b: string) => (a === 'A' && b === 'V' ? -2 : a === 'r' && b === 'n' ? 1.5 : 0)
  const ctx = {
    measureText(text: string) {
      calls++
      let w = 0
      for (let i = 0; i < text.length; i++)
        w += advance(text[i]!) + (i > 0 ? kern(text[i - 1]!, text[i]!) : 0)
      return { width: w }
    },
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls: () => calls }
}

/** The longest prefix + '…' of `text` (never the whole text) whose measured width fits, by trying all. */
function bruteFit(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text
  for (let k = text.length - 1; k > 0; k--) {
    const s = text.slice(0, k) + '…'
    if (ctx.measureText(s).width <= max) return s
  }
  return ''
}

describe('LabelFitter', () => {
  it('cuts names exactly where trying every prefix would, kerning included', () => {
    const letters = fc.constantFrom(...'AVWrnil.abcdefgxyz0123456789-_/')
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 60 }), fc.integer({ min: 0, max: 260 }), (chars, max) => {
        const text = chars.join('')
        const fitter = new LabelFitter(kerningContext().ctx)
        expect(fitter.fit(text, max)).toBe(bruteFit(kerningContext().ctx, text, max))
      }),
      { numRuns: 3000 },
    )
  })

  it('corrects the estimate when kerning makes a cut one letter off', () => {
    // 'AVAVAV…': each A-V pair is 2 px narrower than its letters' sum, so the estimate cuts too short.
    const text = 'AVAVAVAVAVAVAVAV'
    const { ctx } = kerningContext()
    const fitter = new LabelFitter(ctx)
    for (let max = 0; max < 120; max++) expect(fitter.fit(text, max)).toBe(bruteFit(ctx, text, max))
  })

  it('measures a new long name a few times, not once per binary-search step', () => {
    const m = kerningContext()
    const fitter = new LabelFitter(m.ctx)
    const names = Array.from({ length: 200 }, (_, i) => `src/components/very-long-component-name-${i}.tsx`)
    for (const name of names) fitter.fit(name, 80)
    const perName = (m.calls() - 40) / names.length // the first ~40 calls measure single letters
    expect(perName).toBeLessThan(3.5)
    // Painting the same names again (every frame of a zoom) measures nothing new.
    const before = m.calls()
    for (const name of names) fitter.fit(name, 80)
    expect(m.calls()).toBe(before)
  })
})
