// Streaming decompression with the inflated size counted as it grows. fflate's streaming classes
// inflate a whole pushed chunk at once, so the compressed input is fed in slices sized to the ratio
// seen so far: ordinary data (ratio 3-10) goes in MAX_FEED_BYTES slices, a bomb (ratio ~1000) in
// ~1 KiB ones. That bounds the memory inflated between two checks to about TARGET_OUTPUT_BYTES, and
// avoids fflate's slow path for huge outputs per push (64 MiB of zeros: 7 s in 64 KiB pushes, 1 s in
// 4 KiB ones, measured on the CI box).
import { Gunzip, Inflate } from 'fflate'
import type { ByteSource } from './byte-source'
import type { Budget } from './limits'
import { checkAborted, ContainerError, StopError } from './limits'

/** Most compressed bytes handed to fflate per push; the first push uses MIN_FEED_BYTES. */
export const MAX_FEED_BYTES = 64 * 1024
const MIN_FEED_BYTES = 1024
/** Inflated bytes aimed at per push. */
const TARGET_OUTPUT_BYTES = 1024 * 1024

export interface InflateOptions {
  budget: Budget
  chunkBytes: number
  signal?: AbortSignal
  /** Container name for messages (origin chain joined by ' › '). */
  where: string
  /** Called with each compressed chunk's end offset, for progress. */
  onRead?(done: number): void
  /** A host's native gunzip, tried before fflate (see NativeGunzip). */
  gunzip?: NativeGunzip
}

/**
 * A host's streaming gunzip (node:zlib in the CLI, DecompressionStream in the worker): compressed
 * chunks in, inflated pieces out, pulled one at a time so a bomb never inflates far ahead of the
 * limit checks. It is only trusted for input it inflates whole: on any error, or when
 * `inputConsumed()` says bytes were left over (padding or junk after the last member), fflate
 * re-inflates from the start, skips what was already consumed and reports the damage with the
 * same messages as without a native gunzip.
 */
export type NativeGunzip = (
  compressed: AsyncIterable<Uint8Array>,
  options?: {
    /** Takes back a compressed chunk the gunzip is done with (the source's release): one whose bytes
     *  it has read whole and holds no view of. */
    release?: (chunk: Uint8Array) => void
  },
) => {
  output: AsyncIterable<Uint8Array>
  /** Compressed bytes the gunzip used; undefined when the host cannot tell (it must then fail on
   *  trailing bytes itself). */
  inputConsumed?(): number | undefined
}

/** Takes one inflated piece. */
export type Consume = (piece: Uint8Array) => Promise<void>

/**
 * Gunzips `source` (one or more concatenated gzip members) from `start` to its end, calling `consume`
 * with each inflated piece in order. Truncated or corrupt data ends in a ContainerError after every
 * piece inflated before the damage was consumed.
 */
export async function gunzipSource(
  source: ByteSource,
  options: InflateOptions,
  consume: Consume,
): Promise<void> {
  const out = new Output(options)
  if (options.gunzip) {
    if (await nativeGunzip(source, options, out, consume, options.gunzip)) return
    // Start over with fflate; the output already consumed is skipped, not counted twice.
    out.skip = out.produced
    out.produced = 0
    out.memberStart = 0
  }
  const gunzip = new Gunzip((data) => out.take(data))
  gunzip.onmember = () => (out.memberStart = out.produced)
  await feed(
    source,
    0,
    source.size,
    options,
    out,
    consume,
    (slice, final) => gunzip.push(slice, final),
    'gzip',
  )
}

/** Raw deflate (a zip entry) of `source` bytes [start, end). */
export async function inflateRange(
  source: ByteSource,
  start: number,
  end: number,
  options: InflateOptions,
  consume: Consume,
): Promise<void> {
  const out = new Output(options)
  const inflate = new Inflate((data) => out.take(data))
  await feed(
    source,
    start,
    end,
    options,
    out,
    consume,
    (slice, final) => inflate.push(slice, final),
    'deflate',
  )
}

/** Inflated pieces waiting to be consumed, cut off exactly at the inflated-bytes budget so the data
 *  before the limit is still walked (a member before a bomb stays in the report). */
class Output {
  pieces: Uint8Array[] = []
  produced = 0
  /** `produced` when the current gzip member started. */
  memberStart = 0
  stop: StopError | undefined
  /** Leading inflated bytes already consumed (by a native gunzip that failed later). */
  skip = 0
  constructor(private readonly options: InflateOptions) {}

  take(data: Uint8Array): void {
    if (this.stop) return
    if (this.skip > this.produced) {
      const skipped = Math.min(data.length, this.skip - this.produced)
      this.produced += skipped
      data = data.subarray(skipped)
      if (data.length === 0) return
    }
    const { budget } = this.options
    const room = budget.room()
    if (data.length > room) {
      this.stop = budget.inflatedStop(this.options.where)
      data = data.subarray(0, room)
    }
    budget.inflated += data.length
    this.produced += data.length
    if (data.length > 0) this.pieces.push(data)
  }
}

