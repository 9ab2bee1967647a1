// The report model. These types ARE the JSON report contract of PRODUCT.md: other tools read the
// fields marked "contract", so those never change meaning or disappear. New fields may be added
// freely (mark them with the version that added them).

export const TOOL_NAME = 'exposure-explorer'
export const TOOL_VERSION = '0.1.0'

/** Kind of an exposed file: exactly one per file, used for colouring and the kinds summary. */
export const KINDS = [
  'first-party-source',
  'third-party-source',
  'bundle',
  'declaration',
  'generated',
  'source-map',
  'test',
  'config',
  'docs',
  'credential',
  'binary',
  'other',
] as const
export type Kind = (typeof KINDS)[number]
// 'declaration' (type declarations such as `.d.ts`) and 'generated' (code written by a generator:
// `*.generated.*`, `__generated__/`, protobuf/gRPC stubs) were added in 0.2.0; before, shipped ones
// counted as first-party source.

/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** How a release gate weighs a part of the artifact that was not read or scanned
 *  (`ReportError.unscanned`): a secret may hide there, so as a high finding. */
export const UNSCANNED_SEVERITY: Severity = 'high'

/** Finding categories of PRODUCT.md, in the order the summary shows them. */
export const CATEGORIES = [
  'source-exposure',
  'secrets',
  'credential-files',
  'internal-endpoints',
  'ai-prompts',
  'feature-flags',
  'build-environment',
  'internal-notes',
] as const
export type Category = (typeof CATEGORIES)[number]

/** Containers are files that hold other exposed files (archives, source maps). */
export type ContainerType = 'gzip' | 'tar' | 'zip' | 'source-map'

export interface ExposedFile {
  /** 0-based index in `Report.files`; stable for one report. Used to ask the worker for content. (0.1.0) */
  id: number
  /** contract: normalized exposed path, relative to its innermost container (or to the dropped input). */
  path: string
  /** contract: chain of containers from the dropped input inward, not including this file. */
  origin: string[]
  /** contract */
  kind: Kind
  /** contract: size of the content in bytes (UTF-8 for sources reconstructed from maps); 0 when absent. */
  bytes: number
  /** contract: number of `\n`-separated lines of the content (0 when absent; a file without a
   *  trailing newline still counts its last line; "a\nb\n" is 3 lines by this rule). */
  lines: number
  /** contract: false for sources a map names without `sourcesContent` (the name alone is exposed). */
  hasContent: boolean
  /** Set when this file holds other exposed files (an archive or a source map). (0.1.0) */
  container?: ContainerType
  /** The `sourceMappingURL` this file points at, as written (data: URLs shortened). (0.1.0) */
  sourceMappingURL?: string
  /** Whether the `sourceMappingURL` was resolved inside the artifact: 'inline' | 'sibling' | 'external' | 'missing'. (0.1.0) */
  mapResolution?: 'inline' | 'sibling' | 'external' | 'missing'
  /** For sources reconstructed from a map: the map's `sources[i]` as written, before normalization. (0.1.0) */
  rawSource?: string
  /** Keyed hash (HMAC-SHA-256, 16 hex digits) of the content, set only when the analysis was given a
   *  match key (`diff` and the page's compare make one per run, never stored): `diff` tells changed
   *  files by it. (0.1.0) */
  contentHash?: string
}

