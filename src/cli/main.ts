// exposure-explorer scan <file|dir>... | scan --files-from <file|-> | diff <old> <new>   (see args.ts help)
// Exit codes: 0 nothing at or above the threshold; 1 findings at or above it; 2 bad usage or unreadable
// input. Every failure, including an unexpected one, ends as one line on stderr and exit code 2: a
// release pipeline reads the code, a person reads the line, and nobody reads a stack trace.
import { access, readFile, writeFile } from 'node:fs/promises'
import { constants } from 'node:fs'
import { createHmac, randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { analyze, type MatchHashing } from '../core/analyze'
import {
  acceptAll,
  applyBaseline,
  type Baseline,
  baselineKey,
  baselineText,
  readBaseline,
} from '../core/report/baseline'
import { diffReports } from '../core/report/diff'
import { reportFormat, type ReportFormat } from '../core/report/formats/registry'
import type { Finding, Progress, Report, ReportError, Summary } from '../core/report/model'
import { SEVERITIES, TOOL_VERSION, UNSCANNED_SEVERITY } from '../core/report/model'
import { neutralText } from '../core/report/neutral-text'
import { atOrAbove, formatBytes, formatCount } from '../core/report/present'
import type { CommonArgs, FailOn } from './args'
import { help, parseDiffArgs, parseScanArgs, UsageError } from './args'
import { nodeGunzip } from './node-gunzip'
import { writeExtracted } from './extract'
import { FileLog } from './file-log'
import type { SpillFile } from '../core/input/byte-source'
import { KeptTexts, type ContentStore } from '../core/kept-texts'
import { scanThreadCount, ThreadScanner } from './scan-threads'
import {
  InputError,
  Listing,
  parseFileList,
  readFileList,
  sourcesFromList,
  sourcesFromPaths,
} from './node-source'

import { sha256OfFile } from './input-digest'
import { writeParts, writeStdout } from './write-parts'
import { runHistory } from './history'
import { isBatch, runBatch } from './batch'
import { runSummarize } from './batch-summary'

export { parseScanArgs, parseDiffArgs, UsageError } from './args'

/** True when a finding is at or above the threshold, or (unless allowed) part of the artifact was
 *  not read or scanned: such an entry counts as a high finding, since a secret may hide there.
 *  Findings counted but not listed (repeats of a listed exposure, findings past
 *  limits.maxFindings) count too: the summary has them all. */
export function failsAt(
  report: Pick<Report, 'findings' | 'errors' | 'exposures'> & {
    summary?: Pick<Summary, 'findings' | 'unlisted'>
  },
  failOn: FailOn,
  allowUnscanned = false,
): boolean {
  // Exposures a baseline accepted or suppressed do not fail the gate; nor do the places only
  // counted for them (a repeat belongs to a listed place: the listed ones are judged).
  const triaged = new Set((report.exposures ?? []).filter((e) => e.triage).map((e) => e.id))
  const open = triaged.size === 0 ? report.findings : report.findings.filter((f) => !triaged.has(f.exposure!))
  const unlisted = triaged.size === 0 || (report.summary?.unlisted?.pastLimit ?? 0) > 0
  return (
    findingsFail(open, failOn) ||
    (unlisted && unlistedFail(report.summary, failOn)) ||
    (!allowUnscanned && unscannedFail(report.errors, failOn))
  )
}

function unlistedFail(summary: Pick<Summary, 'findings' | 'unlisted'> | undefined, failOn: FailOn): boolean {
  if (failOn === 'none' || !summary?.unlisted) return false
  return Object.values(summary.findings).some((counts) =>
    SEVERITIES.some((severity) => atOrAbove(severity, failOn) && (counts?.[severity] ?? 0) > 0),
  )
}

function findingsFail(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false
  return findings.some((f) => atOrAbove(f.severity, failOn))
}

/** Unscanned parts count as high: they fail `--fail-on high`, `medium` and `low`, not `critical`. */
function unscannedFail(errors: readonly ReportError[], failOn: FailOn): boolean {
  if (failOn === 'none' || !atOrAbove(UNSCANNED_SEVERITY, failOn)) return false
  return errors.some((e) => e.unscanned)
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
      const done =
        p.stage === 'scanning'
          ? `${formatCount(p.done)}${p.total ? `/${formatCount(p.total)}` : ''} files`
          : `${formatBytes(p.done)}${p.total ? `/${formatBytes(p.total)}` : ''}`
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
  listing: Listing,
  { limits, internalScopes }: Pick<CommonArgs, 'limits' | 'internalScopes'>,
  host: CliHost,
  label?: string | null,
  match?: MatchHashing,
  store?: ContentStore,
): Promise<Report> {
  // null: no progress line (several analyses at once would write over each other's).
  const printer = label === null ? { progress: undefined, clear: () => {} } : progressPrinter(label)
  const threads = host.scanThreadEntry ? scanThreadCount() : 0
  const scanner =
    threads > 0 ? new ThreadScanner(host.scanThreadEntry!, { threads, matchKey: match?.key }) : undefined
  // A source map too large to hold goes to a temporary file of its own while it is read, or when the
  // texts are kept in a file, to the end of that file (written once, its sources kept as ranges).
  const spills: FileLog[] = []
  const texts = store instanceof KeptTexts ? store : undefined
  const spill = (): SpillFile => {
    const region = texts?.region()
    if (region) return region
    spills.push(new FileLog())
    return spills.at(-1)!
  }
  try {
    const report = await analyze(
      listing.sources,
      { limits, internalScopes, gunzip: nodeGunzip, scanner, match, store, spill },
      { progress: printer.progress },
    )
    // What listing the folders could not or would not read comes first: it was met first.
    if (listing.errors.length > 0) report.errors = [...listing.errors, ...report.errors]
    return report
  } finally {
    for (const file of spills) file.close()
    await scanner?.close()
    printer.clear()
  }
}

/** A key for one diff run (never written anywhere) and Node's HMAC with it for file contents. */
function diffMatchHashing(): MatchHashing {
  return matchHashing(new Uint8Array(randomBytes(32)))
}

/** Hashing with `key`: values by the core, file contents by Node's HMAC (~10x faster). */
function matchHashing(key: Uint8Array): MatchHashing {
  return {
    key,
    hashContent: (content) => createHmac('sha256', key).update(content).digest('hex').slice(0, 16),
  }
}

/** Parts of the inputs the system refused to read: exit 2 (after the report), with one line. */
function unreadableFailure(listings: readonly Listing[]): InputError | undefined {
  const paths = listings.flatMap((l) => l.unreadable.map((e) => e.path))
  if (paths.length === 0) return undefined
  const named =
    paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ')
  return new InputError(`cannot read ${named} (permissions?); the report says why and what was read`)
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

/** A baseline file, or an input error saying why it cannot be used. */
async function readBaselineFile(path: string): Promise<Baseline> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new InputError(
      `cannot read --baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    )
  }
  try {
    return readBaseline(text)
  } catch (error) {
    throw new InputError(`--baseline ${path} is not a baseline: ${(error as Error).message}`)
  }
}

/** The format `--format` names; args.ts accepted only registered ones. */
function formatOf(id: string): ReportFormat {
  const format = reportFormat(id)
  if (!format) throw new UsageError(`unknown --format '${id}'`)
  return format
}

async function emit(parts: Iterable<string>, args: CommonArgs): Promise<void> {
  await writeParts(parts, args.output)
}

async function scanSources(
  argv: readonly string[],
  host: CliHost,
): Promise<{ report: Report; listing: Listing; args: ReturnType<typeof parseScanArgs> } | null> {
  const args = parseScanArgs(argv)
  if (args.help) return null
  await checkReadable(args.paths)
  const listing = await sourcesFromPaths(args.paths)
  if (args.filesFrom !== undefined) {
    const list = parseFileList(await readFileList(args.filesFrom))
    await sourcesFromList(list, resolve(args.cwd ?? '.'), listing)
  }
  // --extract keeps each text as it is read (in a temporary file), to write the maps' sources once
  // the report is done.
  const log = args.extract !== undefined ? new FileLog() : undefined
  try {
    const texts = log && new KeptTexts(log)
    const baseline = args.baseline !== undefined ? await readBaselineFile(args.baseline) : undefined
    // A baseline's secrets are keyed hashes: the scan hashes with the baseline's key (or a new one
    // for a new baseline) so the same value matches again.
    const key =
      (baseline && baselineKey(baseline)) ??
      (args.writeBaseline !== undefined ? new Uint8Array(randomBytes(32)) : undefined)
    const report = await analyzeSources(listing, args, host, undefined, key && matchHashing(key), texts)
    if (baseline && report.exposures) applyBaseline(report.exposures, baseline)
    if (args.writeBaseline !== undefined)
      await writeFile(
        args.writeBaseline,
        baselineText(acceptAll(report.exposures ?? [], 'accepted when the baseline was written', key)),
      )
    if (args.extract !== undefined)
      await writeExtracted(
        args.extract,
        report.files,
        (id) => texts!.text(id),
        report.input.name,
        args.keepSecrets,
        `exposure-explorer ${TOOL_VERSION}`,
      )
    return { report, listing, args }
  } finally {
    log?.close()
  }
}

export async function runScan(argv: string[], host: CliHost = {}): Promise<number> {
  if (isBatch(argv))
    return runBatch(argv, {
      scan: async (path, args, match) =>
        analyzeSources(await sourcesFromPaths([path]), args, host, null, match),
      fails: (report, args) => failsAt(report, args.failOn, args.allowUnscanned),
      help: help(),
    })
  const scanned = await scanSources(argv, host)
  if (!scanned) {
    await writeStdout(help())
    return 0
  }
  const { report, listing, args } = scanned
  // A report to hand over names the artifact by its digest too.
  if (args.format === 'html' && args.paths.length === 1 && args.filesFrom === undefined) {
    const sha256 = await sha256OfFile(args.paths[0])
    if (sha256) report.input.sha256 = sha256
  }
  // Pieces as made: writeParts encodes them into its buffers (no long strings joined first).
  await emit(formatOf(args.format).scan(report, { partChars: 1 }), args)
  const unreadable = unreadableFailure([listing])
  if (unreadable) throw unreadable
  return failsAt(report, args.failOn, args.allowUnscanned) ? 1 : 0
}

export async function runDiff(argv: string[], host: CliHost = {}): Promise<number> {
  const args = parseDiffArgs(argv)
  if (args.help) {
    await writeStdout(help())
    return 0
  }
  await checkReadable([args.old, args.new])
  // One key for both analyses, so equal values hash alike; made here and forgotten with the process.
  const match = diffMatchHashing()
  const oldListing = await sourcesFromPaths([args.old])
  const before = await analyzeSources(oldListing, args, host, 'old: ', match)
  const newListing = await sourcesFromPaths([args.new])
  const after = await analyzeSources(newListing, args, host, 'new: ', match)
  const diff = diffReports(before, after)
  await emit(formatOf(args.format).diff!(diff), args)
  const unreadable = unreadableFailure([oldListing, newListing])
  if (unreadable) throw unreadable
  // New findings only; but every unscanned part of the new version, which may hide a new secret.
  return findingsFail(diff.newFindings, args.failOn) ||
    (!args.allowUnscanned && unscannedFail(after.errors, args.failOn))
    ? 1
    : 0
}

/** One line, whatever was thrown: messages can carry a path with newlines or terminal escapes. */
const oneLine = (text: string): string => neutralText(text, 500)

export async function main(argv: string[], host: CliHost = {}): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'scan') return await runScan(rest, host)
    if (command === 'diff') return await runDiff(rest, host)
    if (command === 'summarize') return await runSummarize(rest, help())
    if (command === 'history')
      return await runHistory(
        rest,
        async (path, args, match) => analyzeSources(await sourcesFromPaths([path]), args, host, null, match),
        help(),
      )
    if (command === '--help' || command === '-h' || command === 'help') {
      await writeStdout(help())
      return 0
    }
    if (command === '--version' || command === '-v') {
      await writeStdout(`${TOOL_VERSION}\n`)
      return 0
    }
    throw new UsageError(
      command
        ? `unknown command '${command}' (scan, diff, history, summarize, --help)`
        : 'missing command (scan, diff, history, summarize, --help)',
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