/** The native attempt: true when the whole source inflated cleanly through it. A limit or a cancel
 *  ends the analysis as on the fflate path; anything else the gunzip throws means "let fflate look". */
async function nativeGunzip(
  source: ByteSource,
  options: InflateOptions,
  out: Output,
  consume: Consume,
  gunzip: NativeGunzip,
): Promise<boolean> {
  // Errors of the source or of the consumer are the analysis's own, not the gunzip's.
  let ownError: unknown
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < source.size;) {
      let chunk: Uint8Array
      try {
        checkAborted(options.signal)
        chunk = await source.read(at, Math.min(source.size, at + options.chunkBytes))
      } catch (error) {
        ownError = error
        throw error
      }
      if (chunk.length === 0) return
      at += chunk.length
      yield chunk
      options.onRead?.(at)
    }
  }
  const run = gunzip(chunks(), { release: source.release && ((chunk) => source.release!(chunk)) })
  try {
    for await (const data of run.output) {
      out.take(data)
      try {
        for (const piece of out.pieces.splice(0)) await consume(piece)
      } catch (error) {
        ownError = error
        throw error
      }
      if (out.stop) throw out.stop
    }
  } catch (error) {
    if (error === ownError || error instanceof StopError || error instanceof ContainerError) throw error
    return false
  }
  if (ownError !== undefined) throw ownError
  const consumed = run.inputConsumed?.()
  return consumed === undefined || consumed === source.size
}

async function feed(
  source: ByteSource,
  start: number,
  end: number,
  options: InflateOptions,
  out: Output,
  consume: Consume,
  push: (slice: Uint8Array, final: boolean) => void,
  format: string,
): Promise<void> {
  let read = 0
  let final = false
  let feedBytes = MIN_FEED_BYTES
  const drain = async () => {
    for (const piece of out.pieces.splice(0)) await consume(piece)
    if (out.stop) throw out.stop
  }
  let trailingAt = -1
  const step = async (slice: Uint8Array, last: boolean, sliceAt: number) => {
    try {
      push(slice, last)
    } catch (error) {
      if (error instanceof StopError || error instanceof ContainerError) throw error
      await drain()
      // The first header was sniffed, so a bad header now is what follows a complete member:
      // zero padding (some tools pad to a block size) or junk. The data before it is whole.
      if (format === 'gzip' && error instanceof Error && error.message === 'invalid gzip data') {
        trailingAt = sliceAt
        return
      }
      const what =
        error instanceof Error && /unexpected EOF/i.test(error.message)
          ? 'truncated (unexpected end of data)'
          : `corrupt (${error instanceof Error ? error.message : String(error)})`
      throw new ContainerError(
        `${format} data is ${what} after ${(read + slice.length).toLocaleString('en-US')} compressed bytes`,
      )
    }
    read += slice.length
    // Next slice: as much compressed input as should inflate to about TARGET_OUTPUT_BYTES.
    const ratio = out.produced / Math.max(1, read)
    feedBytes = Math.max(
      MIN_FEED_BYTES,
      Math.min(MAX_FEED_BYTES, Math.floor(TARGET_OUTPUT_BYTES / Math.max(1, ratio))),
    )
    await drain()
  }
  for (let at = start; at < end;) {
    checkAborted(options.signal)
    const chunk = await source.read(at, Math.min(end, at + options.chunkBytes))
    if (chunk.length === 0) break
    at += chunk.length
    for (let i = 0; i < chunk.length && trailingAt < 0;) {
      const n = feedBytes
      final = at >= end && i + n >= chunk.length
      await step(chunk.subarray(i, i + n), final, at - chunk.length + i)
      i += n
    }
    options.onRead?.(at)
    if (trailingAt >= 0) return checkTrailing(source, trailingAt, end, out)
  }
  // Source shorter than announced (or empty): tell fflate the input ended so truncation is reported.
  if (!final) await step(new Uint8Array(0), true, end)
}

/** Zero padding after the last member is silent; anything else is a warning (nothing was lost).
 *  Padding is recognised by the member's trailer: the 4-byte ISIZE just before the zero run must be
 *  the inflated size of the last member. */
async function checkTrailing(source: ByteSource, from: number, end: number, out: Output): Promise<void> {
  // From a little before: the failing slice may start right after the trailer.
  const tail = end - from <= 1024 * 1024 ? await source.read(Math.max(0, from - 8), end) : undefined
  if (tail) {
    let p = tail.length
    while (p > 0 && tail[p - 1] === 0) p--
    const isize = (out.produced - out.memberStart) % 2 ** 32
    for (let e = Math.max(4, p); e <= Math.min(tail.length, p + 4); e++) {
      const trailer = (tail[e - 4] | (tail[e - 3] << 8) | (tail[e - 2] << 16) | (tail[e - 1] << 24)) >>> 0
      if (trailer === isize) return
    }
  }
  throw new ContainerError(
    `gzip data is followed by bytes that are not gzip (within the last ${(end - from).toLocaleString('en-US')} bytes); they were ignored`,
    'warning',
  )
}
