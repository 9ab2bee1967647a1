import type { Dirent } from 'node:fs'
import { open, readdir, readFile, readlink, stat } from 'node:fs/promises'
import { basename, join, relative, dirname, resolve, sep } from 'node:path'
import type { ByteSource } from '../core/input/byte-source'
import type { ReportError } from '../core/report/model'

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

/** The file-system calls listing a folder makes; tests inject failures (as root, chmod 000 blocks
 *  nothing, so an unreadable folder cannot be made for real there). */
export interface ListingFs {
  readdir(dir: string): Promise<Dirent[]>
  stat(path: string): Promise<{ size: number; isFile(): boolean; isDirectory(): boolean }>
  /** Throws when the file cannot be opened for reading. */
  checkReadable(path: string): Promise<void>
  readlink(path: string): Promise<string>
}

export const nodeListingFs: ListingFs = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  stat: (path) => stat(path),
  checkReadable: async (path) => (await open(path, 'r')).close(),
  readlink: (path) => readlink(path),
}

/** What listing the inputs found: the sources, and the entries for what it could not or would not
 *  read (they go into the report's errors, marked unscanned). */
export class Listing {
  readonly sources: ByteSource[] = []
  /** Files and folders the system refused to read: the CLI exits 2 once the report is written. */
  readonly unreadable: ReportError[] = []
  /** Links not followed, sockets, devices: left out on purpose, still not scanned. */
  readonly skipped: ReportError[] = []

  constructor(readonly fs: ListingFs = nodeListingFs) {}

  get errors(): ReportError[] {
    return [...this.unreadable, ...this.skipped]
  }
}

const reason = (error: unknown) => {
  const e = error as NodeJS.ErrnoException
  return e.code ? `${e.code}${e.syscall ? ` on ${e.syscall}` : ''}` : String(e.message ?? e)
}

/** Turns command-line paths into sources: a file is one source named by its base name; a folder
 *  contributes every regular file below it, named relative to the folder's parent ("dist/cli.js"). */
export async function sourcesFromPaths(paths: string[], listing = new Listing()): Promise<Listing> {
  for (const path of paths) {
    let info
    try {
      info = await listing.fs.stat(path)
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    if (info.isFile()) listing.sources.push(fileSource(path, basename(path), info.size))
    else if (info.isDirectory()) {
      const base = dirname(path)
      await listFolder(path, (full) => relative(base, full).split(sep).join('/'), listing)
    } else throw new InputError(`cannot read ${path}: not a regular file or folder`)
  }
  return listing
}

/** Every regular file below `dir` as a source, in name order. What cannot be listed or opened, and
 *  links (never followed: their target may lie outside the folder, or loop), become report entries. */
async function listFolder(dir: string, nameOf: (full: string) => string, listing: Listing): Promise<void> {
  const { fs } = listing
  let entries
  try {
    entries = await fs.readdir(dir)
  } catch (error) {
    listing.unreadable.push({
      path: nameOf(dir),
      message: `Not read: this folder cannot be listed (${reason(error)}); nothing below it was scanned.`,
      level: 'error',
      unscanned: true,
    })
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await listFolder(path, nameOf, listing)
    else if (entry.isFile()) {
      try {
        await fs.checkReadable(path)
        listing.sources.push(fileSource(path, nameOf(path), (await fs.stat(path)).size))
      } catch (error) {
        listing.unreadable.push({
          path: nameOf(path),
          message: `Not read: the file cannot be opened (${reason(error)}).`,
          level: 'error',
          unscanned: true,
        })
      }
    } else if (entry.isSymbolicLink()) {
      const target = await fs.readlink(path).catch(() => '?')
      listing.skipped.push({
        path: nameOf(path),
        message: `Not read: a symbolic link (to ${target}); links are not followed, so what it points to was not scanned.`,
        level: 'warning',
        unscanned: true,
      })
    } else
      listing.skipped.push({
        path: nameOf(path),
        message: 'Not read: neither a regular file nor a folder (a socket, pipe or device).',
        level: 'warning',
        unscanned: true,
      })
  }
}

/** Paths from a `--files-from` list: the JSON printed by `npm pack --dry-run --json` (an array of
 *  `{ files: [{ path }] }`, possibly preceded by the output of prepack scripts, which npm also writes
 *  to stdout), a JSON array of strings, or one path per line (blank lines and `#` comments ignored). */
export function parseFileList(text: string): string[] {
  const json = parseJsonTail(text)
  if (json !== undefined) {
    const packs = Array.isArray(json) ? json : [json]
    const paths: string[] = []
    for (const pack of packs) {
      if (typeof pack === 'string') paths.push(pack)
      else if (pack && typeof pack === 'object' && Array.isArray((pack as { files?: unknown }).files)) {
        for (const file of (pack as { files: unknown[] }).files) {
          const path = typeof file === 'string' ? file : (file as { path?: unknown } | null)?.path
          if (typeof path !== 'string') throw new InputError('file list: a "files" entry has no "path"')
          paths.push(path)
        }
      } else
        throw new InputError('file list: expected the JSON of npm pack --dry-run --json or an array of paths')
    }
    return paths
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** The JSON value starting at the first line that opens an array or object, or undefined when the
 *  text is not JSON there (then it is a plain list). */
function parseJsonTail(text: string): unknown {
  const start = /^[ \t]*[[{]/m.exec(text)
  if (!start) return undefined
  const tail = text.slice(start.index).trim()
  try {
    return JSON.parse(tail)
  } catch {
    if (start.index === 0 && /^\s*\[\s*[{"]/.test(tail))
      throw new InputError('file list: looks like JSON but does not parse')
    return undefined
  }
}

/** Reads the list named by `--files-from` (`-` = stdin). */
export async function readFileList(
  spec: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  if (spec === '-') {
    const chunks: Buffer[] = []
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    return Buffer.concat(chunks).toString('utf8')
  }
  try {
    return await readFile(spec, 'utf8')
  } catch (error) {
    throw new InputError(`cannot read ${spec}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
}

/** Sources for listed paths, resolved against `cwd` and named as listed ("dist/cli.js"), so the report
 *  reads like the package's own layout. A listed folder contributes every file below it. */
export async function sourcesFromList(
  paths: readonly string[],
  cwd: string,
  listing = new Listing(),
): Promise<Listing> {
  if (paths.length === 0) throw new InputError('file list is empty')
  for (const listed of paths) {
    const full = resolve(cwd, listed)
    let info
    try {
      info = await listing.fs.stat(full)
    } catch (error) {
      throw new InputError(`cannot read ${listed}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    const name = listed.split(sep).join('/').replace(/^\.\//, '')
    if (info.isFile()) listing.sources.push(fileSource(full, name, info.size))
    else if (info.isDirectory())
      await listFolder(full, (path) => join(name, relative(full, path)).split(sep).join('/'), listing)
    else throw new InputError(`cannot read ${listed}: not a regular file or folder`)
  }
  return listing
}
