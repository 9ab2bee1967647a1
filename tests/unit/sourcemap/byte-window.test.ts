import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readSourceMap, type MapSourceEntry } from '../../../src/core/sourcemap'
import { ByteWindow, type SyncBytes } from '../../../src/core/sourcemap/byte-window'
import { buildBigMap } from './big-map'

const encoder = new TextEncoder()

/** A reader that hands out copies, or reads into the buffer it is given after scribbling over all of
 *  it (so a view of an earlier window kept past the next read would show), and records the largest
 *  read and the buffers it was given. */
function reader(
  bytes: Uint8Array,
  windowBytes?: number,
): SyncBytes & { largest: number; total: number; into: Set<ArrayBufferLike> } {
  const source = {
    size: bytes.length,
    windowBytes,
    largest: 0,
    total: 0,
    into: new Set<ArrayBufferLike>(),
    read(start: number, end: number, into?: Uint8Array) {
      source.largest = Math.max(source.largest, end - start)
      source.total += end - start
      if (!into) return bytes.slice(start, end)
      source.into.add(into.buffer)
      into.fill(0x22) // quotes: a kept view would read as other strings
      into.set(bytes.subarray(start, end))
      return into.subarray(0, end - start)
    },
  }
  return source
}

/** What readSourceMap reports (entries, info, or the error's message) for a source. */
function outcome(source: Uint8Array | SyncBytes) {
  const entries: MapSourceEntry[] = []
  try {
    const info = readSourceMap(source, (entry) => entries.push(entry))
    return { entries, info }
  } catch (error) {
    return { entries, error: (error as Error).message }
  }
}

const WINDOWS = [1, 3, 17, 1000, 5000]

function sameThroughWindows(bytes: Uint8Array): void {
  const whole = outcome(bytes)
  for (const windowBytes of WINDOWS) {
    expect(outcome(reader(bytes, windowBytes))).toEqual(whole)
  }
}

describe('ByteWindow', () => {
  it('reads every byte, finds every byte and slices any range as the whole array does', () => {
    const bytes = encoder.encode('{"a":"x\\\\\\"y","b":[1,2,3]}'.repeat(40))
    for (const windowBytes of WINDOWS) {
      const window = new ByteWindow(reader(bytes, windowBytes))
      for (let i = -1; i <= bytes.length; i++) expect(window.at(i)).toBe(bytes[i])
      for (let i = bytes.length; i >= 0; i -= 7) expect(window.at(i)).toBe(bytes[i])
      for (let from = 0; from < bytes.length; from += 13)
        for (const byte of [0x22, 0x5c, 0x5d, 0x7e])
          expect(window.indexOf(byte, from)).toBe(bytes.indexOf(byte, from))
      for (let start = 0; start < bytes.length; start += 29)
        expect([...window.slice(start, Math.min(bytes.length, start + 200))]).toEqual([
          ...bytes.subarray(start, start + 200),
        ])
    }
  })

  it('pages in one window at a time, and a string it decodes', () => {
    const map = buildBigMap({ sources: 30, contentBytes: 2_000, mappingsBytes: 100_000 })
    const source = reader(map.bytes, 4_096)
    const contents: string[] = []
    readSourceMap(source, (entry) => contents.push(entry.content ?? ''))
    expect(contents).toEqual(contents.map((_, i) => map.content(i)))
    // A window and the 1 KiB before it; a content string is longer than a window's 4 KiB, not 5 KiB.
    expect(source.largest).toBe(4_096 + 1_024)
    expect(map.bytes.length).toBeGreaterThan(100_000)
    // Each byte is read about once: the walk pages through, each name and content is read again to
    // be decoded, and looking at where a value starts does not page its window in.
    expect(source.total).toBeLessThan(2.5 * map.bytes.length)
  })
})

describe('readSourceMap through a window', () => {
  it('reads every window into one buffer', () => {
    const bytes = encoder.encode(
      JSON.stringify({
        version: 3,
        sources: ['a.ts', 'b.ts'],
        sourcesContent: ['x'.repeat(5000), 'y'],
        mappings: '',
      }),
    )
    const source = reader(bytes, 1000)
    expect(outcome(source)).toEqual(outcome(bytes))
    expect(source.total).toBeGreaterThan(5 * 1000)
    expect(source.into.size).toBe(1)
  })

  it('reports the same sources, warnings and errors as over the whole bytes', () => {
    const texts = [
      '',
      '[]',
      '{"version":3,"sources":["a"',
      '{"version":3,"x":1,}',
      '{"x":tru,"sources":[]}',
      '{"x":1} trailing',
      '{"ver\\qsion":3}',
      '\uFEFF)]}\'\n{"version":3,"sources":["a"],"sourcesContent":["A"],"mappings":""}',
      '{"version":3,"sources":["a.ts","b.ts","c.ts"],"sourcesContent":["A","B","C',
      '{"version":3,"sources":["a","b"],"sourcesContent":["bad \\x","ok \\\\\\"é"],"mappings":""}',
      '{"version":3,"sourceRoot":"/root/\\n","sources":["a"],"mappings":"AAAA"}',
      JSON.stringify({
        version: 3,
        sections: [
          { offset: { line: 0, column: 0 }, map: { version: 3, sources: ['x.ts'], sourcesContent: ['X'] } },
          { offset: { line: 9, column: 0 }, url: 'other.map' },
        ],
      }),
      '{"x":' + '['.repeat(20_000) + ']'.repeat(20_000) + ',"sources":[]}',
    ]
    for (const text of texts) sameThroughWindows(encoder.encode(text))
  })

  it('any map of strings, escapes and nulls reads the same through any window (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 })
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 8 }),
        fc.array(fc.option(text, { nil: null }), { maxLength: 10 }),
        fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
        fc.integer({ min: 1, max: 64 }),
        (sources, sourcesContent, sourceRoot, windowBytes) => {
          const bytes = encoder.encode(
            JSON.stringify({ version: 3, sourceRoot, sources, sourcesContent, mappings: 'AA;\\"' }),
          )
          expect(outcome(reader(bytes, windowBytes))).toEqual(outcome(bytes))
        },
      ),
      { numRuns: 200 },
    )
  })
})