export interface Finding {
  /** contract: rule id, e.g. `aws-access-key-id`. */
  rule: string
  /** contract */
  category: Category
  /** contract */
  severity: Severity
  /** contract: the exposed file's normalized path. */
  path: string
  /** contract: 1-based line in the exposed file (its original line for sources reconstructed from maps); 0 for file-level findings. */
  line: number
  /** contract: 1-based column (UTF-16 code units); 0 for file-level findings. */
  column: number
  /** contract: a short excerpt of the line, with any secret value redacted (e.g. `AKIA••••••••MPLE`). */
  excerpt: string
  /** contract: why this matters, one sentence. */
  message: string
  /** The origin chain of the file (same as `ExposedFile.origin`). (0.1.0) */
  origin?: string[]
  /** `ExposedFile.id` of the file. (0.1.0) */
  fileId?: number
  /** Length in UTF-16 code units of the matched text on `line`, for highlighting. (0.1.0) */
  length?: number
  /** True when the match sits in a test or fixture file; severity was lowered one step. (0.1.0) */
  inTest?: boolean
  /** True when the match sits in third-party code (node_modules, vendored): kept in the report, hidden
   *  by the page unless asked for; outside secrets and credential files its severity is `info`. (0.2.0) */
  thirdParty?: boolean
  /** Keyed hash (HMAC-SHA-256, 16 hex digits) of the matched value, set only when the analysis was
   *  given a match key (see `ExposedFile.contentHash`): `diff` matches findings by it, so a secret
   *  replaced by another of the same shape is new. The value itself is never stored. (0.1.0) */
  valueHash?: string
  /** The one thing the match names, normalized so every place of it reads alike: a host (of a URL),
   *  a flag name, a user name (of a build path), a ticket key, an e-mail address; for a secret its
   *  redaction (`pubb••••99bf`), never the value. Absent when the match names no single thing (a
   *  prompt, a work note, a file). Exposures group by it. (0.3.0) */
  subject?: string
  /** Index in `Report.exposures` of the exposure this finding is a place of. (0.3.0) */
  exposure?: number
  /** Set by the detectors only, never in a report: further places of this exposure in the same text,
   *  not made into findings; the report counts them as folded (see `Report.folds`). */
  repeats?: number
}

export interface ReportError {
  /** contract: the path (or origin chain joined by ' › ') where the problem was met. */
  path: string
  /** contract: one readable sentence. */
  message: string
  /** 'error' stopped reading something; 'warning' read it with a caveat; 'limit' hit a configured limit. (0.1.0) */
  level?: 'error' | 'warning' | 'limit'
  /** True when part of the artifact was not read or not scanned because of this (past a limit,
   *  unreadable, damaged or truncated, encrypted, an ambiguous zip directory, a link not followed,
   *  text too long to decode): a secret may hide there. The CLI's `--fail-on` counts such an entry as
   *  a high finding unless `--allow-unscanned` is given. (0.1.0) */
  unscanned?: boolean
}

export type SeverityCounts = Record<Severity, number>

export interface Summary {
  /** contract */
  files: number
  /** contract */
  bytes: number
  /** contract: first-party source files exposed with content, reconstructed from maps or shipped as is
   *  (the definition is in `first-party.ts`; a source several maps carry counts once). */
  firstPartySourceFiles: number
  /** contract: total `\n`-separated lines of those files. */
  firstPartySourceLines: number
  /** Of those, the files and lines rebuilt from maps' `sourcesContent`. (0.2.0) */
  reconstructedSourceFiles?: number
  reconstructedSourceLines?: number
  /** Of those, the files and lines that are members of the artifact themselves. (0.2.0) */
  shippedSourceFiles?: number
  shippedSourceLines?: number
  /** contract */
  kinds: Partial<Record<Kind, { files: number; bytes: number }>>
  /** contract */
  findings: Partial<Record<Category, SeverityCounts>>
  /** One sentence stating what the artifact exposes, e.g. "1,906 first-party source files · 515,029 lines · reconstructed from package/cli.js.map". (0.1.0) */
  headline?: string
  /** Maps (origin chain joined with ' › ') that carried first-party `sourcesContent`, largest first. (0.1.0) */
  reconstructedFrom?: string[]
  /** Findings counted in `findings` above but not listed in `Report.findings`: `repeats` repeat an
   *  exposure already listed at its first 100 places (see `Report.folds`); `pastLimit` came after
   *  `limits.maxFindings` were listed. Absent when every finding is listed. (0.1.0, hostile input) */
  unlisted?: { repeats: number; pastLimit: number }
}

/** An exposure (same rule, severity and excerpt) found at more places than the report lists. */
export interface Fold {
  rule: string
  category: Category
  severity: Severity
  /** The excerpt the places share (secrets redacted). */
  excerpt: string
  /** The first place (origin chain and path joined by ' › '). */
  path: string
  /** Places listed in `Report.findings`. */
  listed: number
  /** Further places, counted in the summary but not listed. */
  folded: number
}

/** What sort of thing an exposure is: its noun in titles and in the brief (`present.ts`). (0.3.0) */
export const EXPOSURE_KINDS = [
  'source-tree',
  'source-listing',
  'shipped-source',
  'repository',
  'secret',
  'credential-file',
  'internal-host',
  'address',
  'bucket',
  'short-link',
  'depot-path',
  'prompt',
  'feature-gate',
  'experiment',
  'env-toggle',
  'codename',
  'model-name',
  'user-name',
  'build-path',
  'ticket-key',
  'email',
  'person',
  'work-note',
  'other',
] as const
export type ExposureKind = (typeof EXPOSURE_KINDS)[number]

