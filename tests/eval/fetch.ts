// Fetches an artifact of the eval set with `npm pack` into the cache folder (never committed) and
// checks it against the integrity its truth file pins; a cached copy is used when it still matches.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Truth } from './truth'

export function integrityOf(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`
}

function matches(path: string, integrity: string): boolean {
  return existsSync(path) && integrityOf(readFileSync(path)) === integrity
}

/** The cached tarball's path, fetched first when absent or not the pinned one. */
export function ensureTarball(truth: Truth, id: string, cacheDir: string): string {
  const path = join(cacheDir, `${id}.tgz`)
  if (matches(path, truth.integrity)) return path
  rmSync(path, { force: true })
  execFileSync(
    'npm',
    ['pack', `${truth.package}@${truth.version}`, '--pack-destination', cacheDir, '--json'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  if (!existsSync(path)) throw new Error(`${id}: npm pack did not write ${path}`)
  if (!matches(path, truth.integrity)) {
    throw new Error(`${id}: the fetched tarball's integrity is not the one the truth file pins`)
  }
  return path
}
