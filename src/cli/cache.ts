// The on-disk cache of `history` and `scan --batch`: tarballs fetched with npm pack, one result per
// version scanned, and the key of the keyed hashes that tell one exposure from another across runs.
//
// Default place: $XDG_CACHE_HOME/exposure-explorer, else ~/.cache/exposure-explorer (`--cache DIR`).
// The key sits beside the tarballs it is used on (mode 0600): whoever can read it can read the
// tarballs, and the values they hold, anyway. It never leaves the cache: timelines number their
// exposures instead of showing hashes.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { MatchHashing } from '../core/analyze'

export function cacheRoot(dir?: string): string {
  if (dir) return resolve(dir)
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'exposure-explorer')
}

/** 16 hex digits of SHA-256 over the JSON of `value`: names a cache folder per set of options. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16)
}

/** A file or folder name for any text (a package name, a version, a registry URL). */
export const safeName = (text: string): string => encodeURIComponent(text).replace(/\*/g, '%2A')

/** The cache's match key (made once, with the `wx` flag so two runs starting together agree). */
export async function cacheMatchHashing(root: string): Promise<MatchHashing> {
  const path = join(root, 'match-key')
  await mkdir(root, { recursive: true })
  let hex: string
  try {
    hex = (await readFile(path, 'utf8')).trim()
  } catch {
    try {
      await writeFile(path, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    hex = (await readFile(path, 'utf8')).trim()
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`the cache's key file is damaged (${path}); remove it`)
  const key = new Uint8Array(Buffer.from(hex, 'hex'))
  // Contents are not compared across versions (files are not part of a timeline): no hashing work.
  return { key, hashContent: () => '' }
}

/** Writes `value` as JSON to a temporary name, then renames: a reader never sees half a file. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temp, JSON.stringify(value))
  await rename(temp, path)
}

/** The JSON at `path`, or undefined when it is missing or not JSON. */
export async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch {
    return undefined
  }
}
