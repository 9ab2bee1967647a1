import { describe, expect, it } from 'vitest'
import { memorySource } from '../../../src/core/input/byte-source'
import { Budget } from '../../../src/core/input/limits'
import { SNIFF_BYTES } from '../../../src/core/input/sniff'
import { HEAD_ONLY_BYTES, Walker, type Member, type WalkVisitor } from '../../../src/core/input/walk'
import { DEFAULT_LIMITS } from '../../../src/core/report/model'
import { zip } from '../../../src/build/sample/archives'
import { writeTar } from '../../../src/build/sample/tar'
import { encoder, run } from './helpers'

/** Bytes that look like a native module: a NUL early on, the rest varied. */
function binary(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff
  bytes[5] = 0
  return bytes
}

/** Byte-wise equality, as one comparison (deep equality of megabytes is slow). */
const same = (a: Uint8Array | null | undefined, b: Uint8Array) =>
  a != null && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b)

const text = (size: number) => encoder.encode('const x = 1 // line\n'.repeat(Math.ceil(size / 20)))

/** The members a walk hands over, with what it read of each. */
async function walk(tar: Uint8Array, chunkBytes: number, wholeBinaries = false): Promise<Member[]> {
  const members: Member[] = []
  const visitor: WalkVisitor = {
    container: async () => {},
    file: async (member) => void members.push(member),
    error: () => {},
    progress: () => {},
  }
  const limits = DEFAULT_LIMITS
  const walker = new Walker({ limits, budget: new Budget(limits), chunkBytes, wholeBinaries }, visitor)
  await walker.walkSource(memorySource('p.tar', tar))
  return members
}

const big = HEAD_ONLY_BYTES + 3000
const members = [
  { path: 'small.node', data: binary(9000, 1) },
  { path: 'vendor/big.node', data: binary(big, 2) },
  { path: 'cli.js', data: text(big) },
  { path: 'inner.zip', data: zip([{ path: 'a.txt', data: binary(big, 3), stored: true }]) },
]

describe('large binary members', () => {
  it.each([7, 4095, 4097, 64 * 1024])(
    'are read no further than their head; texts, small binaries and archives whole (chunks of %i)',
    async (chunkBytes) => {
      const got = await walk(writeTar(members), chunkBytes)
      const byPath = new Map(got.map((m) => [m.path, m]))
      expect([...byPath.keys()]).toEqual(['small.node', 'vendor/big.node', 'cli.js', 'a.txt'])
      const bigBinary = byPath.get('vendor/big.node')!
      expect(bigBinary.data).toBeNull()
      expect(bigBinary.size).toBe(big)
      expect(same(bigBinary.head, members[1].data.subarray(0, SNIFF_BYTES))).toBe(true)
      expect(same(byPath.get('small.node')!.data, members[0].data)).toBe(true)
      expect(same(byPath.get('cli.js')!.data, members[2].data)).toBe(true)
      // The zip past HEAD_ONLY_BYTES was opened: its member is whole (a binary, but not from a tar).
      expect(byPath.get('a.txt')!.data!.length).toBe(big)
    },
  )

  it('are read whole when content is hashed', async () => {
    const got = await walk(writeTar(members), 64 * 1024, true)
    expect(same(got[1].data, members[1].data)).toBe(true)
    expect(got[1].head).toBeUndefined()
  })

  it('cut short by a truncated archive are listed with the bytes that arrived', async () => {
    // The big binary's bytes start after two headers and the small one's 18 blocks.
    const cut = writeTar(members.slice(0, 2)).subarray(0, 512 + 18 * 512 + 512 + big - 200_000)
    const got = await walk(cut, 4097).catch((error: Error) => error)
    expect(got).toBeInstanceOf(Array)
    expect((got as Member[]).map((m) => [m.path, m.size, m.data === null])).toEqual([
      ['small.node', 9000, false],
      ['vendor/big.node', big - 200_000, true],
    ])
    expect(same((got as Member[])[1].head, members[1].data.subarray(0, SNIFF_BYTES))).toBe(true)
  })

  it('leave the report as a whole read does', async () => {
    const tar = writeTar(members)
    const headOnly = await run('p.tar', tar, { scan: true })
    const whole = await run('p.tar', tar, { scan: true, match: { key: new Uint8Array(32) } })
    const strip = (files: typeof whole.files) => files.map(({ contentHash: _, ...file }) => file)
    expect(strip(headOnly.files)).toEqual(strip(whole.files))
    expect(headOnly.files.find((f) => f.path === 'vendor/big.node')).toMatchObject({
      kind: whole.files.find((f) => f.path === 'vendor/big.node')!.kind,
      bytes: big,
      hasContent: true,
    })
    expect(headOnly.findings.length).toBe(whole.findings.length)
  })
})
