// Profiles the CLI on one input and prints where its time goes, by self time:
//   tsx tests/bench/profile.ts <file.tgz> [--top N]
// Runs `node --cpu-prof src/cli/bin.js scan <file> --format json`, then sums each sampled function's
// self time by function (name + file:line) and by file, so a fix can be routed to the module's owner.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { ROOT } from './lib/inputs'

interface ProfileNode {
  id: number
  children?: number[]
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export function selfTimes(profile: CpuProfile): {
  byFunction: Map<string, number>
  byFile: Map<string, number>
  totalMs: number
} {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const byFunction = new Map<string, number>()
  const byFile = new Map<string, number>()
  let totalMs = 0
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    totalMs += ms
    const frame = nodes.get(id)!.callFrame
    const file = frame.url
      ? relative(ROOT, frame.url.replace(/^file:\/\//, ''))
      : `(${frame.functionName || 'native'})`
    const fn = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms)
    byFile.set(file, (byFile.get(file) ?? 0) + ms)
  })
  return { byFunction, byFile, totalMs }
}

const frameName = (frame: ProfileNode['callFrame']) =>
  `${frame.functionName || '(anonymous)'}${frame.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : ''}`

export interface BusyStretch {
  startMs: number
  ms: number
  self: [string, number][]
  inclusive: [string, number][]
}

/** Runs of samples without an idle one in between, longer than `minMs`: what a long-task observer
 *  reports, with the top functions by self time and by inclusive time (each frame once per sample). */
export function busyStretches(profile: CpuProfile, minMs: number, top = 8): BusyStretch[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const out: BusyStretch[] = []
  let at = 0
  let current: { startMs: number; ms: number; samples: [number, number][] } | null = null
  const close = () => {
    if (current && current.ms >= minMs) {
      const self = new Map<string, number>()
      const inclusive = new Map<string, number>()
      for (const [id, ms] of current.samples) {
        const name = frameName(nodes.get(id)!.callFrame)
        self.set(name, (self.get(name) ?? 0) + ms)
        const seen = new Set<string>()
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
          const f = frameName(nodes.get(n)!.callFrame)
          if (f === '(root)' || seen.has(f)) continue
          seen.add(f)
          inclusive.set(f, (inclusive.get(f) ?? 0) + ms)
        }
      }
      const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
      out.push({ startMs: current.startMs, ms: current.ms, self: sorted(self), inclusive: sorted(inclusive) })
    }
    current = null
  }
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    at += ms
    const idle = nodes.get(id)!.callFrame.functionName === '(idle)'
    if (idle) return close()
    current ??= { startMs: at, ms: 0, samples: [] }
    current.ms += ms
    current.samples.push([id, ms])
  })
  close()
  return out
}

function top(map: Map<string, number>, n: number, total: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, ms]) =>
        `${(ms / 1000).toFixed(2).padStart(7)} s ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`,
    )
    .join('\n')
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const [file, ...rest] = process.argv.slice(2)
  const n = Number(rest[rest.indexOf('--top') + 1]) || 25
  const dir = mkdtempSync(join(tmpdir(), 'ee-prof-'))
  try {
    const args = [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      'src/cli/bin.js',
      'scan',
      file,
      '--format',
      'json',
      '--output',
      join(dir, 'report.json'),
    ]
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' })
    if (run.status !== 0 && run.status !== 1) throw new Error(`the CLI failed (exit ${run.status})`)
    const profileFile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!
    const { byFunction, byFile, totalMs } = selfTimes(
      JSON.parse(readFileSync(join(dir, profileFile), 'utf8')),
    )
    console.log(`sampled ${(totalMs / 1000).toFixed(2)} s\n\nself time by file:\n${top(byFile, n, totalMs)}`)
    console.log(`\nself time by function:\n${top(byFunction, n, totalMs)}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
