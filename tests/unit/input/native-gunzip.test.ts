// The hosts' native gunzips (node:zlib in the CLI, DecompressionStream in the worker) must give the
// very report fflate gives: same files, same limit stops and the same messages for damage, which
// the core gets by handing anything the native gunzip does not inflate whole back to fflate.
import { Gunzip } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { NativeGunzip } from '../../../src/core/input/inflate'
import { nodeGunzip } from '../../../src/cli/node-gunzip'
import { gzip } from '../../../src/build/sample/archives'
import { concatBytes, writeTar } from '../../../src/build/sample/tar'
import { analyze } from '../../../src/core/analyze'
import { chains, encoder, run } from './helpers'
import type { Limits } from '../../../src/core/report/model'

const tgz = (files: Record<string, string | Uint8Array>) =>
  gzip(writeTar(Object.entries(files).map(([path, data]) => ({ path, data }))))

/** Wraps a gunzip to count its calls and the inflated bytes the core pulled from it. */
function spy(inner: NativeGunzip) {
  const seen = { calls: 0, pulled: 0 }
  const gunzip: NativeGunzip = (compressed) => {
    seen.calls++
    const run = inner(compressed)
    return {
      inputConsumed: run.inputConsumed,
      output: (async function* () {
        for await (const piece of run.output) {
          seen.pulled += piece.length
          yield piece
        }
      })(),
    }
  }
  return { gunzip, seen }
}

const many: Record<string, string> = {}
for (let i = 0; i < 40; i++) many[`f${i}.txt`] = `file ${i} `.repeat(200 + i * 37)
const whole = tgz(many)
const twoMembers = (() => {
  const tar = writeTar([
    { path: 'a.txt', data: 'a'.repeat(3000) },
    { path: 'b.txt', data: 'b' },
  ])
  return concatBytes([gzip(tar.subarray(0, 1536)), gzip(tar.subarray(1536))])
})()
const corrupt = tgz({ 'a.txt': 'hello '.repeat(5000) })
for (let i = 20; i < 60; i++) corrupt[i] ^= 0x5a
const small = gzip(writeTar([{ path: 'a.txt', data: 'a' }]))

const cases: [string, Uint8Array, Partial<Limits>][] = [
  ['pkg.tgz', whole, {}],
  ['two.tgz', twoMembers, {}],
  ['cut.tgz', whole.subarray(0, Math.floor(whole.length * 0.6)), {}],
  ['bad.tgz', corrupt, {}],
  ['pad.tgz', concatBytes([twoMembers, new Uint8Array(700)]), {}],
  ['junk.tgz', concatBytes([small, encoder.encode('not gzip at all')]), {}],
  ['notes.txt.gz', gzip('line 1\nline 2'), {}],
  ['outer.tgz', tgz({ 'inner.tgz': whole, 'x.txt': 'x' }), {}],
  ['tiny.tgz', whole, { maxInflatedBytes: 20_000 }],
]

const hosts: [string, NativeGunzip][] = [['node:zlib', nodeGunzip]]
// Imported by a computed path: the worker's files are type-checked by the worker's tsconfig (WebWorker
// lib), not by the tests' one.
const workerGunzip = '../../../src/worker/worker-gunzip'
const { streamGunzip } = (await import(/* @vite-ignore */ workerGunzip)) as {
  streamGunzip(options?: { takesWhole?: boolean }): NativeGunzip | undefined
}
const stream = streamGunzip()
if (stream) hosts.push(['DecompressionStream', stream])

