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

/** Writes every part, waiting for 'drain' whenever the stream asks; the first error ends it. */
async function writeTo(stream: Writable, parts: Iterable<string>): Promise<ErrnoError | undefined> {
  let failed: ErrnoError | undefined
  const onError = (error: ErrnoError) => (failed ??= error)
  stream.on('error', onError)
  try {
    for (const part of parts) {
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
