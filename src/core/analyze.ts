// The one entry point of the core, the same in the worker and in Node:
//   analyze(sources, options, sink) -> Report
// Several sources are one artifact (a dropped folder: each source's name is its relative path).
// The sink receives progress, file batches and finding batches as they become known, so a page can
// draw the file list before scanning ends. The worker forwards the sink to postMessage, the CLI to stderr.
// User-facing failures (corrupt input, limits, cancel) end up in `errors[]`; nothing is thrown to the host.
import type { AnalysisSink, AnalyzeOptions } from './analysis-contract'
import { FileCollector } from './analyze-files'
import { normalizeScope } from './classify'
import { openSourceLicense } from './classify/license'
import { scanArtifact } from './detectors'
import { DEFAULT_CHUNK_BYTES, type ByteSource } from './input/byte-source'
import { Budget, StopError } from './input/limits'
import { Walker } from './input/walk'
import type { Finding, Limits, Report, ReportError } from './report/model'
import { DEFAULT_LIMITS, TOOL_NAME, TOOL_VERSION } from './report/model'
import { buildExposures } from './report/exposures'
import { sourcePlacer } from './collect/map-opener'
import { severityRank } from './report/present'
import { summarize } from './report/summary'
import { compareText } from './util/order'

export type {
  AnalysisSink,
  AnalyzeOptions,
  MatchHashing,
  ScanResult,
  ScanService,
  ScanTarget,
} from './analysis-contract'
export { findingsIn, scanMoved, scanText } from './scan-text'

export async function analyze(
  sources: ByteSource[],
  options: AnalyzeOptions = {},
  sink: AnalysisSink = {},
): Promise<Report> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits }
  const budget = new Budget(limits)
  const scan = options.scan !== false
  const collector = new FileCollector({
    limits,
    budget,
    scan,
    sink,
    signal: options.signal,
    scanner: options.scanner,
    maxDecodeBytes: options.maxDecodeBytes,
    match: options.match,
    internalScopes: (options.internalScopes ?? []).flatMap((s) => normalizeScope(s) ?? []),
    store: options.store,
  })
  const walker = new Walker(
    {
      limits,
      budget,
      chunkBytes: Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK_BYTES),
      signal: options.signal,
      gunzip: options.gunzip,
      spill: options.spill,
      wholeBinaries: options.match !== undefined,
    },
    collector,
  )
  for (const source of sources) {
    try {
      await walker.walkSource(source)
    } catch (error) {
      collector.error(stopEntry(error, source))
      // A limit or a cancel ends the analysis; an unreadable source only ends that source.
      if (error instanceof StopError) break
    }
  }
  // Every text handed to the scan service is reported before anything below reads the findings.
  await collector.drainScans()
  collector.calibrateLate()
  collector.reclassify()
  collector.resolveSiblings()
  collector.flushFiles()
  const { files, errors } = collector
  if (scan) {
    try {
      const listed = collector.findings.add(
        scanArtifact(files, { openSourceLicense: openSourceLicense(collector.manifest) }),
      )
      if (listed.length > 0) sink.findings?.(listed)
    } catch (error) {
      collector.error({
        path: '',
        message: `Artifact checks failed: ${messageOf(error)}`,
        level: 'error',
        unscanned: true,
      })
    }
  }
  const findings = collector.findings.listed
  findings.sort(compareFindings)
  const { manifest } = collector
  const report: Report = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    input: { name: sources.map((s) => s.name).join(', '), bytes: sources.reduce((n, s) => n + s.size, 0) },
    ...(manifest
      ? { package: { name: manifest.name, ...(manifest.version ? { version: manifest.version } : {}) } }
      : {}),
    summary: summarize(files, findings, collector.findings.unlisted()),
    files,
    findings,
    errors,
  }
  const folds = collector.findings.folds()
  if (folds.length > 0) report.folds = folds
  report.exposures = buildExposures(report, { placeInSource: sourcePlacer(files, collector.placements) })
  return report
}

/** A stop (limit, cancel) is expected data; anything else (a source that cannot be read, a bug) is
 *  still reported against the source rather than thrown to the host. */
function stopEntry(error: unknown, source: ByteSource): ReportError {
  if (error instanceof StopError)
    return { path: error.path, message: error.message, level: error.level, unscanned: true }
  return {
    path: source.name,
    message: `Reading stopped: ${messageOf(error)}`,
    level: 'error',
    unscanned: true,
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Most severe first, then by place: path, line, column (origin and rule only break ties). */
function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText((a.origin ?? []).join('\0'), (b.origin ?? []).join('\0')) ||
    compareText(a.rule, b.rule)
  )
}
