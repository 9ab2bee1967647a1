// exposure-explorer history <package> [--versions RANGE] [--registry URL]: every version of a package,
// scanned, as a timeline of what appeared and what went away.
//
// Versions come from the user's own npm (`npm view`), tarballs from `npm pack` into the cache, a
// group of versions per npm process (starting npm costs more than fetching a small tarball). Each
// tarball is scanned as soon as its group arrives, `--concurrency` at once, and its result is written
// to the cache at once: an interrupted run, started again, fetches and scans only what is missing.
import { join } from 'node:path'
import semver from 'semver'
import type { MatchHashing } from '../core/analyze'
import type { Report } from '../core/report/model'
import { atOrAbove } from '../core/report/present'
import { SEVERITIES, TOOL_VERSION, UNSCANNED_SEVERITY } from '../core/report/model'
import {
  buildTimeline,
  failedVersion,
  versionScanOf,
  EXPOSURE_RECORD_FORM,
  type Timeline,
  type VersionFigures,
  type VersionScan,
} from '../core/report/timeline'
import { formatTimelineMarkdown, formatTimelineText } from '../core/report/timeline-format'
import type { CommonArgs, FailOn } from './args'
import { cacheMatchHashing, cacheRoot, fingerprint, readJson, safeName, writeJsonAtomic } from './cache'
import { HISTORY_FORMATS, parseHistoryArgs, type HistoryArgs } from './history-args'
import { InputError } from './node-source'
import { fetchTarballs } from './fetch-tarballs'
import { listVersions, packedName, type PublishedVersion } from './npm'
import { chunks, forEachLimited, Limiter } from './pool'
import { writeParts } from './write-parts'

/** Scans one file or folder as scan would, with the cache's match key. */
export type ScanPath = (path: string, args: CommonArgs, match: MatchHashing) => Promise<Report>

/** Versions fetched by one `npm pack`, and npm processes at once. */
const PACK_GROUP = 8
const PACKS_AT_ONCE = 2

/** Valid semver versions in `range` (all of them without one), oldest first, as npm orders them. */
export function selectVersions(published: readonly PublishedVersion[], range?: string): PublishedVersion[] {
  return published
    .filter(
      (p) => semver.valid(p.version) !== null && (range === undefined || semver.satisfies(p.version, range)),
    )
    .sort((a, b) => semver.compare(a.version, b.version))
}

/** Where this package's results live: one folder per set of options that change a result. */
function resultsFolder(root: string, args: HistoryArgs): string {
  const options = fingerprint({
    tool: TOOL_VERSION,
    exposures: EXPOSURE_RECORD_FORM,
    registry: args.registry ?? null,
    limits: args.limits,
    internalScopes: [...args.internalScopes].sort(),
  })
  return join(root, 'history', safeName(args.package), options)
}

export const tarballFolder = (root: string, registry?: string): string =>
  join(root, 'tarballs', safeName(registry ?? 'npm-config'))

const isVersionScan = (value: unknown, version: string): value is VersionScan =>
  typeof value === 'object' &&
  value !== null &&
  (value as VersionScan).version === version &&
  Array.isArray((value as VersionScan).exposures) &&
  !(value as VersionScan).failed

/** The release gate on one version's figures: as scan's --fail-on on its report. */
export function figuresFail(
  figures: Pick<VersionFigures, 'findings' | 'unscanned'>,
  failOn: FailOn,
  allowUnscanned: boolean,
): boolean {
  if (failOn === 'none') return false
  return (
    SEVERITIES.some((s) => atOrAbove(s, failOn) && figures.findings[s] > 0) ||
    (!allowUnscanned && figures.unscanned > 0 && atOrAbove(UNSCANNED_SEVERITY, failOn))
  )
}

/** A status line on stderr, only for a person at a terminal. */
function statusLine(): { show: (text: string) => void; clear: () => void } {
  if (!process.stderr.isTTY) return { show: () => {}, clear: () => {} }
  return {
    show: (text) => process.stderr.write(`\r${text}`.slice(0, 79).padEnd(80)),
    clear: () => process.stderr.write('\r'.padEnd(81) + '\r'),
  }
}

