// The core's own HMAC-SHA-256 must equal the standard one (node:crypto) it stands in for: the CLI
// hashes file contents with node:crypto and finding values with this, within one diff run.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { KeyedHash, Sha256 } from '../../../src/core/util/keyed-hash'
import { seededRandom } from '../../../src/build/sample/random'

const bytes = (n: number, seed: number) => {
  const rng = seededRandom(seed)
  return Uint8Array.from({ length: n }, () => Math.floor(rng() * 256))
}
const reference = (key: Uint8Array, data: Uint8Array | string) =>
  createHmac('sha256', key).update(data).digest('hex').slice(0, 16)

describe('KeyedHash', () => {
  it('SHA-256 of "abc" is the FIPS 180-2 example', () => {
    const digest = new Sha256().update(new TextEncoder().encode('abc')).digest()
    expect(Buffer.from(digest).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_000])('equals node:crypto on %i bytes', (n) => {
    for (const keyLength of [32, 80]) {
      const key = bytes(keyLength, n + 1)
      const data = bytes(n, n + 2)
      expect(new KeyedHash(key).hash(data)).toBe(reference(key, data))
    }
  })

  it('hashes text as its UTF-8, astral characters across its internal pieces included', () => {
    const key = bytes(32, 7)
    const text = `${'é'.repeat(65_535)}${'😀'.repeat(40_000)}\u{10ffff}`
    expect(new KeyedHash(key).hash(text)).toBe(reference(key, text))
  })

  it('another key gives another hash of the same value', () => {
    const value = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz'
    expect(new KeyedHash(bytes(32, 1)).hash(value)).not.toBe(new KeyedHash(bytes(32, 2)).hash(value))
  })
})
