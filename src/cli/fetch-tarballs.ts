// Tarballs fetched with `npm pack` into a cache folder, reused when already there. npm writes into a
// temporary folder first and each tarball is renamed into place once whole, so a tarball half-written
// when a run was stopped is never taken for a good one.
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { packTarballs } from './npm'

export interface Wanted {
  /** What npm is asked for: name@version, name@range, a tag… */
  spec: string
  /** The cached file's name when it is known before fetching (an exact version): reused if present. */
  file?: string
}

export interface Fetched {
  path?: string
  /** Why npm could not fetch it. */
  failed?: string
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

/** The tarballs of `wanted`, by spec: those in `dir` already, the rest fetched by one npm process. */
export async function fetchTarballs(
  wanted: readonly Wanted[],
  dir: string,
  registry?: string,
): Promise<Map<string, Fetched>> {
  const out = new Map<string, Fetched>()
  const missing: Wanted[] = []
  for (const w of wanted) {
    if (out.has(w.spec) || missing.some((m) => m.spec === w.spec)) continue
    const path = w.file && join(dir, w.file)
    if (path && (await exists(path))) out.set(w.spec, { path })
    else missing.push(w)
  }
  if (missing.length === 0) return out
  await mkdir(dir, { recursive: true })
  const partial = await mkdtemp(join(dir, '.partial-'))
  try {
    const packed = await packTarballs(
      missing.map((w) => w.spec),
      partial,
      registry,
    )
    for (let i = 0; i < missing.length; i++) {
      const { path, failed } = packed[i]
      if (!path) {
        out.set(missing[i].spec, { failed: failed ?? 'not fetched' })
        continue
      }
      const final = join(dir, missing[i].file ?? basename(path))
      await rename(path, final)
      out.set(missing[i].spec, { path: final })
    }
  } finally {
    await rm(partial, { recursive: true, force: true })
  }
  return out
}
