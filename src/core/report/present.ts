// The one vocabulary every output speaks — the CLI's reports, the page and every export: sizes,
// counts, the labels of kinds, categories and severities, the order of severities, and where a file
// sits (its container chain). A word said two ways in two places is a bug a reader has to find.
import type { Category, ExposureKind, Finding, Kind, Severity } from './model'
import { SEVERITIES } from './model'

const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB']

/** 512 -> "512 B" (a rate of 512.4 too), 1536 -> "1.5 KB", 157286 -> "154 KB": binary steps (1 KB = 1024 B), one decimal
 *  below 100. Never exponent notation, whatever size a hostile header declares. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  // toFixed switches to exponent notation from 1e21 on; toLocaleString never does.
  const shown =
    value < 1e21
      ? value.toFixed(value >= 100 ? 0 : 1)
      : value.toLocaleString('en-US', { maximumFractionDigits: 0 })
  return `${shown} ${BYTE_UNITS[unit]}`
}

/** One formatter: toLocaleString builds a new one per call (tens of µs each), which a table of
 *  thousands of rows redrawn on every scroll frame cannot afford. */
const GROUPED = new Intl.NumberFormat('en-US')
/** 1234567 -> "1,234,567" (en-US grouping everywhere, whatever the machine's locale). */
export const formatCount = (n: number): string => GROUPED.format(n)

/** (1, 'file') -> "1 file", (2, 'file') -> "2 files", (2, 'entry', 'entries') -> "2 entries". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`

/** Position of a severity in SEVERITIES: 0 is the most severe. */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity)

/** True when `severity` is `limit` or more severe. */
export const atOrAbove = (severity: Severity, limit: Severity): boolean =>
  severityRank(severity) <= severityRank(limit)

/** Findings most severe first; ties keep their order (which is file order), so output is stable. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i)
    .map(({ f }) => f)
}

/** What joins the links of a container chain in every output. */
export const CHAIN_SEPARATOR = ' › '

/** Links of a container chain as one string: ["a.tgz", "cli.js.map"] -> "a.tgz › cli.js.map". */
export const joinChain = (links: readonly string[]): string => links.join(CHAIN_SEPARATOR)

/** Where a file sits: its container chain, then its path ("a.tgz › cli.js.map › src/app.ts"). */
export const locationOf = (file: { origin?: readonly string[]; path: string }): string =>
  file.origin && file.origin.length > 0
    ? `${joinChain(file.origin)}${CHAIN_SEPARATOR}${file.path}`
    : file.path

export const KIND_LABELS: Record<Kind, string> = {
  'first-party-source': 'First-party source',
  'third-party-source': 'Third-party source',
  bundle: 'Bundle',
  declaration: 'Type declarations',
  generated: 'Generated code',
  'source-map': 'Source map',
  test: 'Test',
  config: 'Config',
  docs: 'Docs',
  credential: 'Credential file',
  binary: 'Binary / asset',
  other: 'Other',
}

export const CATEGORY_LABELS: Record<Category, string> = {
  'source-exposure': 'Source exposure',
  secrets: 'Secrets',
  'credential-files': 'Credential files',
  'internal-endpoints': 'Internal endpoints',
  'ai-prompts': 'AI prompts',
  'feature-flags': 'Feature flags',
  'build-environment': 'Build environment',
  'internal-notes': 'Internal notes',
}

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
}

/** The noun of each kind of exposure, one and many: titles ("feature gate KAIROS") and the brief
 *  ("90 feature gates") use them. */
export const EXPOSURE_NOUNS: Record<ExposureKind, { one: string; many: string }> = {
  'source-tree': { one: 'source tree', many: 'source trees' },
  'source-listing': { one: 'source listing', many: 'source listings' },
  'shipped-source': { one: 'first-party source shipped as is', many: 'first-party sources shipped as is' },
  repository: { one: 'version-control folder', many: 'version-control folders' },
  secret: { one: 'secret', many: 'secrets' },
  'credential-file': { one: 'credential file', many: 'credential files' },
  'internal-host': { one: 'internal host', many: 'internal hosts' },
  address: { one: 'network address', many: 'network addresses' },
  bucket: { one: 'storage bucket', many: 'storage buckets' },
  'short-link': { one: 'intranet link', many: 'intranet links' },
  'depot-path': { one: 'depot path', many: 'depot paths' },
  prompt: { one: 'prompt file', many: 'prompt files' },
  'feature-gate': { one: 'feature gate', many: 'feature gates' },
  experiment: { one: 'experiment', many: 'experiments' },
  'env-toggle': { one: 'environment toggle', many: 'environment toggles' },
  codename: { one: 'codename', many: 'codenames' },
  'model-name': { one: 'model name', many: 'model names' },
  'user-name': { one: 'user name', many: 'user names' },
  'build-path': { one: 'build path', many: 'build paths' },
  'ticket-key': { one: 'ticket key', many: 'ticket keys' },
  email: { one: 'e-mail address', many: 'e-mail addresses' },
  person: { one: 'author name', many: 'author names' },
  'work-note': { one: 'work note', many: 'work notes' },
  other: { one: 'other exposure', many: 'other exposures' },
}

/** Code a build wrote (a bundle, generated code): where a reader goes second, after the source the
 *  same text came from. A source map is not counted: what is found in it is about the map itself. */
export const isBuildOutput = (kind: Kind | undefined): boolean => kind === 'bundle' || kind === 'generated'

/** The brief's name of each category, as a reviewer says it ("Roadmap: 90 feature gates …"). */
export const BRIEF_LABELS: Record<Category, string> = {
  'source-exposure': 'Source',
  secrets: 'Secrets',
  'credential-files': 'Credentials',
  'internal-endpoints': 'Infrastructure',
  'ai-prompts': 'Prompts',
  'feature-flags': 'Roadmap',
  'build-environment': 'Build machine',
  'internal-notes': 'Notes',
}

/** Items of a list in prose: ["a"] -> "a", ["a", "b", "c"] -> "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
