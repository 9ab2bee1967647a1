import { open, readdir, stat } from 'node:fs/promises'
import { basename, join, relative, dirname, sep } from 'node:path'
import type { ByteSource } from '../core/input/byte-source'

/** A ByteSource over a file on disk; opens the file per read so thousands of sources hold no handles. */
export function fileSource(path: string, name: string, size: number): ByteSource {
  return {
    name,
    size,
    async read(start, end) {
      const handle = await open(path, 'r')
      try {
        const length = Math.max(0, Math.min(end, size) - start)
        const buffer = new Uint8Array(length)
        let filled = 0
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled)
          if (bytesRead === 0) break
          filled += bytesRead
        }
        return filled === length ? buffer : buffer.subarray(0, filled)
      } finally {
        await handle.close()
      }
    },
  }
}

export class InputError extends Error {}

/** Turns command-line paths into sources: a file is one source named by its base name; a folder
 *  contributes every regular file below it, named relative to the folder's parent ("dist/cli.js"). */
export async function sourcesFromPaths(paths: string[]): Promise<ByteSource[]> {
  const sources: ByteSource[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    if (info.isFile()) sources.push(fileSource(path, basename(path), info.size))
    else if (info.isDirectory()) {
      const base = dirname(path)
      for await (const file of walk(path)) {
        sources.push(fileSource(file.path, relative(base, file.path).split(sep).join('/'), file.size))
      }
    } else throw new InputError(`cannot read ${path}: not a regular file or folder`)
  }
  return sources
}

async function* walk(dir: string): AsyncGenerator<{ path: string; size: number }> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else if (entry.isFile()) yield { path, size: (await stat(path)).size }
  }
}
