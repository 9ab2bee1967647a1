import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { crx3, gzip, zip } from '../../../src/build/sample/archives'
import { concatBytes } from '../../../src/build/sample/tar'
import { chains, CHUNK_SIZES, encoder, run } from './helpers'

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength)
/** Offset of the end-of-central-directory record and of the central directory. */
function directory(bytes: Uint8Array): { eocd: number; cd: number } {
  for (let i = bytes.length - 22; i >= 0; i--)
    if (view(bytes).getUint32(i, true) === 0x06054b50)
      return { eocd: i, cd: view(bytes).getUint32(i + 16, true) }
  throw new Error('no eocd')
}

describe('zip', () => {
  const entries = [
    { path: 'lib/stored.js', data: 'stored\ncontent\n', stored: true },
    { path: 'lib/deflated.js', data: 'deflated '.repeat(500) },
    { path: 'README.md', data: '# readme' },
  ]

  it.each(CHUNK_SIZES)(
    'reads stored and deflated entries in directory order (chunks of %i)',
    async (chunkBytes) => {
      const report = await run('x.zip', zip(entries), { chunkBytes })
      expect(chains(report)).toEqual([
        'x.zip › lib/stored.js',
        'x.zip › lib/deflated.js',
        'x.zip › README.md',
      ])
      expect(report.files.map((f) => [f.bytes, f.lines])).toEqual([
        [15, 3],
        [4500, 1],
        [8, 1],
      ])
      expect(report.errors).toEqual([])
    },
  )

  it('reads an empty zip as no files and no errors', async () => {
    const report = await run('empty.zip', zip([]))
    expect(report.files).toEqual([])
    expect(report.errors).toEqual([])
  })

  it('skips directory entries', async () => {
    const bytes = zipSync({ 'dir/': new Uint8Array(0), 'dir/a.txt': encoder.encode('a') })
    expect(chains(await run('d.zip', bytes))).toEqual(['d.zip › dir/a.txt'])
  })

  it('reports a zip cut short (no end record) against its name', async () => {
    const bytes = zip(entries)
    const report = await run('cut.zip', bytes.subarray(0, bytes.length - 30))
    expect(report.files).toEqual([])
    expect(report.errors).toEqual([
      {
        path: 'cut.zip',
        message: expect.stringMatching(/truncated or corrupt: no end-of-central-directory/),
        level: 'error',
        unscanned: true,
      },
    ])
  })

  it('lists an entry with damaged data without content and goes on', async () => {
    const bytes = zip(entries).slice()
    const { cd } = directory(bytes)
    const deflatedStart = view(bytes).getUint32(cd + 46 + 'lib/stored.js'.length + 42, true)
    // Overwrite the start of the deflated entry's data.
    bytes.fill(
      0xff,
      deflatedStart + 30 + 'lib/deflated.js'.length,
      deflatedStart + 30 + 'lib/deflated.js'.length + 8,
    )
    const report = await run('bad.zip', bytes)
    expect(chains(report)).toEqual([
      'bad.zip › lib/stored.js',
      'bad.zip › lib/deflated.js',
      'bad.zip › README.md',
    ])
    expect(report.files[1].hasContent).toBe(false)
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0].path).toBe('bad.zip › lib/deflated.js')
    expect(report.errors[0].message).toMatch(/deflate data is (corrupt|truncated)/)
  })

  it('stops an entry that inflates past its declared size (a lying header)', async () => {
    const bytes = zip([{ path: 'bomb.txt', data: 'z'.repeat(100_000) }]).slice()
    const { cd } = directory(bytes)
    view(bytes).setUint32(cd + 24, 1000, true) // declared uncompressed size: 1000
    const report = await run('liar.zip', bytes)
    expect(report.files.map((f) => [f.path, f.hasContent])).toEqual([['bomb.txt', false]])
    expect(report.errors[0].message).toMatch(/inflates past its declared 1000 bytes/)
  })

  it('refuses overlapping entries (the overlapping-file zip bomb)', async () => {
    // Two central directory records pointing at the same local header.
    const one = zip([{ path: 'a.txt', data: 'x'.repeat(1000) }])
    const { eocd, cd } = directory(one)
    const record = one.subarray(cd, eocd)
    const end = one.slice(eocd)
    view(end).setUint16(8, 2, true)
    view(end).setUint16(10, 2, true)
    view(end).setUint32(12, record.length * 2, true)
    const bomb = concatBytes([one.subarray(0, cd), record, record, end])
    const report = await run('overlap.zip', bomb)
    expect(report.files).toEqual([])
    expect(report.errors[0].message).toMatch(/share their data \(an overlapping-entry zip bomb\)/)
  })

  it('lists an entry over limits.maxFileBytes without reading it', async () => {
    const report = await run('big.zip', zip(entries), { limits: { maxFileBytes: 1000 } })
    expect(report.files.map((f) => [f.path, f.hasContent, f.bytes])).toEqual([
      ['lib/stored.js', true, 15],
      ['lib/deflated.js', false, 4500],
      ['README.md', true, 8],
    ])
    expect(report.errors).toEqual([
      expect.objectContaining({
        path: 'big.zip › lib/deflated.js',
        level: 'limit',
        message: expect.stringMatching(/limits\.maxFileBytes/),
      }),
    ])
  })

  it('counts inflated zip data against limits.maxInflatedBytes', async () => {
    const report = await run(
      'many.zip',
      zip([
        { path: 'a', data: 'a'.repeat(5000) },
        { path: 'b', data: 'b'.repeat(5000) },
      ]),
      {
        limits: { maxInflatedBytes: 7000 },
      },
    )
    expect(chains(report)).toEqual(['many.zip › a'])
    expect(report.errors[0]).toMatchObject({ level: 'limit' })
  })
})

describe('crx', () => {
  const inner = zip([
    { path: 'manifest.json', data: '{"name":"ext"}' },
    { path: 'bg.js', data: 'go()' },
  ])

  it('reads the zip after a CRX3 header', async () => {
    const report = await run('ext.crx', crx3(inner, 100))
    expect(chains(report)).toEqual(['ext.crx › manifest.json', 'ext.crx › bg.js'])
  })

  it('reads the zip after a CRX2 header (key and signature lengths)', async () => {
    const head = new Uint8Array(16)
    head.set([0x43, 0x72, 0x32, 0x34])
    view(head).setUint32(4, 2, true)
    view(head).setUint32(8, 20, true)
    view(head).setUint32(12, 30, true)
    const report = await run('old.crx', concatBytes([head, new Uint8Array(50).fill(7), inner]))
    expect(chains(report)).toEqual(['old.crx › manifest.json', 'old.crx › bg.js'])
  })

  it('reports an unknown crx version', async () => {
    const bytes = crx3(inner).slice()
    view(bytes).setUint32(4, 9, true)
    const report = await run('v9.crx', bytes)
    expect(report.errors[0]).toMatchObject({ path: 'v9.crx', message: expect.stringMatching(/version 9/) })
  })

  it('opens a gzip holding a zip', async () => {
    const report = await run('x.zip.gz', gzip(inner))
    expect(chains(report)).toEqual([
      'x.zip.gz › x.zip',
      'x.zip.gz › x.zip › manifest.json',
      'x.zip.gz › x.zip › bg.js',
    ])
  })
})
