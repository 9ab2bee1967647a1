import { describe, expect, it } from 'vitest'
import { isBinary, looksLikeSourceMap, sniff } from '../../../src/core/input/sniff'
import { crx3, gzip, zip } from '../../../src/build/sample/archives'
import { rawTarHeader, writeTar } from '../../../src/build/sample/tar'
import { encoder } from './helpers'

describe('sniff', () => {
  it('recognises each container by its magic bytes, whatever the name', () => {
    const tar = writeTar([{ path: 'a.txt', data: 'a' }])
    expect(sniff(gzip('x'))).toBe('gzip')
    expect(sniff(tar)).toBe('tar')
    expect(sniff(zip([{ path: 'a', data: 'a' }]))).toBe('zip')
    expect(sniff(zip([]))).toBe('zip') // an empty zip is only its end record
    expect(sniff(crx3(zip([{ path: 'a', data: 'a' }])))).toBe('crx')
    expect(sniff(encoder.encode('just text'))).toBe('file')
    expect(sniff(new Uint8Array(0))).toBe('file')
  })

  it('takes a pre-POSIX tar header by its checksum, and rejects a bad one', () => {
    const header = rawTarHeader({ name: 'old.txt', size: 0, typeflag: '0' })
    header.fill(0, 257, 265) // no "ustar" magic: a v7 header
    let sum = 0
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]
    header.set(encoder.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148)
    expect(sniff(header)).toBe('tar')
    header[0] ^= 1
    expect(sniff(header)).toBe('file')
  })

  it('finds source maps by content, and any JSON object named *.map', () => {
    const map = encoder.encode('{"version":3,"sources":["a.ts"],"mappings":"AAAA"}')
    expect(looksLikeSourceMap(map, 'bundle.js.txt')).toBe(true)
    expect(looksLikeSourceMap(encoder.encode(')]}\'\n{"version":3,"sections":[]}'), 'x')).toBe(true)
    expect(looksLikeSourceMap(encoder.encode('{"name":"pkg","version":"1.0.0"}'), 'package.json')).toBe(false)
    expect(looksLikeSourceMap(encoder.encode('{}'), 'cli.js.map')).toBe(true)
    expect(looksLikeSourceMap(encoder.encode('not json'), 'cli.js.map')).toBe(false)
  })

  it('calls content with a NUL byte binary', () => {
    expect(isBinary(new Uint8Array([0x89, 0x50, 0, 1]))).toBe(true)
    expect(isBinary(encoder.encode('plain text\n'))).toBe(false)
  })
})