/** Lists, fetches and scans; the timeline of every version chosen (failed ones marked). */
export async function historyTimeline(args: HistoryArgs, scanPath: ScanPath): Promise<Timeline> {
  const root = cacheRoot(args.cache)
  const match = await cacheMatchHashing(root)
  const published = await listVersions(args.package, args.registry)
  if (published.length === 0) throw new InputError(`npm lists no versions of ${args.package}`)
  const chosen = selectVersions(published, args.range)
  if (chosen.length === 0)
    throw new InputError(`no version of ${args.package} matches ${args.range ?? 'semver'}`)
  const results = resultsFolder(root, args)
  const resultPath = (version: string) => join(results, `${safeName(version)}.json`)
  const scans = new Map<string, VersionScan>()
  for (const p of chosen) {
    const cached = await readJson(resultPath(p.version))
    if (isVersionScan(cached, p.version)) scans.set(p.version, cached)
  }
  const todo = chosen.filter((p) => !scans.has(p.version))
  const publishedOf = new Map(chosen.map((p) => [p.version, p.published]))
  const status = statusLine()
  const progress = () => status.show(`history: ${scans.size}/${chosen.length} versions scanned`)
  progress()
  const scanning = new Limiter(args.concurrency)
  const tarballs = tarballFolder(root, args.registry)
  try {
    await forEachLimited(chunks(todo, PACK_GROUP), PACKS_AT_ONCE, async (group) => {
      const fetched = await fetchTarballs(
        group.map((p) => ({
          spec: `${args.package}@${p.version}`,
          file: packedName(args.package, p.version),
        })),
        tarballs,
        args.registry,
      )
      await Promise.all(
        group.map(({ version }) =>
          scanning.run(async () => {
            const { path, failed } = fetched.get(`${args.package}@${version}`)!
            const published = publishedOf.get(version)
            // A tarball that cannot be opened fails its own version, not the run.
            const scan = path
              ? await scanPath(path, args, match).then(
                  (report) => versionScanOf(version, report, published),
                  (error: unknown) =>
                    failedVersion(version, error instanceof Error ? error.message : String(error), published),
                )
              : failedVersion(version, failed ?? 'not fetched', published)
            // Failures are not kept: the next run tries again.
            if (!scan.failed) await writeJsonAtomic(resultPath(version), scan)
            scans.set(version, scan)
            progress()
          }),
        ),
      )
    })
  } finally {
    status.clear()
  }
  return buildTimeline(
    { package: args.package, range: args.range, registry: args.registry },
    chosen.map((p) => scans.get(p.version)!),
  )
}

export function renderTimeline(timeline: Timeline, format: (typeof HISTORY_FORMATS)[number]): string {
  switch (format) {
    case 'json':
      return JSON.stringify(timeline, null, 1) + '\n'
    case 'markdown':
      return formatTimelineMarkdown(timeline)
    case 'text':
      return formatTimelineText(timeline)
  }
}

/** Exit code: 1 when the newest version read fails --fail-on; 2 (after the timeline is written)
 *  when a version could not be fetched or read. */
export async function runHistory(argv: string[], scanPath: ScanPath, help: string): Promise<number> {
  const args = parseHistoryArgs(argv)
  if (args.help) {
    await writeParts([help])
    return 0
  }
  const timeline = await historyTimeline(args, scanPath)
  await writeParts([renderTimeline(timeline, args.format as (typeof HISTORY_FORMATS)[number])], args.output)
  const failed = timeline.versions.filter((v) => v.failed)
  if (failed.length > 0)
    throw new InputError(
      `${failed.length} of ${timeline.versions.length} versions could not be fetched or read (first: ${failed[0].version}: ${failed[0].failed}); the timeline marks them`,
    )
  const newest = timeline.versions.at(-1)
  return newest && figuresFail(newest.figures, args.failOn, args.allowUnscanned) ? 1 : 0
}
