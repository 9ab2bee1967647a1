// node:zlib behind the core's NativeGunzip: several times faster than fflate on a large tarball.
// The core pulls one inflated piece at a time, so the stream's back-pressure keeps a bomb from
// inflating far ahead of the limit checks (at most a few pieces of PIECE_BYTES).
import { pipeline, Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { NativeGunzip } from '../core/input/inflate'

const PIECE_BYTES = 1024 * 1024

export const nodeGunzip: NativeGunzip = (compressed) => {
  const gunzip = createGunzip({ chunkSize: PIECE_BYTES })
  // pipeline, not pipe: a failing source must fail the output too, or the iteration would hang.
  pipeline(Readable.from(compressed, { objectMode: false }), gunzip, () => undefined)
  return {
    output: pieces(gunzip),
    // zlib silently drops bytes after the last member that do not start another one; counting what
    // it used lets the core hand such input to fflate, which warns about them.
    inputConsumed: () => gunzip.bytesWritten,
  }
}

/** Plain Uint8Array views: Buffer's slice() shares memory where Uint8Array's copies. */
async function* pieces(stream: AsyncIterable<Buffer>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}
