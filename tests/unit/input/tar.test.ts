import { describe, expect, it } from 'vitest'
import { TarError, TarWalker, type TarEvent } from '../../../src/core/input/tar'
import {
  concatBytes,
  rawTarHeader,
  tarPadding,
  TAR_END,
  writeTar,
  type TarEntry,
} from '../../../src/build/sample/tar'
import { CHUNK_SIZES, decoder, encoder } from './helpers'

/** Members of a tar pushed in chunks of `size` bytes: [path, content]. */
function walk(tar: Uint8Array, size: number): [string, string][] {
  const walker = new TarWalker()
  const members: [string, string][] = []
  let parts: Uint8Array[] = []
  const onEvents = (events: TarEvent[]) => {
    for (const e of events) {
      if (e.type === 'entry') {
        members.push([e.path, ''])
        parts = []
      } else if (e.type === 'data') parts.push(e.bytes.slice())
      else members[members.length - 1][1] = decoder.decode(concatBytes(parts))
    }
  }
  for (let at = 0; at < tar.length; at += size) onEvents(walker.push(tar.subarray(at, at + size)))
  walker.finish()
  return members
}

const deep = 'package/' + 'very-long-directory-name/'.repeat(6)
const entries: TarEntry[] = [
  { path: '', type: 'pax-global', pax: { comment: 'release' } },
  { path: 'package/package.json', data: '{"name":"x"}\n' },
  { path: `${deep}pax.txt`, data: 'pax', longName: 'pax' },
  { path: `${deep}gnu.txt`, data: 'gnu', longName: 'gnu' },
  { path: `${deep}prefix.txt`, data: 'prefix', longName: 'prefix' },
  { path: 'package/ünïcödé-ñame.md', data: 'utf8 names' },
  { path: 'package/empty.txt', data: '' },
  { path: 'package/dir/', type: 'dir' },
  { path: 'package/link.js', type: 'symlink', linkname: 'package.json' },
  { path: 'package/block.bin', data: 'x'.repeat(1024) },
]
const expected: [string, string][] = [
  ['package/package.json', '{"name":"x"}\n'],
  [`${deep}pax.txt`, 'pax'],
  [`${deep}gnu.txt`, 'gnu'],
  [`${deep}prefix.txt`, 'prefix'],
  ['package/ünïcödé-ñame.md', 'utf8 names'],
  ['package/empty.txt', ''],
  ['package/block.bin', 'x'.repeat(1024)],
]

describe('TarWalker', () => {
  it.each(CHUNK_SIZES)(
    'reads ustar, pax, GNU and prefix names, skipping dirs and links (chunks of %i)',
    (size) => {
      expect(walk(writeTar(entries), size)).toEqual(expected)
    },
  )

  it('applies pax size and path records, global ones to every later member', () => {
    const paxBody = (records: string) => encoder.encode(records)
    const record = (k: string, v: string) => {
      const body = ` ${k}=${v}\n`
      let n = body.length + 1
      while (String(n).length + body.length !== n) n++
      return `${n}${body}`
    }
    const global = paxBody(record('path', 'from/global.txt'))
    const local = paxBody(record('size', '5') + record('path', 'from/local.txt'))
    const tar = concatBytes([
      rawTarHeader({ name: 'pax_global_header', size: global.length, typeflag: 'g' }),
      global,
      tarPadding(global.length),
      rawTarHeader({ name: 'short', size: 3, typeflag: '0' }),
      encoder.encode('abc'),
      tarPadding(3),
      rawTarHeader({ name: 'PaxHeader/x', size: local.length, typeflag: 'x' }),
      local,
      tarPadding(local.length),
      // The ustar size says 0; the pax record's 5 wins.
      rawTarHeader({ name: 'ignored', size: 0, typeflag: '0' }),
      encoder.encode('hello'),
      tarPadding(5),
      TAR_END,
    ])
    expect(walk(tar, 100)).toEqual([
      ['from/global.txt', 'abc'],
      ['from/local.txt', 'hello'],
    ])
  })

  it('strips leading ./ and / from member names', () => {
    const tar = writeTar([
      { path: './a/b.txt', data: '1' },
      { path: '/c.txt', data: '2' },
    ])
    expect(walk(tar, 512).map(([p]) => p)).toEqual(['a/b.txt', 'c.txt'])
  })

  it('reports a truncated member with how much arrived', () => {
    const tar = writeTar([{ path: 'a.txt', data: 'x'.repeat(2000) }])
    const cut = tar.subarray(0, 512 + 1000)
    expect(() => walk(cut, 64)).toThrowError(TarError)
    expect(() => walk(cut, 64)).toThrowError(/truncated: member "a.txt" stops after 1000 B of its 2.0 KB/)
  })

  it('reports a truncated header', () => {
    const tar = writeTar([{ path: 'a.txt', data: 'x' }])
    expect(() => walk(tar.subarray(0, 1024 + 100), 64)).toThrowError(/inside a header/)
  })

  it('reports a corrupt header by its checksum', () => {
    const tar = writeTar([
      { path: 'a.txt', data: 'x' },
      { path: 'b.txt', data: 'y' },
    ])
    tar[1024 + 3] ^= 0x40
    expect(() => walk(tar, 512)).toThrowError(/corrupt header at byte 1024 \(checksum mismatch\)/)
  })

  it('reads GNU base-256 sizes', () => {
    const header = rawTarHeader({ name: 'big.txt', size: 0, typeflag: '0' })
    header.fill(0, 124, 136)
    header[124] = 0x80
    header[135] = 4
    header.fill(0x20, 148, 156)
    let sum = 0
    for (let i = 0; i < 512; i++) sum += header[i]
    header.set(encoder.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148)
    const tar = concatBytes([header, encoder.encode('abcd'), tarPadding(4), TAR_END])
    expect(walk(tar, 512)).toEqual([['big.txt', 'abcd']])
  })
})
