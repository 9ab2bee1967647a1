// The browser's DecompressionStream behind the core's NativeGunzip: native inflate, several times
// faster than fflate. Reads are pulled one piece at a time, so a bomb never inflates far ahead of
// the core's limit checks. The core falls back to fflate when this fails, which covers browsers
// whose DecompressionStream rejects concatenated members or padding after the last one.
import type { NativeGunzip } from '../core/input/inflate'

/** undefined when the browser has no DecompressionStream: fflate alone then. */
export function streamGunzip(): NativeGunzip | undefined {
  if (typeof DecompressionStream !== 'function') return undefined
  return (compressed) => {
    const chunks = compressed[Symbol.asyncIterator]()
    const input = new ReadableStream<BufferSource>({
      async pull(controller) {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(next.value as Uint8Array<ArrayBuffer>)
      },
      async cancel() {
        await chunks.return?.()
      },
    })
    // The spec makes DecompressionStream fail on bytes after the end of the data, so no count of
    // consumed input is needed: any leftover is an error, and fflate then reports it.
    const stop = new AbortController()
    const output = input.pipeThrough(new DecompressionStream('gzip'), { signal: stop.signal })
    // Each piece read from the stream is a buffer of its own.
    return { output: pieces(output, stop), freshPieces: true }
  }
}

async function* pieces(
  stream: ReadableStream<Uint8Array>,
  stop: AbortController,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    // Stops the inflate and the reads behind it when the core stops early (a limit, a cancel).
    stop.abort()
    reader.releaseLock()
  }
}
