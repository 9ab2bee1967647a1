import { describe, expect, it } from 'vitest'
import { decodeMoved, releaseMoved } from '../../../src/core/moved-text'

const hasTransfer = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function'

describe('releaseMoved', () => {
  it('leaves a string as it is', () => {
    expect(() => releaseMoved('text')).not.toThrow()
  })

  it.runIf(hasTransfer)('detaches a moved text’s buffer, UTF-8 or literal, so its memory goes now', () => {
    const utf8 = new TextEncoder().encode('const a = 1').buffer
    const literal = new TextEncoder().encode('"b"').buffer
    expect(decodeMoved({ literal })).toBe('b')
    releaseMoved(utf8)
    releaseMoved({ literal })
    expect([utf8.byteLength, literal.byteLength]).toEqual([0, 0])
  })
})
