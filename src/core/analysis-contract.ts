// The analysis contract: what a host passes to analyze() (options, a sink for what streams out, an
// optional scan service) and what a scan of one text hands back. Types only, imported by analyze.ts,
// the per-file collector and the hosts (worker, CLI) alike.
import type { CountOnlyQuery, FindingCounts } from './count-only'
import type { SpillFile } from './input/byte-source'
import type { NativeGunzip } from './input/inflate'
import type { ContentStore } from './kept-texts'
import type { ExposedFile, Finding, Limits, Progress, ReportError } from './report/model'

export interface AnalyzeOptions {
  limits?: Partial<Limits>
  /** Checked between chunks and members; on abort the report so far is returned with an error entry. */
  signal?: AbortSignal
  /** Run the detectors (default true). */
  scan?: boolean
  /** Bytes per read of a source (default DEFAULT_CHUNK_BYTES); tests use tiny ones to exercise boundaries. */
  chunkBytes?: number
  /** The host's streaming gunzip (faster than fflate); fflate stays the fallback and the reference. */
  gunzip?: NativeGunzip
  /** Where texts are scanned (the CLI's worker threads); without it, in line with the reading. */
  scanner?: ScanService
  /** Bytes of text decoded as one string to be scanned (default MAX_DECODE_BYTES, 500 MiB, under
   *  V8's string ceiling); longer text is listed and reported as not scanned. Tests lower it. */
  maxDecodeBytes?: number
  /** For a diff: files get `contentHash` and findings `valueHash`, keyed by `match.key`. */
  match?: MatchHashing
  /** npm scopes the user names as internal (`@acme`): their packages count as first-party source. */
  internalScopes?: readonly string[]
  /** Where the texts are kept for a host that shows them later (the page's viewer and exports): each
   *  text's UTF-8 once, a map's sources as ranges of the map's bytes (see kept-texts.ts). Without it no
   *  text outlives its scan. */
  store?: ContentStore
  /** A place for a source map over limits.maxFileBytes (the CLI's temporary file), read through a
   *  window instead of held; without it such a map is listed without content. */
  spill?: () => SpillFile | undefined
}

export interface AnalysisSink {
  progress?(p: Progress): void
  /** New exposed files, in id order. Kinds and map resolutions may still change before the report. */
  files?(batch: ExposedFile[]): void
  findings?(batch: Finding[]): void
  errors?(batch: ReportError[]): void
}

/** What a diff gives an analysis so both versions hash alike: a key made for the run (never stored),
 *  and optionally the host's own HMAC-SHA-256 with that key for contents (node:crypto's is ~10x faster). */
export interface MatchHashing {
  key: Uint8Array
  hashContent?: (content: Uint8Array | string) => string
}

/** A text's findings; or an error, with the findings made before it when the text ran past its
 *  time budget (`stoppedAt` names the rule or detector that was running); or for a count-only scan
 *  (see count-only.ts) the findings that may repeat a listed exposure and the rest `counted`. */
export type ScanResult =
  Finding[] | { error?: string; findings?: Finding[]; stoppedAt?: string; counted?: FindingCounts }

/** Runs the detectors somewhere else — the CLI's worker threads — while the core reads on. Findings
 *  come back in any order (the report sorts them); the core waits for every one before the report. */
export interface ScanService {
  /** Takes one text to scan; `done` is called once with the result. `file` is read at once. `bytes`,
   *  when given, is the text's UTF-8 and nothing else uses it afterwards: a service in another
   *  thread may move it there (and decode it) instead of copying the string. `countOnly`, asked
   *  when the text is handed over to be scanned, gives the set to scan it count-only against
   *  (scanText's `listed`), if any. `literal`, given only to a service that `takesLiterals`, is the
   *  text as a JSON string literal's UTF-8, quotes included (a source map's sourcesContent entry),
   *  a copy nothing else uses (its whole buffer): the service scans the literal's text, decoded
   *  (decodeJsonLiteral) where it likes, in another thread rather than copying the string. `text`
   *  is then not read, only counted: as `chars` long when given (the literal's length between its
   *  quotes, escapes as written), else as its own length.
   *  `text` is empty for a text scanned in parts (see parted-scan.ts): `bytes` is then its whole
   *  buffer, and the service scans it with scanMoved (its size: submittedChars). */
  submit(
    file: ExposedFile,
    text: string,
    done: (result: ScanResult) => void,
    bytes?: Uint8Array,
    countOnly?: CountOnlyQuery,
    literal?: Uint8Array,
    chars?: number,
  ): void
  /** Whether `submit` takes a map source's `literal`. */
  readonly takesLiterals?: boolean
  /** While the service holds as much text as it takes, a promise that resolves once it holds less
   *  (the core reads no further meanwhile, so memory stays bounded); otherwise null. `maxChars`: a
   *  tighter bound a caller asks for where what waits is its own copies (a map read through a
   *  window); a service may hold less than that anyway. */
  whenReady(maxChars?: number): Promise<void> | null
  /** Resolves once every submitted text has been reported. */
  drain(): Promise<void>
}

/** The file a text belongs to, as far as scanning needs it: findings carry its id, path and (when
 *  known) origin. */
export type ScanTarget = Pick<ExposedFile, 'id' | 'path'> & { origin?: string[] }
