#!/usr/bin/env node
// The package's `bin`. A checkout needs no build step: the TypeScript CLI is bundled by esbuild into
// node_modules/.cache on first use and again whenever a file under src/cli or src/core is newer than
// the bundle (a stat of ~150 files, a few ms). Loading that one file starts in ~0.1 s where running
// the sources through tsx took ~0.6 s — a fifth of a whole scan of the incident-sized tarball.
// If the bundle cannot be made (no esbuild, read-only checkout) the sources run through tsx as before.
// Anything that escapes main() (or stops the CLI from loading) still ends as one line on stderr and
// exit code 2, never a stack trace.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const fail = (error) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`exposure-explorer: internal error: ${message.split('\n')[0]}\n`)
  process.exit(2)
}
process.on('uncaughtException', fail)
process.on('unhandledRejection', fail)

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')
const bundle = join(root, 'node_modules/.cache/exposure-explorer/cli.mjs')

/** Newest modification time of the TypeScript the CLI is made of. */
function newestSource() {
  let newest = 0
  for (const dir of ['src/cli', 'src/core']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
    }
  }
  return newest
}

function bundleIsFresh() {
  try {
    return statSync(bundle).mtimeMs >= newestSource()
  } catch {
    return false
  }
}

/** Builds to a temporary name then renames, so CLIs started at the same time never load half a file. */
async function makeBundle() {
  const { build } = await import('esbuild')
  mkdirSync(dirname(bundle), { recursive: true })
  const temp = `${bundle}.${process.pid}.tmp`
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  })
  renameSync(temp, bundle)
}

/** main(), and what it may load in its scan threads: the bundle itself (never the tsx fallback). */
async function loadMain() {
  try {
    if (!bundleIsFresh()) await makeBundle()
    const url = pathToFileURL(bundle)
    return { main: (await import(url.href)).main, host: { scanThreadEntry: url } }
  } catch {
    const { register } = await import('tsx/esm/api')
    register()
    return { main: (await import('./main.ts')).main, host: {} }
  }
}

try {
  const { main, host } = await loadMain()
  process.exitCode = await main(process.argv.slice(2), host)
} catch (error) {
  fail(error)
}
