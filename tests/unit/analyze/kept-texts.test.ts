// The texts a host keeps outside the heap (core/kept-texts.ts) over each host's log: in memory, the
// worker's Blobs and the CLI's temporary file. What is read back is exactly what was put, across the
// boundaries of the log's parts, and a map source kept as a range of its map is its unescaped text.
import { existsSync, statSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { KeptTexts, MemoryLog, partsCovering, type ByteLog } from '../../../src/core/kept-texts'
import { FileLog } from '../../../src/cli/file-log'
import { BlobLog, SEAL_BYTES } from '../../../src/worker/worker-blob-log'

const encoder = new TextEncoder()

const logs: [string, () => ByteLog & { close?: () => void }][] = [
  ['memory', () => new MemoryLog()],
  ['blobs (worker)', () => new BlobLog()],
  ['temporary file (CLI)', () => new FileLog()],
]

describe.each(logs)('ByteLog: %s', (_name, makeLog) => {
  it('reads back every appended piece and any range across pieces, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        async (pieces, a, b) => {
          const log = makeLog()
          try {
            const whole = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0))
            const starts = pieces.map((piece) => {
              const at = log.append(piece)
              whole.set(piece, at)
              piece.fill(7) // the log kept a copy: the caller may reuse its bytes
              return at
            })
            for (const [i, at] of starts.entries()) {
              const original = whole.subarray(at, at + pieces[i].length)
              expect(await log.read(at, at + original.length)).toEqual(original)
            }
            const [start, end] = [a % (whole.length + 1), b % (whole.length + 1)].sort((x, y) => x - y)
            expect(await log.read(start, end)).toEqual(whole.subarray(start, end))
          } finally {
            log.close?.()
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('keeps a member larger than one sealed part whole', async () => {
    const log = makeLog()
    try {
      const small = encoder.encode('small text')
      const big = new Uint8Array(SEAL_BYTES + 1234).map((_, i) => i % 251)
      const at = [log.append(small), log.append(big), log.append(small)]
      expect(at).toEqual([0, small.length, small.length + big.length])
      // Compared as buffers: toEqual walks 4 MB element by element for minutes.
      expect(Buffer.from(await log.read(at[1], at[2])).equals(big)).toBe(true)
      expect(new TextDecoder().decode(await log.read(at[2], at[2] + small.length))).toBe('small text')
    } finally {
      log.close?.()
    }
  })
})

describe('FileLog', () => {
  it('keeps its file private to the user and removes it on close', () => {
    const log = new FileLog()
    log.append(encoder.encode('secret'))
    expect(statSync(log.path).mode & 0o777).toBe(0o600)
    log.close()
    expect(existsSync(log.path)).toBe(false)
  })
})

describe('partsCovering', () => {
  it('names each part a range touches, skipping empty ones', () => {
    // Parts: [0,4) [4,4) [4,10) [10,12)
    const starts = [0, 4, 4, 10]
    expect(partsCovering(starts, 12, 2, 11)).toEqual([
      { index: 0, from: 2, to: 4 },
      { index: 2, from: 0, to: 6 },
      { index: 3, from: 0, to: 1 },
    ])
    expect(partsCovering(starts, 12, 4, 10)).toEqual([{ index: 2, from: 0, to: 6 }])
    expect(partsCovering(starts, 12, 5, 5)).toEqual([])
    expect(() => partsCovering(starts, 12, 3, 13)).toThrow(RangeError)
  })
})

describe('KeptTexts in an analysis', () => {
  it('keeps each map source as a range of the map that reads back as its text, escapes included', async () => {
    const contents = [
      'const a = "quoted" \\ backslash\n\ttab\r\n',
      'unicode: é ü 日本 😀 and an escaped \u2028 separator\u0000',
      '', // empty content is content
      'plain ascii with no escapes at all',
    ]
    const sources = contents.map((_, i) => `src/f${i}.ts`)
    const map = JSON.stringify({ version: 3, sources, sourcesContent: contents, mappings: '' })
    // \u escapes written by hand, as some bundlers do, must read back the same.
    const escaped = map.replace('é', '\\u00e9').replace('😀', '\\ud83d\\ude00')
    const log = new MemoryLog()
    const store = new KeptTexts(log)
    const report = await analyze([memorySource('out.js.map', encoder.encode(escaped))], { store })
    for (const [i, content] of contents.entries()) {
      const file = report.files.find((f) => f.path === sources[i])!
      expect(await store.text(file.id), sources[i]).toBe(content)
      expect(file.bytes).toBe(encoder.encode(content).length)
    }
    // The map itself is kept once, as its bytes; its sources add nothing to the log.
    const mapFile = report.files.find((f) => f.path === 'out.js.map')!
    expect(await store.text(mapFile.id)).toBe(escaped)
    expect(log.size).toBe(encoder.encode(escaped).length)
  })
})
