// Output written in parts with backpressure: each part goes to the stream as it is made, and the next
// is made only once the stream has taken the last, so a report of any length never waits in memory
// whole (as one string or as a queue of buffered writes).
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { InputError } from './node-source'

type ErrnoError = NodeJS.ErrnoException

/** Writes `parts` to the file `output`, or to stdout when it is undefined. A closed stdout pipe
 *  (`| head`) ends the writing quietly: it is the reader's choice, not a failure of the scan. */
export async function writeParts(parts: Iterable<string>, output?: string): Promise<void> {
  if (output === undefined) {
    const error = await writeTo(process.stdout, parts)
    if (error && error.code !== 'EPIPE') throw error
    return
  }
  const file = createWriteStream(output)
  const error = (await opened(file)) ?? (await writeTo(file, parts)) ?? (await closed(file))
  if (error) {
    file.destroy()
    throw new InputError(`cannot write ${output}: ${error.code ?? 'unwritable'}`)
  }
}

export function writeStdout(text: string): Promise<void> {
  return writeParts([text])
}

/** Bytes of the buffers short parts are packed into. */
const PACK_BYTES = 256 * 1024

/** `parts` as UTF-8, short ones encoded straight into buffers of PACK_BYTES: a JSON report comes as a
 *  million short pieces, and joining them into long strings first (to write fewer) cost a second
 *  copy of every character, as the long string is flattened before it is encoded. A long part is
 *  passed on as it is. */
function* packed(parts: Iterable<string>): Generator<Uint8Array | string> {
  let buffer = Buffer.allocUnsafe(PACK_BYTES)
  let at = 0
  for (const part of parts) {
    // At most 3 bytes of UTF-8 per UTF-16 code unit.
    if (at + part.length * 3 > buffer.length && at > 0) {
      yield buffer.subarray(0, at)
      buffer = Buffer.allocUnsafe(PACK_BYTES)
      at = 0
    }
    if (part.length * 3 > buffer.length) yield part
    else at += buffer.write(part, at)
  }
  if (at > 0) yield buffer.subarray(0, at)
}

/** Writes every part, waiting for 'drain' whenever the stream asks; the first error ends it. */
async function writeTo(stream: Writable, parts: Iterable<string>): Promise<ErrnoError | undefined> {
  let failed: ErrnoError | undefined
  const onError = (error: ErrnoError) => (failed ??= error)
  stream.on('error', onError)
  try {
    for (const part of packed(parts)) {
      if (failed) break
      if (!stream.write(part)) await settled(stream, 'drain')
    }
    // The last write's callback: everything before it has been handed to the system.
    if (!failed)
      await new Promise<void>((resolve) =>
        stream.write('', (error) => {
          if (error) onError(error)
          resolve()
        }),
      )
  } finally {
    stream.off('error', onError)
  }
  return failed
}

/** Resolves on `event`, or on an error or close (the caller reads the error it recorded). */
function settled(stream: Writable, event: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off(event, done)
      stream.off('error', done)
      stream.off('close', done)
      resolve()
    }
    stream.on(event, done)
    stream.on('error', done)
    stream.on('close', done)
  })
}

function opened(file: ReturnType<typeof createWriteStream>): Promise<ErrnoError | undefined> {
  return new Promise((resolve) => {
    file.once('open', () => resolve(undefined))
    file.once('error', (error: ErrnoError) => resolve(error))
  })
}

function closed(file: ReturnType<typeof createWriteStream>): Promise<ErrnoError | undefined> {
  return new Promise((resolve) => {
    file.once('error', (error: ErrnoError) => resolve(error))
    file.end(() => resolve(undefined))
  })
}
