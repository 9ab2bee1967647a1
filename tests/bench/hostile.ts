// Each hang/crash input of the hostile-input round through the CLI (`scan --format json`, one
// process each), against its budget of 3 s + 3 s per MB of input, with its exit code and peak memory:
//   tsx tests/bench/hostile.ts [--runs N] [--only <id>]
// N runs per input (default 1; the median is shown). Peak memory is the process's maximum resident
// set (scan threads included) and CPU its user + system time, read from /usr/bin/time when it is
// installed: on a machine shared with other work the wall time grows with the load, the CPU time
// hardly does. Prints a Markdown table.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildFloodTgz, buildWarningsTgz } from '../fixtures/lib/flood'
import { deepPathTarball } from '../fixtures/lib/hostile-text'
import { timeBombs } from '../fixtures/lib/time-bombs'
import { ROOT } from './lib/inputs'
import { median } from './lib/stats'

interface HostileRun {
  id: string
  name: string
  bytes: () => Uint8Array | string
  format?: 'json' | 'sarif' | 'text'
  env?: Record<string, string>
}

const RUNS: HostileRun[] = [
  ...timeBombs().map((bomb) => ({ id: bomb.id, name: bomb.name, bytes: () => bomb.bytes })),
  { id: 'flood-480 json', name: 'flood-480.tgz', bytes: () => buildFloodTgz({ files: 480 }) },
  {
    id: 'flood-480 sarif',
    name: 'flood-480.tgz',
    bytes: () => buildFloodTgz({ files: 480 }),
    format: 'sarif',
  },
  {
    id: 'flood-4000 text',
    name: 'flood-4000.tgz',
    bytes: () => buildFloodTgz({ files: 4000 }),
    format: 'text',
  },
  { id: 'flood-4000 json', name: 'flood-4000.tgz', bytes: () => buildFloodTgz({ files: 4000 }) },
  {
    id: 'flood-4000 json, no threads',
    name: 'flood-4000.tgz',
    bytes: () => buildFloodTgz({ files: 4000 }),
    env: { EE_SCAN_THREADS: '0' },
  },
  {
    id: 'flood-distinct-300 json',
    name: 'flood-distinct-300.tgz',
    bytes: () => buildFloodTgz({ files: 300, distinct: true }),
  },
  {
    id: 'flood-distinct-300 json, no threads',
    name: 'flood-distinct-300.tgz',
    bytes: () => buildFloodTgz({ files: 300, distinct: true }),
    env: { EE_SCAN_THREADS: '0' },
  },
  {
    id: 'flood-distinct-1000 json',
    name: 'flood-distinct-1000.tgz',
    bytes: () => buildFloodTgz({ files: 1000, distinct: true }),
  },
  { id: 'warnings-200k', name: 'warnings-200k.tgz', bytes: () => buildWarningsTgz() },
  { id: 'deep-path 5,000 segments', name: 'deep-path-1.0.0.tgz', bytes: () => deepPathTarball() },
]

/** 3 s plus 3 s per MB (10^6 bytes) of input. */
export const budgetSeconds = (bytes: number): number => 3 + (3 * bytes) / 1e6

const TIME = '/usr/bin/time'

interface Measured {
  seconds: number
  cpu: number | null
  peakMB: number | null
  exit: number | null
}

function runOnce(file: string, run: HostileRun, dir: string): Measured {
  const out = join(dir, 'report.out')
  const stats = join(dir, 'time.txt')
  const cli = ['src/cli/bin.js', 'scan', file, '--format', run.format ?? 'json', '--output', out]
  const withTime = existsSync(TIME)
  const [command, args] = withTime
    ? [TIME, ['-f', '%M %U %S', '-o', stats, process.execPath, ...cli]]
    : [process.execPath, cli]
  const started = performance.now()
  const child = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...run.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const seconds = (performance.now() - started) / 1000
  // The last line: earlier ones say why a run ended when it did not exit 0.
  const [kb, user, system] = withTime
    ? readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number)
    : [NaN, NaN, NaN]
  const cpu = user + system
  return {
    seconds,
    cpu: Number.isFinite(cpu) ? cpu : null,
    peakMB: Number.isFinite(kb) ? kb / 1024 : null,
    exit: child.status,
  }
}

if (process.argv[1]?.endsWith('hostile.ts')) {
  const args = process.argv.slice(2)
  const runs = Number(args[args.indexOf('--runs') + 1]) || 1
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
  const dir = mkdtempSync(join(tmpdir(), 'ee-hostile-'))
  // The bundle is built before the first timed run.
  spawnSync(process.execPath, ['src/cli/bin.js', '--version'], { cwd: ROOT, stdio: 'ignore' })
  const rows = [
    '| input | size | budget | time (median) | CPU (median) | peak RSS | exit | within |',
    '| --- | ---: | ---: | ---: | ---: | ---: | :-: | :-: |',
  ]
  try {
    for (const run of RUNS.filter((r) => !only || r.id.startsWith(only))) {
      const bytes = run.bytes()
      const file = join(dir, run.name)
      writeFileSync(file, bytes)
      const measured = Array.from({ length: runs }, () => runOnce(file, run, dir))
      const seconds = median(measured.map((m) => m.seconds))
      const cpus = measured.map((m) => m.cpu).filter((m): m is number => m !== null)
      const cpu = cpus.length ? `${median(cpus).toFixed(2)} s` : '—'
      const peaks = measured.map((m) => m.peakMB).filter((m): m is number => m !== null)
      const budget = budgetSeconds(bytes.length)
      const size =
        bytes.length >= 1e6
          ? `${(bytes.length / 1e6).toFixed(2)} MB`
          : `${(bytes.length / 1e3).toFixed(1)} KB`
      const exits = [...new Set(measured.map((m) => m.exit))].join('/')
      const row = `| ${run.id} | ${size} | ${budget.toFixed(1)} s | ${seconds.toFixed(2)} s | ${cpu} | ${peaks.length ? `${Math.max(...peaks).toFixed(0)} MB` : '—'} | ${exits} | ${seconds <= budget ? 'yes' : 'NO'} |`
      rows.push(row)
      process.stderr.write(`${row}\n`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')
  console.log(`${rows.join('\n')}\n\n${runs} run(s) each; load average at the end: ${load}`)
}
