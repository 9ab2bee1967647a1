// The benchmark's inputs, generated once into tests/fixtures/out/bench/ (ignored by git) and reused
// while the generator version is unchanged. Generation runs in a child process so its memory never
// counts against a measurement.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { WrittenArtifact } from '../../fixtures/make-incident'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const BENCH_DIR = join(ROOT, 'tests/fixtures/out/bench')
/** Bump an input's version when the generator's output for it changes, so stale files are regenerated. */
const VERSIONS: Record<InputSpec['kind'], number> = { incident: 2, 'many-files': 3, 'many-sources': 3 }

export interface BenchInput {
  /** Short label for the table, e.g. "incident 1×". */
  label: string
  file: string
  written: WrittenArtifact
}

export type InputSpec = { kind: 'incident'; scale: number } | { kind: 'many-files' | 'many-sources' }

export function inputLabel(spec: InputSpec): string {
  return spec.kind === 'incident' ? `incident ${spec.scale}×` : spec.kind
}

export function ensureInput(spec: InputSpec): BenchInput {
  mkdirSync(BENCH_DIR, { recursive: true })
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
  return {
    label: inputLabel(spec),
    file,
    written: JSON.parse(readFileSync(factsFile, 'utf8')) as WrittenArtifact,
  }
}
