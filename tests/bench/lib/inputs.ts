// The benchmark's inputs: the generated ones, written once into tests/fixtures/out/bench/ (ignored by
// git) and reused while the generator version is unchanged (generation runs in a child process so its
// memory never counts against a measurement), and the real release the generated incident imitates,
// fetched with `npm pack` into tests/fixtures/out/bench/release/ and checked against its pinned
// integrity before every run (never committed).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { WrittenArtifact } from '../../fixtures/make-incident'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const BENCH_DIR = join(ROOT, 'tests/fixtures/out/bench')
/** Bump an input's version when the generator's output for it changes, so stale files are regenerated. */
const VERSIONS: Record<GeneratedKind, number> = { incident: 2, 'many-files': 3, 'many-sources': 3 }

/** The release whose source map leaked: 31 MB, 28 MB of binaries, then a 13 MB cli.js, then its 57 MB
 *  map. Pinned by version and by the registry's integrity (npm view … dist.integrity). */
export const RELEASE = {
  spec: '@anthropic-ai/claude-code@2.1.88',
  file: 'anthropic-ai-claude-code-2.1.88.tgz',
  integrity:
    'sha512-ukMtYZCi0I7cD3rt89rnXy20D/Zvk0Gj/SW60xYfz17zTslLz+VuhXw/KPb+2ndp3/ATadJdyNEqdKQlcNk7nQ==',
} as const

export interface BenchInput {
  /** Short label for the table, e.g. "incident 1×", "release 2.1.88". */
  label: string
  file: string
  /** The generator's facts; undefined for the real release, whose figures are checked against the
   *  CLI's report of the same run. */
  written?: WrittenArtifact
  /** The targets apply (the release and the generated 1×). */
  targeted: boolean
  /** Scanner throughput is measured on this input. */
  scanThroughput: boolean
}

type GeneratedKind = 'incident' | 'many-files' | 'many-sources'
export type InputSpec =
  { kind: 'incident'; scale: number } | { kind: 'many-files' | 'many-sources' | 'release' }

export function inputLabel(spec: InputSpec): string {
  if (spec.kind === 'release') return `release ${RELEASE.spec.split('@').pop()}`
  return spec.kind === 'incident' ? `incident ${spec.scale}×` : spec.kind
}

export function ensureInput(spec: InputSpec): BenchInput {
  mkdirSync(BENCH_DIR, { recursive: true })
  if (spec.kind === 'release')
    return { label: inputLabel(spec), file: ensureRelease(), targeted: true, scanThroughput: false }
  const name = spec.kind === 'incident' ? `incident-${spec.scale}x` : spec.kind
  const file = join(BENCH_DIR, `${name}.v${VERSIONS[spec.kind]}.tgz`)
  const factsFile = `${file}.facts.json`
  if (!existsSync(file) || !existsSync(factsFile)) {
    process.stderr.write(`generating ${file} …\n`)
    const args = ['tsx', 'tests/fixtures/make-incident.ts', '--kind', spec.kind, '--out', file]
    if (spec.kind === 'incident') args.push('--scale', String(spec.scale))
    const run = spawnSync('npx', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
    if (run.status !== 0) throw new Error(`generating ${name} failed (exit ${run.status})`)
  }
  const oneX = spec.kind === 'incident' && spec.scale === 1
  return {
    label: inputLabel(spec),
    file,
    written: JSON.parse(readFileSync(factsFile, 'utf8')) as WrittenArtifact,
    targeted: oneX,
    scanThroughput: oneX,
  }
}

export const integrityOf = (bytes: Uint8Array): string =>
  `sha512-${createHash('sha512').update(bytes).digest('base64')}`

/** The release's tarball in the cache, fetched with `npm pack` when missing; a file that does not
 *  match the pinned integrity is removed and the run stops. */
function ensureRelease(): string {
  const dir = join(BENCH_DIR, 'release')
  const file = join(dir, RELEASE.file)
  mkdirSync(dir, { recursive: true })
  if (!existsSync(file)) {
    process.stderr.write(`fetching ${RELEASE.spec} with npm pack …\n`)
    const run = spawnSync('npm', ['pack', RELEASE.spec, '--json', '--pack-destination', dir], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    if (run.status !== 0) throw new Error(`npm pack ${RELEASE.spec} failed (exit ${run.status})`)
    const packed = (JSON.parse(run.stdout) as { integrity?: string }[])[0]
    if (packed?.integrity !== RELEASE.integrity)
      throw new Error(`npm pack ${RELEASE.spec} reported integrity ${packed?.integrity}, not the pinned one`)
  }
  const actual = integrityOf(readFileSync(file))
  if (actual !== RELEASE.integrity) {
    rmSync(file)
    throw new Error(`${file} does not match ${RELEASE.spec}'s pinned integrity (removed; run again to fetch)`)
  }
  return file
}
