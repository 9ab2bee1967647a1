// The SHA-256 of a dropped file, for a report to hand over (its identity: name, size, digest). Read
// as a stream, so a large tarball costs no more memory than a chunk.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

/** The hex SHA-256 of the file at `path`; undefined when it is not one readable regular file. */
export async function sha256OfFile(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
    return hash.digest('hex')
  } catch {
    return undefined
  }
}
