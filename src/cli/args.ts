// Command-line arguments of `exposure-explorer`: flags, their values, and the help text. Parsing
// throws UsageError with one readable sentence; main() turns it into exit code 2.
import { normalizeScope } from '../core/classify'
import { LISTED_EXTENSIONS } from '../core/input-formats'
import type { Limits, Severity } from '../core/report/model'
import { DEFAULT_LIMITS, TOOL_VERSION } from '../core/report/model'
import { reportFormats, type ReportFormat } from '../core/report/formats/registry'

/** A report format's id (core/report/formats/registry.ts). */
export type Format = string
export type FailOn = Exclude<Severity, 'info'> | 'none'
const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'none']

export class UsageError extends Error {}

export interface CommonArgs {
  format: Format
  failOn: FailOn
  /** `--allow-unscanned`: parts not read or scanned do not fail the gate (they count as high otherwise). */
  allowUnscanned: boolean
  output?: string
  limits: Partial<Limits>
  /** `--internal-scope @acme` (repeatable): npm scopes whose packages count as first-party. */
  internalScopes: string[]
  help: boolean
}

export interface ScanArgs extends CommonArgs {
  paths: string[]
  /** `--files-from`: a file holding a list of paths (or `-` for stdin). */
  filesFrom?: string
  /** Folder the `--files-from` paths are relative to (default: the current folder). */
  cwd?: string
  /** `--extract DIR`: write the sources the artifact's maps rebuilt there, with a manifest. */
  extract?: string
  /** `--keep-secrets`: with --extract, the texts as they are in the artifact (masked otherwise). */
  keepSecrets: boolean
  /** `--baseline FILE`: the triage to apply (core/report/baseline.ts). */
  baseline?: string
  /** `--write-baseline FILE`: write a baseline accepting every exposure found now. */
  writeBaseline?: string
}

export interface DiffArgs extends CommonArgs {
  old: string
  new: string
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2 }
SIZE_UNITS.g = SIZE_UNITS.gb = 1024 ** 3
SIZE_UNITS.t = SIZE_UNITS.tb = 1024 ** 4

/** "4GB", "512mb", "1.5g", "1000000" -> bytes (binary units: 1 KB = 1024 B). */
export function parseSize(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim())
  const unit = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined
  if (!m || unit === undefined)
    throw new UsageError(`${flag} needs a size like 4GB, 512MB or 1000000 (got '${text}')`)
  const bytes = Math.floor(Number(m[1]) * unit)
  if (bytes < 1 || !Number.isSafeInteger(bytes))
    throw new UsageError(`${flag} is out of range (got '${text}')`)
  return bytes
}

export function parseCount(flag: string, text: string): number {
  const m = /^\d+(_\d+)*$/.test(text.trim()) ? Number(text.trim().replace(/_/g, '')) : NaN
  if (!Number.isSafeInteger(m) || m < 1)
    throw new UsageError(`${flag} needs a whole number of at least 1 (got '${text}')`)
  return m
}

/** Walks argv, handing each flag (with a lazy value getter) to `onFlag` and each operand to `onOperand`. */
export function walk(
  argv: readonly string[],
  onFlag: (flag: string, value: () => string) => boolean,
  onOperand: (arg: string) => void,
): void {
  let operandsOnly = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (operandsOnly || arg === '-' || !arg.startsWith('-')) {
      onOperand(arg)
      continue
    }
    if (arg === '--') {
      operandsOnly = true
      continue
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new UsageError(`${flag} needs a value`)
      return v
    }
    if (!onFlag(flag, value)) throw new UsageError(`unknown option ${flag}`)
  }
}

/** The formats `scan` offers (those with CLI words), or `diff` (those that can also write a diff). */
const cliFormats = (command: 'scan' | 'diff'): ReportFormat[] =>
  reportFormats().filter((f) => f.cli !== undefined && (command === 'scan' || f.diff !== undefined))

