// The zip directory read as Java's ZipFile reads it: entries counted by walking the directory, the
// end record chosen by its comment length, a rival directory reported; and every part not read or
// scanned marked `unscanned`.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { formatBytes } from '../../../src/core/report/present'
import { readZipDirectory } from '../../../src/core/input/zip'
import {
  decoyDirectoryJar,
  hugeSizeTar,
  manyEntriesZip,
  PLANTED,
  textWithTokenAt,
} from '../../fixtures/lib/evasion-inputs'
import { rawZip } from '../../fixtures/lib/hostile-zip'
import { concatBytes } from '../../../src/build/sample/tar'
import { chains, encoder, run } from './helpers'

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength)
const endAt = (b: Uint8Array) => {
  for (let i = b.length - 22; i >= 0; i--) if (view(b).getUint32(i, true) === 0x06054b50) return i
  throw new Error('no end record')
}

describe('zip directory', () => {
  it('counts entries by walking the directory: 70,001 entries whose end record says 4,465', async () => {
    const bytes = manyEntriesZip()
    expect(view(bytes).getUint16(endAt(bytes) + 10, true)).toBe(70_001 % 65_536)
    const { entries, problems } = await readZipDirectory(memorySource('many.zip', bytes))
    expect(entries).toHaveLength(70_001)
    expect(entries.at(-1)!.path).toBe('config/.env')
    expect(problems).toEqual([])
    // …and the token in the last entry is found.
    const report = await analyze([memorySource('many.zip', bytes)])
    expect(report.files).toHaveLength(70_001)
    expect(report.findings.map((f) => [f.rule, f.path])).toContainEqual(['github-pat-classic', 'config/.env'])
  }, 60_000)

  it('reads the directory Java reads, not the decoy behind a fake end record in the comment', async () => {
    const jar = decoyDirectoryJar()
    const report = await analyze([memorySource('decoy.jar', jar)])
    expect(chains(report)).toEqual(['decoy.jar › META-INF/MANIFEST.MF', 'decoy.jar › .env'])
    expect(report.findings.some((f) => f.rule === 'github-pat-classic' && f.path === '.env')).toBe(true)
    expect(report.errors).toEqual([
      {
        path: 'decoy.jar',
        level: 'error',
        unscanned: true,
        message: expect.stringMatching(
          /^Ambiguous zip: it holds two central directories\. Read: .* \(2 entries\), as Java's ZipFile does; not read: .*declaring 1 entries/,
        ),
      },
    ])
  })

  it('a zip stored inside a zip is not a rival directory', async () => {
    const inner = rawZip([{ name: 'inner.txt', data: 'inner', stored: true }])
    const outer = rawZip([
      { name: 'a.txt', data: 'a', stored: true },
      { name: 'inner.zip', data: inner, stored: true },
    ])
    const report = await run('outer.zip', outer)
    expect(chains(report)).toEqual([
      'outer.zip › a.txt',
      'outer.zip › inner.zip',
      'outer.zip › inner.zip › inner.txt',
    ])
    expect(report.errors).toEqual([])
  })

  it('bytes after the end record that its comment length does not cover: still read, as Java does', async () => {
    const bytes = concatBytes([rawZip([{ name: 'a.txt', data: 'a' }]), encoder.encode('trailing junk')])
    const report = await run('padded.zip', bytes)
    expect(chains(report)).toEqual(['padded.zip › a.txt'])
    expect(report.errors).toEqual([])
  })

  it('a damaged directory tail keeps the entries before it and says what was not read', async () => {
    const bytes = rawZip([
      { name: 'a.txt', data: 'a' },
      { name: 'b.txt', data: 'b' },
    ])
    const end = endAt(bytes)
    const cdSize = view(bytes).getUint32(end + 12, true)
    const cd = end - cdSize
    // Break the second directory entry's signature.
    const second = cd + 46 + 'a.txt'.length
    bytes[second] = 0
    const report = await run('broken.zip', bytes)
    expect(chains(report)).toEqual(['broken.zip › a.txt'])
    expect(report.errors).toEqual([
      {
        path: 'broken.zip',
        level: 'error',
        unscanned: true,
        message: `zip is corrupt: its central directory is damaged at byte ${second}; the 1 entries before it were read, the last 51 B of the directory were not.`,
      },
    ])
  })
})

describe('fail closed: what was not read or scanned is marked', () => {
  it('text past the decode limit is a limit entry, marked unscanned (the token past it is not seen)', async () => {
    const text = textWithTokenAt(64 * 1024, 60 * 1024)
    const report = await analyze([memorySource('big.log', text)], { maxDecodeBytes: 32 * 1024 })
    expect(report.findings).toEqual([])
    expect(report.errors).toEqual([
      {
        path: 'big.log',
        level: 'limit',
        unscanned: true,
        message:
          'Not scanned: 64.0 KB of text is past the 32.0 KB that can be decoded as one string; only its size and lines are listed.',
      },
    ])
    // Under the limit the same text is scanned and the token found.
    const scanned = await analyze([memorySource('big.log', text)], { maxDecodeBytes: 64 * 1024 })
    expect(scanned.findings.map((f) => f.excerpt)).toEqual([expect.stringContaining(PLANTED.slice(-4))])
    expect(scanned.errors).toEqual([])
  })

  it('a size of 2^95 - 1 bytes is printed with a unit, never in exponent notation', async () => {
    const report = await run('huge.tar', hugeSizeTar())
    const messages = report.errors.map((e) => e.message)
    expect(messages).toEqual([
      'Listed without content: 32768 YB is over limits.maxFileBytes (1.0 GB); raise limits.maxFileBytes to read further.',
      'truncated: member "package/huge.bin" stops after 0 B of its 32768 YB.',
    ])
    expect(report.errors.every((e) => e.unscanned)).toBe(true)
    expect(messages.join(' ')).not.toMatch(/e\+\d/)
  })

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1023.6, '1024 B'],
    [1536, '1.5 KB'],
    [15_718, '15.3 KB'],
    [157_286, '154 KB'],
    [2 ** 31, '2.0 GB'],
    [2 ** 95 - 1, '32768 YB'],
    [1e300, expect.stringMatching(/^[\d,]+ YB$/)],
  ])('formatBytes(%d) = %s', (n, text) => {
    expect(formatBytes(n)).toEqual(text)
  })
})
