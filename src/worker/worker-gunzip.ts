// The browser's DecompressionStream behind the core's NativeGunzip: native inflate, several times
// faster than fflate. Reads are pulled one piece at a time, so a bomb never inflates far ahead of
// the core's limit checks. The core falls back to fflate when this fails, which covers browsers
// whose DecompressionStream rejects concatenated members or padding after the last one.
//
// Each compressed chunk is written to the stream, and the next one read, once the stream has taken
// the previous one (its write has resolved). Where the stream is a spec TransformStream (Chromium's
// inflates a chunk whole within its write) the chunk then goes back to its source (release), which
// fills the same buffer again for a later read (see worker-blob-source.ts). Node's DecompressionStream
// resolves a write before zlib has read the chunk, so a host says whether its stream takes chunks
// whole (`takesWhole`).
import type { NativeGunzip } from '../core/input/inflate'

/** undefined when the browser has no DecompressionStream: fflate alone then. `takesWhole`: the
 *  stream's writes resolve once it has read their chunk whole, so each chunk is released then. */
export function streamGunzip({ takesWhole = false } = {}): NativeGunzip | undefined {
  if (typeof DecompressionStream !== 'function') return undefined
  return (compressed, options) => {
    const stream = new DecompressionStream('gzip')
    const writer = stream.writable.getWriter()
    const chunks = compressed[Symbol.asyncIterator]()
    let stopped = false
    void (async () => {
      try {
        for (let next = await chunks.next(); !next.done && !stopped;) {
          const chunk = next.value as Uint8Array<ArrayBuffer>
          const written = writer.write(chunk)
          // The next chunk is read while this one inflates.
          const following = chunks.next()
          following.catch(() => undefined) // its error is taken below, unless the write failed first
          await written
          if (takesWhole) options?.release?.(chunk)
          next = await following
        }
        if (stopped) await chunks.return?.()
        else await writer.close()
      } catch (error) {
        // The source's error, or the inflate's: the output fails with it (the core tells them apart).
        await writer.abort(error).catch(() => undefined)
      }
    })()
    const stop = () => {
      stopped = true
      void writer.abort().catch(() => undefined)
    }
    // The pieces are the browser's buffers (64 KiB each in Chromium), left to the collector: detaching
    // one leaves its memory held until a collection all the same and hides it from the collector's
    // count, so collections come later and more piles up.
    return { output: pieces(stream.readable, stop) }
  }
}

async function* pieces(stream: ReadableStream<Uint8Array>, stop: () => void): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    // Stops the inflate and the reads behind it when the core stops early (a limit, a cancel): no
    // further chunk is read. (Not a cancel of the output: Node's stream then still enqueues into it.)
    stop()
    reader.releaseLock()
  }
}
