// A package's history: every version's headline figures and the exposures that appeared or went away
// since the version before. Built from one small record per version (`VersionScan`), which the CLI
// keeps on disk so an interrupted run resumes where it stopped.
//
// The exposures are the report's own (`Report.exposures`, exposures.ts): one secret value, one host,
// one flag, one prompt file…, keyed alike across versions (a secret by the keyed hash of its value,
// a file without the tarball's own name). A token, host or gate found in ten files is one exposure;
// the same token in the next version is the same exposure. Keys hold keyed hashes only, never values,
// and never leave the per-version records: the timeline numbers its exposures instead, and shows the
// first place's redacted excerpt.
import { exposuresOfReport } from './exposures'
import { fileKeyer } from './file-key'
import { atOrAbove, severityRank } from './present'
import type { Category, ExposureKind, Finding, Report, Severity, SeverityCounts, Summary } from './model'
import { emptySeverityCounts, SEVERITIES, TOOL_NAME, TOOL_VERSION } from './model'

/** The `format` field that tells a timeline JSON from a report (the page sniffs it). */
export const TIMELINE_FORMAT = 'exposure-explorer-timeline'
export const TIMELINE_FORMAT_VERSION = 1
/** The form of `ExposureRecord.key`: records kept on disk with another form are scanned again. */
export const EXPOSURE_RECORD_FORM = 2

/** A version's headline figures. */
export interface VersionFigures {
  files: number
  bytes: number
  firstPartySourceFiles: number
  firstPartySourceLines: number
  /** Every finding the summary counts, by severity (all categories). */
  findings: SeverityCounts
  /** Problems that left part of the version unread or unscanned. */
  unscanned: number
  headline: string
}

/** One exposure as found in one version. */
export interface ExposureRecord {
  /** Identity across versions: the exposure's key (`Exposure.key`). Opaque, never shown. */
  key: string
  /** What a person reads for it (`Exposure.title`: "feature gate KAIROS"). */
  title?: string
  kind?: ExposureKind
  rule: string
  category: Category
  /** The worst severity among its places. */
  severity: Severity
  /** The excerpt of its first place (secrets redacted). */
  excerpt: string
  /** Its first place: origin chain without the tarball, then the path, joined by ' › '. */
  path: string
  /** Findings of this exposure listed in the version's report. */
  places: number
}

/** What one version's scan leaves for the timeline. */
export interface VersionScan {
  version: string
  /** Publication time (ISO 8601) as the registry gives it. */
  published?: string
  input: { name: string; bytes: number }
  figures: VersionFigures
  exposures: ExposureRecord[]
  /** Why the version could not be fetched or read; then figures and exposures are empty. */
  failed?: string
}

/** One exposure of the timeline; `id` is its index in `Timeline.exposures`. */
export interface TimelineExposure extends Omit<ExposureRecord, 'key' | 'places'> {
  id: number
  /** The first version it appears in (its first appearance) and the last one. */
  firstVersion: string
  lastVersion: string
  /** How many versions carry it. */
  versions: number
}

export interface TimelineVersion {
  version: string
  published?: string
  input: { name: string; bytes: number }
  figures: VersionFigures
  failed?: string
  /** Ids of the exposures this version carries. */
  exposures: number[]
  /** Ids present here but not in the previous version read (every id, for the first). */
  appeared: number[]
  /** Ids of the previous version read that are not here. */
  gone: number[]
  /** One line of ours (rule ids and counts, no artifact text): "+3 secrets (aws-access-key-id); −1 …". */
  change: string
}

export interface Timeline {
  format: typeof TIMELINE_FORMAT
  formatVersion: typeof TIMELINE_FORMAT_VERSION
  tool: { name: string; version: string }
  package: string
  /** The semver range asked for, and the registry, when given. */
  range?: string
  registry?: string
  /** Versions oldest first. */
  versions: TimelineVersion[]
  exposures: TimelineExposure[]
}

const worse = (a: Severity, b: Severity): Severity => (atOrAbove(a, b) ? a : b)

/** Findings in third-party code at `info` are left out: the page hides them too, and a bundled
 *  dependency's notes would drown the package's own story. Third-party secrets stay. */
const counts = (f: Finding) => !(f.thirdParty && f.severity === 'info')

/** A report reduced to its figures and its exposures (the report's), most severe first. */
export function versionScanOf(version: string, report: Report, published?: string): VersionScan {
  const keyOf = fileKeyer(report)
  const records: ExposureRecord[] = []
  for (const e of exposuresOfReport(report)) {
    const places = e.findings.map((i) => report.findings[i]).filter((f) => f !== undefined && counts(f))
    if (places.length === 0) continue
    const first = places[0]
    records.push({
      key: e.key,
      title: e.title,
      kind: e.kind,
      rule: e.rule,
      category: e.category,
      severity: places.reduce((s, f) => worse(s, f.severity), first.severity),
      excerpt: first.excerpt,
      path: keyOf(first.origin, first.path),
      places: places.length,
    })
  }
  return {
    version,
    ...(published ? { published } : {}),
    input: report.input,
    figures: figuresOf(report),
    exposures: records,
  }
}