/** Flags every command shares. `formats`: scan's or diff's report formats, or a command's own list. */
export function commonFlag(
  args: CommonArgs,
  formats: 'scan' | 'diff' | readonly string[],
  flag: string,
  value: () => string,
): boolean {
  switch (flag) {
    case '--format':
    case '-f': {
      const v = value()
      const ids = typeof formats === 'string' ? cliFormats(formats).map((f) => f.id) : formats
      if (!ids.includes(v)) throw new UsageError(`unknown --format '${v}' (${ids.join(', ')})`)
      args.format = v
      return true
    }
    case '--fail-on': {
      const v = value()
      if (!(FAIL_ON as readonly string[]).includes(v))
        throw new UsageError(`unknown --fail-on '${v}' (${FAIL_ON.join(', ')})`)
      args.failOn = v as FailOn
      return true
    }
    case '--allow-unscanned':
      args.allowUnscanned = true
      return true
    case '--output':
    case '-o':
      args.output = value()
      return true
    case '--max-inflated-bytes':
      args.limits.maxInflatedBytes = parseSize(flag, value())
      return true
    case '--max-file-bytes':
      args.limits.maxFileBytes = parseSize(flag, value())
      return true
    case '--max-depth':
      args.limits.maxDepth = parseCount(flag, value())
      return true
    case '--max-entries':
      args.limits.maxEntries = parseCount(flag, value())
      return true
    case '--internal-scope': {
      const v = value()
      const scope = normalizeScope(v)
      if (!scope) throw new UsageError(`--internal-scope takes an npm scope such as @acme, not '${v}'`)
      args.internalScopes.push(scope)
      return true
    }
    case '--max-findings':
      args.limits.maxFindings = parseCount(flag, value())
      return true
    case '--help':
    case '-h':
      args.help = true
      return true
  }
  return false
}

export const common = (): CommonArgs => ({
  format: cliFormats('scan')[0].id,
  failOn: 'high',
  allowUnscanned: false,
  limits: {},
  internalScopes: [],
  help: false,
})

export function parseScanArgs(argv: readonly string[]): ScanArgs {
  const args: ScanArgs = { ...common(), paths: [], keepSecrets: false }
  walk(
    argv,
    (flag, value) => {
      if (flag === '--files-from') args.filesFrom = value()
      else if (flag === '--cwd') args.cwd = value()
      else if (flag === '--extract') args.extract = value()
      else if (flag === '--keep-secrets') args.keepSecrets = true
      else if (flag === '--baseline') args.baseline = value()
      else if (flag === '--write-baseline') args.writeBaseline = value()
      else return commonFlag(args, 'scan', flag, value)
      return true
    },
    (arg) => args.paths.push(arg),
  )
  if (args.help) return args
  if (args.paths.length === 0 && args.filesFrom === undefined)
    throw new UsageError('scan needs at least one file or folder, or --files-from')
  if (args.cwd !== undefined && args.filesFrom === undefined)
    throw new UsageError('--cwd only applies to --files-from')
  if (args.paths.includes('-')) throw new UsageError("'-' (stdin) is only accepted as --files-from -")
  if (args.keepSecrets && args.extract === undefined)
    throw new UsageError('--keep-secrets only applies to --extract')
  return args
}

export function parseDiffArgs(argv: readonly string[]): DiffArgs {
  const args = common()
  const operands: string[] = []
  walk(
    argv,
    (flag, value) => commonFlag(args, 'diff', flag, value),
    (arg) => operands.push(arg),
  )
  if (args.help) return { ...args, old: '', new: '' }
  if (operands.length !== 2)
    throw new UsageError(`diff needs exactly two inputs, <old> and <new> (got ${operands.length})`)
  if (operands.includes('-')) throw new UsageError("diff inputs are files or folders, not '-'")
  return { ...args, old: operands[0], new: operands[1] }
}

const gib = (n: number) => (n % 1024 ** 3 === 0 ? `${n / 1024 ** 3}GB` : `${n}`)

export const USAGE = `usage: exposure-explorer scan <file|dir>... [options]
       exposure-explorer scan --files-from <file|-> [--cwd DIR] [options]
       exposure-explorer diff <old> <new> [options]
       exposure-explorer history <package> [--versions RANGE] [--registry URL] [options]
       exposure-explorer scan --batch LIST --jsonl OUT [--shard I/N] [--concurrency N] [options]
       exposure-explorer summarize <jsonl>... [--format text|markdown|json]`

