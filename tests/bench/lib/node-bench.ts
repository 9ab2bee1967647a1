// Node measurements: the floor (its own process, a bundle run with plain node as the CLI runs its own)
// and the CLI (`scan --format json`), each under /usr/bin/time for the process's peak RSS. The CLI's
// report is kept to check it against the facts.
import { spawn } from 'node:child_process'
import { build } from 'esbuild'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Report } from '../../../src/core/report/model'
import type { FloorResult } from '../floor/floor-core'
import type { ScanResult } from '../floor/scan-core'
import { BENCH_DIR, ROOT, type BenchInput } from './inputs'

interface Timed {
  wallMs: number
  maxRssBytes?: number
  stdout: string
  stderr: string
  code: number | null
}

const TIME = '/usr/bin/time'

/** Runs a command, timing it from spawn to exit; peak RSS from /usr/bin/time when it exists. */
export function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const useTime = existsSync(TIME)
  const [cmd, argv] = useTime ? [TIME, ['-f', 'EE_MAXRSS_KB=%M', command, ...args]] : [command, args]
  return new Promise((resolvePromise, reject) => {
    const started = performance.now()
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = performance.now() - started
      const match = /EE_MAXRSS_KB=(\d+)/.exec(stderr)
      resolvePromise({
        wallMs,
        maxRssBytes: match ? Number(match[1]) * 1024 : undefined,
        stdout,
        stderr,
        code,
      })
    })
  })
}

export interface NodeFloorRun extends FloorResult {
  wallMs: number
  maxRssBytes?: number
}

/** scanContent over every source of the input's map, in Node (the CLI's scanner, timed alone). */
export async function runNodeScan(input: BenchInput): Promise<ScanResult> {
  const run = await timed(process.execPath, [await floorBundle(), input.file, '--scan'])
  if (run.code !== 0) throw new Error(`node scan failed: ${run.stderr.slice(-2000)}`)
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ScanResult
}

let bundled: Promise<string> | undefined

/** tests/bench/floor/node-floor.ts bundled once per benchmark into BENCH_DIR (tsx's start-up would
 *  make the floor's process slower than the CLI's, whose bundle is cached). */
function floorBundle(): Promise<string> {
  const outfile = join(BENCH_DIR, 'node-floor.mjs')
  bundled ??= build({
    entryPoints: [join(ROOT, 'tests/bench/floor/node-floor.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  }).then(() => outfile)
  return bundled
}

/** Node's gunzip for the floor: node:zlib or fflate (both are measured; the floor is the faster). */
export type NodeInflate = 'zlib' | 'fflate'

export async function runNodeFloor(input: BenchInput, inflate: NodeInflate = 'zlib'): Promise<NodeFloorRun> {
  const flags = inflate === 'zlib' ? ['--zlib'] : []
  const run = await timed(process.execPath, [await floorBundle(), input.file, ...flags])
  if (run.code !== 0) throw new Error(`node floor failed: ${run.stderr.slice(-2000)}`)
  const line = run.stdout.trim().split('\n').pop()!
  return { ...(JSON.parse(line) as FloorResult & { maxRssBytes: number }), wallMs: run.wallMs }
}

export interface CliRun {
  wallMs: number
  maxRssBytes?: number
  report?: Report
  error?: string
}

/** `node src/cli/bin.js scan <tgz> --format json --output <file>` (exit 1 = findings, still a success). */
export async function runCli(input: BenchInput, extraNodeArgs: string[] = []): Promise<CliRun> {
  // One report file per input, so benchmarks of different inputs may run side by side.
  const out = join(BENCH_DIR, `${basename(input.file)}.cli-report.json`)
  rmSync(out, { force: true })
  const args = [...extraNodeArgs, 'src/cli/bin.js', 'scan', input.file, '--format', 'json', '--output', out]
  const run = await timed(process.execPath, args)
  if (run.code !== 0 && run.code !== 1)
    return {
      wallMs: run.wallMs,
      maxRssBytes: run.maxRssBytes,
      error: `exit ${run.code}: ${run.stderr.slice(-500)}`,
    }
  const report = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Report) : undefined
  return { wallMs: run.wallMs, maxRssBytes: run.maxRssBytes, report }
}

/** Compares a report's headline figures and planted leaks with the generator's facts; for the real
 *  release, that it counts reconstructed first-party sources and reports them as exposed. */
export function checkReport(report: Report | undefined, input: BenchInput): string {
  if (!report) return 'no report'
  const facts = input.written?.facts
  if (!facts)
    return report.summary.firstPartySourceFiles > 0 &&
      report.findings.some((f) => f.category === 'source-exposure')
      ? 'ok'
      : 'no reconstructed first-party sources reported'
  const problems: string[] = []
  const s = report.summary
  if (s.firstPartySourceFiles !== facts.firstPartySourceFiles)
    problems.push(`first-party files ${s.firstPartySourceFiles} ≠ ${facts.firstPartySourceFiles}`)
  if (s.firstPartySourceLines !== facts.firstPartySourceLines)
    problems.push(`lines ${s.firstPartySourceLines} ≠ ${facts.firstPartySourceLines}`)
  for (const leak of facts.leaks.filter((l) => l.what.endsWith('-token'))) {
    if (
      !report.findings.some(
        (f) => f.category === 'secrets' && f.path.endsWith(leak.path.replace(/^package\//, '')),
      )
    )
      problems.push(`no secret finding in ${leak.path}`)
  }
  const secrets = facts.leaks.filter((l) => l.what.endsWith('-token') && l.value).map((l) => l.value!)
  if (secrets.some((v) => JSON.stringify(report).includes(v)))
    problems.push('a planted secret is not redacted')
  return problems.length ? problems.join('; ') : 'ok'
}
