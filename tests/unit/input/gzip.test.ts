import { describe, expect, it } from 'vitest'
import { gzip } from '../../../src/build/sample/archives'
import { concatBytes, tarHeader, writeTar } from '../../../src/build/sample/tar'
import { chains, CHUNK_SIZES, encoder, run } from './helpers'

const tgz = (files: Record<string, string | Uint8Array>) =>
  gzip(writeTar(Object.entries(files).map(([path, data]) => ({ path, data }))))

describe('gzip', () => {
  it.each(CHUNK_SIZES)('walks a tar as it inflates (chunks of %i)', async (chunkBytes) => {
    const report = await run('pkg.tgz', tgz({ 'package/a.js': 'a\nb\n', 'package/b.txt': 'x' }), {
      chunkBytes,
    })
    expect(chains(report)).toEqual(['pkg.tgz › package/a.js', 'pkg.tgz › package/b.txt'])
    expect(report.files.map((f) => [f.bytes, f.lines])).toEqual([
      [4, 3],
      [1, 1],
    ])
    expect(report.errors).toEqual([])
  })

  it('gives a gzip that holds no tar as one member named without .gz', async () => {
    const report = await run('notes.txt.gz', gzip('line 1\nline 2'))
    expect(chains(report)).toEqual(['notes.txt.gz › notes.txt'])
    expect(report.files[0].lines).toBe(2)
  })

  it('reads concatenated gzip members as one stream', async () => {
    const tar = writeTar([
      { path: 'a.txt', data: 'a'.repeat(3000) },
      { path: 'b.txt', data: 'b' },
    ])
    const split = 1536
    const bytes = concatBytes([gzip(tar.subarray(0, split)), gzip(tar.subarray(split))])
    const report = await run('two.tgz', bytes, { chunkBytes: 100 })
    expect(chains(report)).toEqual(['two.tgz › a.txt', 'two.tgz › b.txt'])
    expect(report.files[0].bytes).toBe(3000)
  })

  it('stops at limits.maxInflatedBytes while inflating, keeping what came before', async () => {
    // 16 MiB of zeros compresses to ~16 KiB: a small bomb. The first member is read before it.
    const bytes = tgz({ 'first.txt': 'kept', 'zeros.bin': new Uint8Array(16 * 1024 * 1024) })
    expect(bytes.length).toBeLessThan(200_000)
    const report = await run('bomb.tgz', bytes, {
      limits: { maxInflatedBytes: 1024 * 1024 },
      chunkBytes: 4096,
    })
    expect(chains(report)).toEqual(['bomb.tgz › first.txt'])
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0].level).toBe('limit')
    expect(report.errors[0].path).toBe('bomb.tgz')
    expect(report.errors[0].message).toMatch(/limits\.maxInflatedBytes/)
    expect(report.errors[0].message).toMatch(/1\.0 MB/)
    expect(report.errors[0].message).toMatch(/raise limits\.maxInflatedBytes/)
  })

  it('reports a truncated gzip against its name and keeps the members read before the cut', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 40; i++) files[`f${i}.txt`] = `file ${i} `.repeat(200 + i * 37)
    const whole = tgz(files)
    const report = await run('cut.tgz', whole.subarray(0, Math.floor(whole.length * 0.6)), {
      chunkBytes: 512,
    })
    expect(report.files.length).toBeGreaterThan(5)
    expect(report.files.length).toBeLessThan(40)
    expect(chains(report).slice(0, 3)).toEqual(['cut.tgz › f0.txt', 'cut.tgz › f1.txt', 'cut.tgz › f2.txt'])
    expect(report.errors).toEqual([
      expect.objectContaining({
        path: 'cut.tgz',
        level: 'error',
        message: expect.stringMatching(/gzip data is truncated/),
      }),
    ])
  })

  it('reports corrupt deflate data', async () => {
    const bytes = tgz({ 'a.txt': 'hello '.repeat(5000) })
    for (let i = 20; i < 60; i++) bytes[i] ^= 0x5a
    const report = await run('bad.tgz', bytes)
    expect(report.errors[0]).toMatchObject({ path: 'bad.tgz', level: 'error' })
    expect(report.errors[0].message).toMatch(/^gzip data is (corrupt|truncated)/)
  })

  it('a tar cut inside a member: the partial member is listed and the cut is reported', async () => {
    const tar = writeTar([
      { path: 'a.txt', data: 'ok' },
      { path: 'b.txt', data: 'x'.repeat(5000) },
    ])
    const report = await run('cut.tar.gz', gzip(tar.subarray(0, 512 * 3 + 1000)))
    expect(chains(report)).toEqual(['cut.tar.gz › a.txt', 'cut.tar.gz › b.txt'])
    expect(report.files[1].bytes).toBe(1000)
    expect(report.errors[0].message).toMatch(/truncated: member "b.txt" stops after 1000 B of its 4.9 KB/)
  })

  it('a header declaring 900 MiB over a few bytes: the bytes that came are listed, nothing more', async () => {
    // The member's buffer is sized from the header; only the pages written to are ever touched.
    const size = 900 * 2 ** 20
    const tar = concatBytes([...tarHeader({ path: 'huge.bin' }, size), encoder.encode('abc')])
    const before = process.memoryUsage().rss
    const report = await run('liar.tgz', gzip(tar))
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20)
    expect(chains(report)).toEqual(['liar.tgz › huge.bin'])
    expect(report.files[0].bytes).toBe(3)
    expect(report.errors[0].message).toMatch(/truncated: member "huge.bin" stops after 3 B of its 900 MB/)
  })

  it('reads a plain (not gzipped) tar straight from the source', async () => {
    const report = await run('x.tar', writeTar([{ path: 'a.txt', data: encoder.encode('a') }]), {
      chunkBytes: 3,
    })
    expect(chains(report)).toEqual(['x.tar › a.txt'])
  })
})

describe('gzip trailing data', () => {
  const tarball = gzip(writeTar([{ path: 'a.txt', data: 'a' }]))

  it.each([1, 100, 4096])('ignores zero padding after the last member (chunks of %i)', async (chunkBytes) => {
    const report = await run('pad.tgz', concatBytes([tarball, new Uint8Array(1024)]), { chunkBytes })
    expect(chains(report)).toEqual(['pad.tgz › a.txt'])
    expect(report.errors).toEqual([])
  })

  it('ignores zero padding after concatenated members', async () => {
    const tar = writeTar([
      { path: 'a.txt', data: 'a'.repeat(3000) },
      { path: 'b.txt', data: 'b' },
    ])
    const bytes = concatBytes([gzip(tar.subarray(0, 1536)), gzip(tar.subarray(1536)), new Uint8Array(700)])
    const report = await run('two.tgz', bytes, { chunkBytes: 64 })
    expect(chains(report)).toEqual(['two.tgz › a.txt', 'two.tgz › b.txt'])
    expect(report.errors).toEqual([])
  })

  it('warns about junk after the last member and keeps the members', async () => {
    const report = await run('junk.tgz', concatBytes([tarball, encoder.encode('not gzip at all')]))
    expect(chains(report)).toEqual(['junk.tgz › a.txt'])
    expect(report.errors).toEqual([
      {
        path: 'junk.tgz',
        message: expect.stringMatching(/followed by bytes that are not gzip/),
        level: 'warning',
        unscanned: true,
      },
    ])
  })
})