/** "text (default), json (the report contract), …" wrapped to the help's column. */
function formatsHelp(): string {
  const words = cliFormats('scan').map((f) => `${f.id} ${f.cli}`)
  const lines = ['']
  for (const [i, word] of words.entries()) {
    const piece = word + (i < words.length - 1 ? ',' : '')
    const line = lines[lines.length - 1]
    if (line && line.length + 1 + piece.length > 76) lines.push(piece)
    else lines[lines.length - 1] = line ? `${line} ${piece}` : piece
  }
  return lines.join('\n' + ' '.repeat(26))
}

export const help = (): string => `exposure-explorer ${TOOL_VERSION}: what does this release artifact expose?
Reads npm tarballs, tar/zip archives (${LISTED_EXTENSIONS.join(' ')}), source maps and folders,
entirely offline, and reports every exposed file and every finding.

${USAGE}

Commands:
  scan <file|dir>...      analyse the inputs as one artifact
  diff <old> <new>        what <new> exposes that <old> did not (each a file or folder)
  history <package>       every published version (listed and fetched by your own npm, so
                          .npmrc and scoped registries apply), scanned; a timeline of the
                          exposures that appeared or went away, version by version (text,
                          json, markdown). Resumable: results are kept per version in the cache
  scan --batch LIST       each entry of LIST (a path, or a package spec npm can pack) scanned on
                          its own, one JSON line per artifact appended to --jsonl OUT; entries
                          already there are skipped (resumable)
  summarize <jsonl>...    one table (text) or summary (markdown) from batch JSONL files or shards

History and batch options:
  --versions RANGE        history: a semver range, e.g. '>=2 <3' (default: every version)
  --registry URL          passed to npm (default: npm's own configuration)
  --cache DIR             tarballs and per-version results (default ~/.cache/exposure-explorer)
  --concurrency N         artifacts scanned at once (default 2)
  --shard I/N             batch: only entries whose position modulo N is I-1 (1 <= I <= N)
  --jsonl OUT             batch: the file results are appended to

Options:
  -f, --format FORMAT     ${formatsHelp()}
  --fail-on LEVEL         exit 1 when a finding is at or above LEVEL: critical, high (default),
                          medium, low, or none; for diff, only new findings count. A part
                          not read or scanned (past a limit, damaged, encrypted, a link, …)
                          counts as a high finding
  --allow-unscanned       parts not read or scanned do not fail --fail-on (they stay in the report)
  -o, --output FILE       write the report to FILE instead of stdout
  --files-from FILE|-     scan the files listed in FILE (or stdin): the JSON of
                          'npm pack --dry-run --json', or one path per line
  --cwd DIR               folder the --files-from paths are relative to (default: current folder)
  --extract DIR           write the sources the artifact's source maps rebuilt into DIR, at the
                          paths the maps give them, with exposure-explorer-manifest.json; secrets
                          are masked unless --keep-secrets
  --keep-secrets          with --extract: write the texts as they are in the artifact
  --baseline FILE         scan: apply a baseline's triage; its accepted and suppressed exposures
                          do not fail --fail-on, suppressed ones leave the summaries
  --write-baseline FILE   scan: write a baseline accepting every exposure found (keeps the triage
                          of --baseline); secrets are kept as keyed hashes, never their values
  --internal-scope @SCOPE npm scope whose packages (node_modules/@SCOPE/…) count as first-party
                          source; repeat for several
  --max-inflated-bytes N  total bytes decompression may produce (default ${gib(DEFAULT_LIMITS.maxInflatedBytes)})
  --max-file-bytes N      bytes of one member or stream kept for analysis (default ${gib(DEFAULT_LIMITS.maxFileBytes)})
  --max-depth N           containers nested inside the input (default ${DEFAULT_LIMITS.maxDepth})
  --max-entries N         exposed files in total (default ${DEFAULT_LIMITS.maxEntries.toLocaleString('en-US')})
  --max-findings N        findings listed in the report; the summary counts the rest (default ${DEFAULT_LIMITS.maxFindings.toLocaleString('en-US')})
                          sizes accept KB, MB, GB suffixes (1 KB = 1024 bytes)
  -h, --help              show this help
  -v, --version           show the version

Exit codes:
  0  no finding at or above the --fail-on level, and nothing left unscanned (or --allow-unscanned)
  1  at least one finding at or above it, or a part not read or scanned
  2  bad usage or unreadable input (one line on stderr; a folder's unreadable parts: after the report)

Progress goes to stderr, and only when stderr is a terminal.
`
