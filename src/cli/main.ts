// exposure-explorer scan <file|dir>... [--format text|json] [--fail-on LEVEL] [--output FILE]
// Exit codes: 0 nothing at or above the threshold; 1 findings at or above it; 2 bad usage or unreadable input.
import { writeFile } from 'node:fs/promises'
import { analyze } from '../core/analyze'
import type { Progress, Report, Severity } from '../core/report/model'
import { SEVERITIES } from '../core/report/model'
import { formatText } from '../core/report/format-text'
import { InputError, sourcesFromPaths } from './node-source'

const USAGE = `usage: exposure-explorer scan <file|dir>... [--format text|json] [--fail-on critical|high|medium|low|none] [--output FILE]`

export const FORMATS = ['text', 'json'] as const
type Format = (typeof FORMATS)[number]
type FailOn = Severity | 'none'

export class UsageError extends Error {}

interface ScanArgs {
  paths: string[]
  format: Format
  failOn: FailOn
  output?: string
}

export function parseScanArgs(argv: string[]): ScanArgs {
  const args: ScanArgs = { paths: [], format: 'text', failOn: 'high' }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new UsageError(`${flag} needs a value`)
      return v
    }
    if (flag === '--format') {
      const v = value()
      if (!(FORMATS as readonly string[]).includes(v))
        throw new UsageError(`unknown format '${v}' (${FORMATS.join(', ')})`)
      args.format = v as Format
    } else if (flag === '--fail-on') {
      const v = value()
      if ((v !== 'none' && !(SEVERITIES as readonly string[]).includes(v)) || v === 'info')
        throw new UsageError(`unknown --fail-on '${v}' (critical, high, medium, low, none)`)
      args.failOn = v as FailOn
    } else if (flag === '--output' || flag === '-o') args.output = value()
    else if (flag === '--') continue
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`)
    else args.paths.push(arg)
  }
  if (args.paths.length === 0) throw new UsageError('scan needs at least one file or folder')
  return args
}

/** True when a finding is at or above the threshold. */
export function failsAt(report: Report, failOn: FailOn): boolean {
  if (failOn === 'none') return false
  const limit = SEVERITIES.indexOf(failOn)
  return report.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit)
}

function progressPrinter(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined
  let last = 0
  return (p) => {
    const now = Date.now()
    if (now - last < 200) return
    last = now
    const total = p.total ? `/${(p.total / 1e6).toFixed(1)} MB` : ''
    const done = p.stage === 'scanning' ? `${p.done} files` : `${(p.done / 1e6).toFixed(1)} MB${total}`
    process.stderr.write(`\r${p.stage} ${done}`.padEnd(60))
  }
}

export async function runScan(argv: string[]): Promise<number> {
  const args = parseScanArgs(argv)
  const sources = await sourcesFromPaths(args.paths)
  const progress = progressPrinter()
  const report = await analyze(sources, {}, { progress })
  if (progress) process.stderr.write('\r'.padEnd(61) + '\r')
  const text = args.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatText(report)
  if (args.output) await writeFile(args.output, text)
  else await writeStdout(text)
  return failsAt(report, args.failOn) ? 1 : 0
}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
  )
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'scan') return await runScan(rest)
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n')
      return 0
    }
    throw new UsageError(command ? `unknown command '${command}'` : 'missing command')
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`exposure-explorer: ${error.message}\n${USAGE}\n`)
    else if (error instanceof InputError) process.stderr.write(`exposure-explorer: ${error.message}\n`)
    else process.stderr.write(`exposure-explorer: internal error: ${(error as Error).message ?? error}\n`)
    return 2
  }
}