/** Every finding a summary counts, by severity, all categories together. */
export function findingTotals(summary: Pick<Summary, 'findings'>): SeverityCounts {
  const totals = emptySeverityCounts()
  for (const byCategory of Object.values(summary.findings))
    for (const severity of SEVERITIES) totals[severity] += byCategory?.[severity] ?? 0
  return totals
}

function figuresOf(report: Report): VersionFigures {
  const s = report.summary
  const findings = findingTotals(s)
  return {
    files: s.files,
    bytes: s.bytes,
    firstPartySourceFiles: s.firstPartySourceFiles,
    firstPartySourceLines: s.firstPartySourceLines,
    findings,
    unscanned: report.errors.filter((e) => e.unscanned).length,
    headline: s.headline ?? '',
  }
}

/** A version that could not be fetched or read: it stays in the timeline, marked. */
export function failedVersion(version: string, reason: string, published?: string): VersionScan {
  return {
    version,
    ...(published ? { published } : {}),
    input: { name: '', bytes: 0 },
    figures: {
      files: 0,
      bytes: 0,
      firstPartySourceFiles: 0,
      firstPartySourceLines: 0,
      findings: emptySeverityCounts(),
      unscanned: 0,
      headline: '',
    },
    exposures: [],
    failed: reason,
  }
}

export interface TimelineMeta {
  package: string
  range?: string
  registry?: string
}

/** The timeline of `scans`, given oldest first. A failed version appears, marked, and is skipped
 *  when telling what appeared or went away (the next one is compared with the last one read). */
export function buildTimeline(meta: TimelineMeta, scans: readonly VersionScan[]): Timeline {
  const ids = new Map<string, number>()
  const exposures: TimelineExposure[] = []
  const versions: TimelineVersion[] = []
  let previous: Set<number> | null = null
  for (const scan of scans) {
    const present = new Set<number>()
    for (const e of scan.exposures) {
      let id = ids.get(e.key)
      if (id === undefined) {
        id = exposures.length
        ids.set(e.key, id)
        const { key: _key, places: _places, ...shown } = e
        exposures.push({ id, ...shown, firstVersion: scan.version, lastVersion: scan.version, versions: 0 })
      }
      const exposure = exposures[id]
      if (present.has(id)) continue
      present.add(id)
      exposure.lastVersion = scan.version
      exposure.versions++
      exposure.severity = worse(exposure.severity, e.severity)
    }
    const appeared = scan.failed ? [] : [...present].filter((id) => !previous?.has(id))
    const gone = scan.failed || !previous ? [] : [...previous].filter((id) => !present.has(id))
    versions.push({
      version: scan.version,
      ...(scan.published ? { published: scan.published } : {}),
      input: scan.input,
      figures: scan.figures,
      ...(scan.failed ? { failed: scan.failed } : {}),
      exposures: [...present],
      appeared,
      gone,
      change: scan.failed ? 'not read' : changeLine(exposures, appeared, gone),
    })
    if (!scan.failed) previous = present
  }
  return {
    format: TIMELINE_FORMAT,
    formatVersion: TIMELINE_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    package: meta.package,
    ...(meta.range ? { range: meta.range } : {}),
    ...(meta.registry ? { registry: meta.registry } : {}),
    versions,
    exposures,
  }
}

/** "+90 feature-flags (statsig-gate); +1 source-exposure (map-sources-content); −2 internal-notes
 *  (todo-comment)": counts by category, most severe category first, with the rules they come from. */
function changeLine(exposures: readonly TimelineExposure[], appeared: number[], gone: number[]): string {
  const part = (sign: string, ids: number[]) => {
    const byCategory = new Map<Category, { n: number; rules: Set<string>; worst: Severity }>()
    for (const id of ids) {
      const e = exposures[id]
      const group = byCategory.get(e.category) ?? { n: 0, rules: new Set(), worst: e.severity }
      group.n++
      group.rules.add(e.rule)
      group.worst = worse(group.worst, e.severity)
      byCategory.set(e.category, group)
    }
    return [...byCategory]
      .sort((a, b) => severityRank(a[1].worst) - severityRank(b[1].worst) || b[1].n - a[1].n)
      .map(([category, g]) => {
        const rules = [...g.rules]
        const named = rules.length > 3 ? `${rules.slice(0, 3).join(', ')}, …` : rules.join(', ')
        return `${sign}${g.n.toLocaleString('en-US')} ${category} (${named})`
      })
  }
  const parts = [...part('+', appeared), ...part('−', gone)]
  return parts.length > 0 ? parts.join('; ') : 'no change in exposures'
}