describe.each(hosts)('native gunzip (%s)', (_, native) => {
  it.each(cases)('gives the report fflate gives for %s', async (name, bytes, limits) => {
    for (const chunkBytes of [100, 4096, 1 << 20]) {
      const reference = await run(name, bytes, { limits, chunkBytes })
      const { gunzip, seen } = spy(native)
      const report = await run(name, bytes, { limits, chunkBytes, gunzip })
      expect(report).toEqual(reference)
      expect(seen.calls).toBeGreaterThan(0)
    }
  })

  it('is the one that inflates a clean tarball', async () => {
    const { gunzip, seen } = spy(native)
    const report = await run('pkg.tgz', whole, { gunzip })
    expect(chains(report)).toHaveLength(40)
    expect(seen.pulled).toBeGreaterThan(report.files.reduce((n, f) => n + f.bytes, 0))
  })

  it('stops a bomb at limits.maxInflatedBytes with the fflate message, without inflating it all', async () => {
    const bytes = tgz({ 'first.txt': 'kept', 'zeros.bin': new Uint8Array(64 * 1024 * 1024) })
    expect(bytes.length).toBeLessThan(300_000)
    const limits = { maxInflatedBytes: 1024 * 1024 }
    const reference = await run('bomb.tgz', bytes, { limits, chunkBytes: 4096 })
    const { gunzip, seen } = spy(native)
    const report = await run('bomb.tgz', bytes, { limits, chunkBytes: 4096, gunzip })
    expect(report).toEqual(reference)
    expect(chains(report)).toEqual(['bomb.tgz › first.txt'])
    expect(report.errors).toEqual([
      expect.objectContaining({
        path: 'bomb.tgz',
        level: 'limit',
        message: expect.stringMatching(/maxInflatedBytes/),
      }),
    ])
    // Pulled piece by piece: the stop comes within a few pieces of the limit, not after 64 MiB.
    expect(seen.pulled).toBeLessThan(8 * 1024 * 1024)
  })

  it.each([
    ['zeros.bin.gz', gzip(new Uint8Array(32 * 1024 * 1024)), 1024 * 1024],
    ['big.txt.gz', gzip('y'.repeat(300_000)), 100_000],
  ] as const)(
    'stops a single-file %s at limits.maxFileBytes with the fflate message',
    async (name, bytes, max) => {
      const limits = { maxFileBytes: max }
      const reference = await run(name, bytes, { limits })
      const report = await run(name, bytes, { limits, gunzip: native })
      // The listed size is what had inflated when the limit passed, which depends on piece sizes
      // (fflate's too): both are over the limit, everything else is the same.
      for (const r of [report, reference]) expect(r.files[0].bytes).toBeGreaterThan(max)
      const sizeless = (r: typeof report) => ({
        ...r,
        files: r.files.map((f) => ({ ...f, bytes: 0 })),
        summary: null,
      })
      expect(sizeless(report)).toEqual(sizeless(reference))
      expect(report.errors).toEqual([
        expect.objectContaining({
          path: name,
          level: 'limit',
          message: expect.stringMatching(/limits\.maxFileBytes/),
        }),
      ])
    },
  )
})

/** A DecompressionStream as the spec and Chromium make it: a TransformStream that inflates each chunk
 *  whole within its write (fflate, which copies what it keeps of the input). */
class SpecDecompressionStream extends TransformStream<Uint8Array, Uint8Array> {
  constructor() {
    const gunzip = new Gunzip()
    super({
      // What inflates after the reader cancelled (a limit stopped the core) has nowhere to go.
      start: (controller) =>
        void (gunzip.ondata = (data) => {
          if (controller.desiredSize !== null) controller.enqueue(data.slice())
        }),
      transform: (chunk) => gunzip.push(chunk),
      flush: () => gunzip.push(new Uint8Array(0), true),
    })
  }
}

describe('compressed chunks released to their source', () => {
  /** A source that reuses each released buffer for its next read and scribbles over it at once: a
   *  gunzip that released a chunk it had not read whole would inflate garbage, or fail. */
  function reusingSource(name: string, bytes: Uint8Array) {
    const pool: ArrayBuffer[] = []
    const counts = { reads: 0, released: 0, reused: 0 }
    const source = {
      name,
      size: bytes.length,
      read: async (start: number, end: number) => {
        counts.reads++
        const part = bytes.subarray(start, Math.min(end, bytes.length))
        const reused = pool.findIndex((b) => b.byteLength >= part.length)
        if (reused >= 0) counts.reused++
        const own = new Uint8Array(
          reused >= 0 ? pool.splice(reused, 1)[0] : new ArrayBuffer(part.length),
          0,
          part.length,
        )
        own.set(part)
        return own
      },
      release: (chunk: Uint8Array) => {
        counts.released++
        new Uint8Array(chunk.buffer).fill(0xaa)
        pool.push(chunk.buffer as ArrayBuffer)
      },
    }
    return { source, counts }
  }

  const gunzips = (): [string, NativeGunzip, boolean][] => [
    ['node:zlib', nodeGunzip, false],
    ...(stream ? [["Node's DecompressionStream", stream, false] as [string, NativeGunzip, boolean]] : []),
    [
      'a spec DecompressionStream',
      withStream(SpecDecompressionStream, () => streamGunzip({ takesWhole: true })!),
      true,
    ],
  ]

  it.each(gunzips())(
    'inflate as chunks kept do (%s), released once taken whole where the stream tells',
    async (_, native, releases) => {
      for (const [name, bytes] of [
        ['pkg.tgz', whole],
        ['outer.tgz', cases[7][1]],
        ['cut.tgz', cases[2][1]],
      ] as const)
        for (const chunkBytes of [100, 4096, 1 << 20]) {
          const reference = await run(name, bytes, { chunkBytes })
          const { source, counts } = reusingSource(name, bytes)
          const report = await analyze([source], { scan: false, chunkBytes, gunzip: native })
          expect(report).toEqual(reference)
          if (!releases) expect(counts.released).toBe(0)
          else if (counts.reads > 3) expect(counts.reused).toBeGreaterThan(0)
        }
    },
  )
})

/** A gunzip made while `DecompressionStream` is `Stream`, which it keeps using. */
function withStream(Stream: typeof SpecDecompressionStream, make: () => NativeGunzip): NativeGunzip {
  return (compressed, options) => {
    const was = globalThis.DecompressionStream
    globalThis.DecompressionStream = Stream as unknown as typeof DecompressionStream
    try {
      return make()(compressed, options)
    } finally {
      globalThis.DecompressionStream = was
    }
  }
}
