// exposure-explorer scan <file|dir>... | scan --files-from <file|-> | diff <old> <new>   (see args.ts HELP)
// Exit codes: 0 nothing at or above the threshold; 1 findings at or above it; 2 bad usage or unreadable
// input. Every failure, including an unexpected one, ends as one line on stderr and exit code 2: a
// release pipeline reads the code, a person reads the line, and nobody reads a stack trace.
import { access, writeFile } from 'node:fs/promises'
import { constants } from 'node:fs'
import { resolve } from 'node:path'
import { analyze } from '../core/analyze'
import type { ByteSource } from '../core/input/byte-source'
import { diffReports, diffToJson, type ReportDiff } from '../core/report/diff'
import { formatDiffMarkdown, formatMarkdown } from '../core/report/format-markdown'
import { formatSarif } from '../core/report/format-sarif'
import { formatDiffText, formatText } from '../core/report/format-text'
import type { Finding, Progress, Report } from '../core/report/model'
import { SEVERITIES, TOOL_VERSION } from '../core/report/model'
import { neutralText } from '../core/report/neutral-text'
import type { CommonArgs, FailOn, Format } from './args'
import { HELP, parseDiffArgs, parseScanArgs, UsageError } from './args'
import { nodeGunzip } from './node-gunzip'
import { scanThreadCount, ThreadScanner } from './scan-threads'
import { InputError, parseFileList, readFileList, sourcesFromList, sourcesFromPaths } from './node-source'
import { appendAll } from '../core/util/append'

export { parseScanArgs, parseDiffArgs, UsageError } from './args'

/** True when a finding is at or above the threshold. */
export function failsAt(report: Pick<Report, 'findings'>, failOn: FailOn): boolean {
  return findingsFail(report.findings, failOn)
}

function findingsFail(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false
  const limit = SEVERITIES.indexOf(failOn)
  return findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit)
}

/** Progress on one rewritten stderr line, a few times a second, only for a person at a terminal. */
function progressPrinter(label = ''): { progress?: (p: Progress) => void; clear: () => void } {
  if (!process.stderr.isTTY) return { clear: () => {} }
  let last = 0
  let shown = false
  return {
    progress: (p) => {
      const now = Date.now()
      if (now - last < 200) return
      last = now
      shown = true
      const total = p.total ? `/${(p.total / 1e6).toFixed(1)} MB` : ''
      const done =
        p.stage === 'scanning'
          ? `${p.done}${p.total ? `/${p.total}` : ''} files`
          : `${(p.done / 1e6).toFixed(1)} MB${total}`
      process.stderr.write(`\r${label}${p.stage} ${done}`.slice(0, 79).padEnd(80))
    },
    clear: () => {
      if (shown) process.stderr.write('\r'.padEnd(81) + '\r')
    },
  }
}

/** What the host that loaded the CLI offers it. */
export interface CliHost {
  /** The module a scan thread loads: the CLI's own bundle (bin.js). Without it every text is
   *  scanned on the main thread (the TypeScript sources under tsx cannot be loaded by a thread). */
  scanThreadEntry?: URL
}

async function analyzeSources(
  sources: ByteSource[],
  { limits, internalScopes }: Pick<CommonArgs, 'limits' | 'internalScopes'>,
  host: CliHost,
  label?: string,
): Promise<Report> {
  const printer = progressPrinter(label)
  const threads = host.scanThreadEntry ? scanThreadCount() : 0
  const scanner = threads > 0 ? new ThreadScanner(host.scanThreadEntry!, { threads }) : undefined
  try {
    return await analyze(
      sources,
      { limits, internalScopes, gunzip: nodeGunzip, scanner },
      { progress: printer.progress },
    )
  } finally {
    await scanner?.close()
    printer.clear()
  }
}

/** Files given on the command line must be readable now, not halfway through the analysis. */
async function checkReadable(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    try {
      await access(path, constants.R_OK)
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
  }
}

function renderReport(report: Report, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n'
    case 'sarif':
      return JSON.stringify(formatSarif(report), null, 2) + '\n'
    case 'markdown':
      return formatMarkdown(report)
    case 'text':
      return formatText(report)
  }
}

function renderDiff(diff: ReportDiff, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(diffToJson(diff), null, 2) + '\n'
    case 'sarif':
      // Code scanning of a release diff: only what the new version adds.
      return JSON.stringify(formatSarif({ ...diff.new, findings: diff.newFindings }), null, 2) + '\n'
    case 'markdown':
      return formatDiffMarkdown(diff)
    case 'text':
      return formatDiffText(diff)
  }
}

async function emit(text: string, args: CommonArgs): Promise<void> {
  if (args.output === undefined) return writeStdout(text)
  try {
    await writeFile(args.output, text)
  } catch (error) {
    throw new InputError(
      `cannot write ${args.output}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}`,
    )
  }
}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (error) =>
      // A closed pipe (`| head`) is the reader's choice, not a failure of the scan.
      error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve(),
    ),
  )
}

async function scanSources(
  argv: readonly string[],
  host: CliHost,
): Promise<{ report: Report; args: ReturnType<typeof parseScanArgs> } | null> {
  const args = parseScanArgs(argv)
  if (args.help) return null
  await checkReadable(args.paths)
  const sources = await sourcesFromPaths(args.paths)
  if (args.filesFrom !== undefined) {
    const list = parseFileList(await readFileList(args.filesFrom))
    appendAll(sources, await sourcesFromList(list, resolve(args.cwd ?? '.')))
  }
  return { report: await analyzeSources(sources, args, host), args }
}

export async function runScan(argv: string[], host: CliHost = {}): Promise<number> {
  const scanned = await scanSources(argv, host)
  if (!scanned) {
    await writeStdout(HELP)
    return 0
  }
  const { report, args } = scanned
  await emit(renderReport(report, args.format), args)
  return failsAt(report, args.failOn) ? 1 : 0
}

export async function runDiff(argv: string[], host: CliHost = {}): Promise<number> {
  const args = parseDiffArgs(argv)
  if (args.help) {
    await writeStdout(HELP)
    return 0
  }
  await checkReadable([args.old, args.new])
  const before = await analyzeSources(await sourcesFromPaths([args.old]), args, host, 'old: ')
  const after = await analyzeSources(await sourcesFromPaths([args.new]), args, host, 'new: ')
  const diff = diffReports(before, after)
  await emit(renderDiff(diff, args.format), args)
  return findingsFail(diff.newFindings, args.failOn) ? 1 : 0
}

/** One line, whatever was thrown: messages can carry a path with newlines or terminal escapes. */
const oneLine = (text: string): string => neutralText(text, 500)

export async function main(argv: string[], host: CliHost = {}): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'scan') return await runScan(rest, host)
    if (command === 'diff') return await runDiff(rest, host)
    if (command === '--help' || command === '-h' || command === 'help') {
      await writeStdout(HELP)
      return 0
    }
    if (command === '--version' || command === '-v') {
      await writeStdout(`${TOOL_VERSION}\n`)
      return 0
    }
    throw new UsageError(
      command ? `unknown command '${command}' (scan, diff, --help)` : 'missing command (scan, diff, --help)',
    )
  } catch (error) {
    const message =
      error instanceof UsageError
        ? `${error.message} (see exposure-explorer --help)`
        : error instanceof InputError
          ? error.message
          : `internal error: ${error instanceof Error ? error.message : String(error)}`
    process.stderr.write(`exposure-explorer: ${oneLine(message)}\n`)
    return 2
  }
}
