// The user's own npm, for what only it knows: which versions a package has and where its tarballs
// are. Going through npm (rather than fetching from a registry ourselves) means the user's .npmrc,
// scoped registries, auth tokens and proxies apply to internal packages as they do for `npm install`.
// Arguments are passed as an array (no shell); a spec or registry URL is never interpreted.
import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError } from './node-source'

export interface PublishedVersion {
  version: string
  /** ISO 8601, when the registry says. */
  published?: string
}

const registryArgs = (registry?: string) => (registry ? [`--registry=${registry}`] : [])

function runNpm(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      args,
      { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (error) reject(new Error(npmReason(stderr, error)))
        else resolve(stdout)
      },
    )
  })
}

/** The line of npm's stderr that says what went wrong ("npm error 404 Not Found - GET …"). */
function npmReason(stderr: string, error: Error & { code?: unknown }): string {
  const lines = stderr.split('\n').map((l) => l.trim())
  const said =
    lines.find(
      (l) => /^npm (error|ERR!) (404|code E|[0-9]{3} )/.test(l) && !/^npm (error|ERR!) code /.test(l),
    ) ?? lines.find((l) => /^npm (error|ERR!) /.test(l))
  if (said) return said.replace(/^npm (error|ERR!) /, 'npm: ')
  return error.code === 'ENOENT' ? 'npm was not found on the PATH' : `npm failed: ${error.message}`
}

/** Every published version of `pkg` with its publication time, as npm lists them. */
export async function listVersions(pkg: string, registry?: string): Promise<PublishedVersion[]> {
  let out: string
  try {
    out = await runNpm(['view', pkg, 'versions', 'time', '--json', ...registryArgs(registry)])
  } catch (error) {
    throw new InputError(`cannot list the versions of ${pkg}: ${(error as Error).message}`)
  }
  let parsed: { versions?: unknown; time?: unknown }
  try {
    parsed = JSON.parse(out || '{}')
  } catch {
    throw new InputError(`cannot list the versions of ${pkg}: npm view did not print JSON`)
  }
  const versions = Array.isArray(parsed.versions)
    ? parsed.versions
    : typeof parsed.versions === 'string'
      ? [parsed.versions]
      : []
  const time = (typeof parsed.time === 'object' && parsed.time !== null ? parsed.time : {}) as Record<
    string,
    unknown
  >
  return versions
    .filter((v): v is string => typeof v === 'string')
    .map((version) => {
      const published = time[version]
      return typeof published === 'string' ? { version, published } : { version }
    })
}

/** The file name `npm pack` gives `name@version`: "@scope/name" becomes "scope-name-version.tgz". */
export function packedName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`
}

export interface Packed {
  spec: string
  /** The tarball's path, or why npm could not fetch it. */
  path?: string
  failed?: string
}

/** Fetches the tarballs of `specs` into `dest` with `npm pack` (one npm process for the lot; when it
 *  fails, each spec again on its own, so one bad version does not lose the others). */
export async function packTarballs(specs: string[], dest: string, registry?: string): Promise<Packed[]> {
  try {
    return await packOnce(specs, dest, registry)
  } catch (error) {
    if (specs.length === 1) return [{ spec: specs[0], failed: (error as Error).message }]
    const out: Packed[] = []
    for (const spec of specs) out.push(...(await packTarballs([spec], dest, registry)))
    return out
  }
}

async function packOnce(specs: string[], dest: string, registry?: string): Promise<Packed[]> {
  const out = await runNpm([
    'pack',
    ...specs,
    '--pack-destination',
    dest,
    '--json',
    ...registryArgs(registry),
  ])
  const made = JSON.parse(out) as { filename?: unknown }[]
  if (!Array.isArray(made) || made.length !== specs.length) {
    // Not the answer asked for: leave nothing half-made behind to be taken for a good tarball.
    for (const m of Array.isArray(made) ? made : [])
      if (typeof m.filename === 'string') await rm(join(dest, m.filename), { force: true })
    throw new Error(
      `npm pack returned ${Array.isArray(made) ? made.length : 'no'} tarballs for ${specs.length}`,
    )
  }
  // npm pack answers in the order it was asked.
  return specs.map((spec, i) => ({ spec, path: join(dest, String(made[i].filename)) }))
}