/** One distinct thing that leaked — a secret value, an internal host, a flag name, a prompt file, a
 *  credential file, a source tree rebuilt from a map, a user name in build paths — with every place
 *  (finding) it was found at. Built by `report/exposures.ts` from the findings. (0.3.0) */
export interface Exposure {
  /** Index in `Report.exposures`. */
  id: number
  /** Identity, the same for every place and in every report of the same artifact: kind, then the
   *  subject (a name, never a secret), the keyed hash of a secret's value (`valueHash`) or the file
   *  (its chain without the dropped input's name). Never holds a secret in clear. */
  key: string
  kind: ExposureKind
  category: Category
  /** The rule of its first place. */
  rule: string
  /** The worst severity among its places. */
  severity: Severity
  /** True when every place is in third-party code. */
  thirdParty: boolean
  /** What a person reads: "feature gate KAIROS", "internal host artifactory.example.dev", "system
   *  prompt in src/constants/system.ts", "source of 1,906 first-party files via cli.js.map". */
  title: string
  /** The name it is about, as `Finding.subject` (a secret: its redaction). */
  subject?: string
  /** Indices in `Report.findings` of its places; the one a reader should open first comes first
   *  (first-party, a source before a bundle, most severe). */
  findings: number[]
  /** Places counted, listed or not: `findings.length` plus those only counted (`Report.folds`). */
  places: number
  /** Set by a baseline (`report/baseline.ts`): accepted or suppressed, with its reason. */
  triage?: { status: 'accepted' | 'suppressed'; reason: string }
}

export interface Report {
  /** contract */
  tool: { name: string; version: string }
  /** contract: the dropped input (several files: their names joined by ', '; bytes summed).
   *  `sha256` (hex) of the one dropped file, when the host computed it for a report to hand over
   *  (`scan --format html`, the page's HTML report). (0.3.0) */
  input: { name: string; bytes: number; sha256?: string }
  /** The package's own name and version, from its outermost package.json; absent when it has none.
   *  `diff` says two inputs are unrelated when the names differ. (0.3.0) */
  package?: { name: string; version?: string }
  /** contract */
  summary: Summary
  /** contract */
  files: ExposedFile[]
  /** contract */
  findings: Finding[]
  /** contract */
  errors: ReportError[]
  /** Exposures found at more places than are listed, most folded first. Absent when none. (0.1.0, hostile input) */
  folds?: Fold[]
  /** The distinct things that leaked, each with its places (see report/exposures.ts), most severe
   *  and first-party first. (0.3.0) */
  exposures?: Exposure[]
}

/** Limits on what one analysis may read. All are enforced; hitting one adds a 'limit' error and
 *  keeps everything read before it. */
export interface Limits {
  /** Total bytes produced by decompression across the whole artifact. */
  maxInflatedBytes: number
  /** Bytes of one archive member or one decompressed stream kept for analysis. */
  maxFileBytes: number
  /** Containers nested inside the dropped input (a zip holding a tgz holding a map = 3). */
  maxDepth: number
  /** Exposed files in total (archive members plus sources reconstructed from maps). */
  maxEntries: number
  /** Findings listed in the report; later ones are still counted in the summary. */
  maxFindings: number
}

/** Defaults sized for a browser tab on a modest laptop: the incident (103 MB inflated, 4.8k sources)
 *  fits with room for 10x; a bomb stops long before the tab runs out of memory. */
export const DEFAULT_LIMITS: Limits = {
  maxInflatedBytes: 2 * 1024 ** 3,
  maxFileBytes: 1024 ** 3,
  maxDepth: 8,
  maxEntries: 1_000_000,
  maxFindings: 100_000,
}

export type Stage = 'reading' | 'decompressing' | 'parsing-maps' | 'scanning'

export interface Progress {
  stage: Stage
  /** Bytes (reading/decompressing/parsing-maps) or files (scanning) done so far. */
  done: number
  /** The total when known, else 0. */
  total: number
  /** The member or map being worked on. */
  path?: string
}

export function emptySeverityCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
}
