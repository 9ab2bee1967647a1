// SARIF 2.1.0 log of a report's findings, for code-scanning tools (GitHub code scanning, Azure DevOps,
// VS Code's SARIF viewer). One run; one rule per distinct finding rule id; one result per finding.
//
// Choices, with the reason:
// - artifactLocation.uri is the exposed path (percent-encoded per segment so it is a valid URI
//   reference). For a source reconstructed from a map that is its original path ("src/a.ts"), which a
//   code-scanning tool can line up with the repository. The container chain goes in a logical location
//   and in properties, since a URI cannot say "inside a.tgz › cli.js.map".
// - No informationUri/helpUri: the tool runs offline and must not point anyone at a network location.
// - partialFingerprints hash rule + container chain without its outermost name + path + excerpt, not
//   the line: the same leak in the next release (a-1.1.tgz instead of a-1.0.tgz, shifted lines) keeps
//   its fingerprint, so alerts dedupe instead of reopening.
import { jsonParts, LazyArray } from './json-parts'
import { briefLineText, briefOf } from './brief'
import { exposuresOfReport } from './exposures'
import type { Category, Exposure, Finding, Report, ReportError, Severity } from './model'
import { locationOf, severityRank } from './present'

export type SarifLevel = 'error' | 'warning' | 'note'

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

/** critical/high block a release; medium deserves a look; low/info are notes. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note'
}

/** GitHub code scanning reads `security-severity` (0-10) to label alerts critical/high/medium/low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
}

/** Help text per category: what the finding means and what to do before publishing. */
const CATEGORY_HELP: Record<Category, string> = {
  'source-exposure':
    'The artifact reveals original source code or its file tree (for example a source map with sourcesContent). Exclude source maps and src/ from the published files (package.json "files", .npmignore) or build without sourcesContent.',
  secrets:
    'A credential or secret value ships in the artifact. Treat it as leaked: revoke and rotate it, then remove it from the build inputs.',
  'credential-files':
    'A file that normally holds credentials (.env, .npmrc, private keys, kubeconfig) ships in the artifact. Remove it from the published files and rotate what it contained.',
  'internal-endpoints':
    'An internal host name, private address or internal URL ships in the artifact and maps your internal network. Move it to runtime configuration.',
  'ai-prompts':
    'A system prompt or agent instruction ships as a string. Decide whether it is meant to be public; otherwise serve it from a backend.',
  'feature-flags':
    'Feature flag, experiment or codename strings reveal unreleased work. Strip dead flags from the build or move names to server-side configuration.',
  'build-environment':
    'Absolute build paths, user names, CI paths or .git contents ship in the artifact. Build with relative paths and exclude .git from the published files.',
  'internal-notes':
    'Comments with TODOs, ticket keys, names or emails ship in the artifact. Strip comments in the production build.',
}

/** FNV-1a, twice with different offsets: 64 bits of a stable, dependency-free hash (no node:crypto in core). */
function fingerprint(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}

/** A path as a URI reference: each segment percent-encoded, '/' kept. */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

interface RuleInfo {
  id: string
  category: Category
  worst: Severity
  message: string
}

function collectRules(findings: readonly Finding[]): RuleInfo[] {
  const rules = new Map<string, RuleInfo>()
  for (const f of findings) {
    const rule = rules.get(f.rule)
    if (!rule) rules.set(f.rule, { id: f.rule, category: f.category, worst: f.severity, message: f.message })
    else if (severityRank(f.severity) < severityRank(rule.worst)) rule.worst = f.severity
  }
  return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function ruleDescriptor(rule: RuleInfo) {
  const title = rule.id.replace(/[-_]+/g, ' ')
  return {
    id: rule.id,
    name: rule.id.replace(/[-_]+(.)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: `${rule.category}: ${title}` },
    fullDescription: { text: rule.message },
    help: { text: CATEGORY_HELP[rule.category] ?? rule.message },
    defaultConfiguration: { level: sarifLevel(rule.worst) },
    properties: {
      category: rule.category,
      tags: ['security', rule.category],
      'security-severity': SECURITY_SEVERITY[rule.worst],
    },
  }
}

/** A GUID-shaped name of an exposure's key: SARIF's `correlationGuid` ties the results (places) of one
 *  exposure together, the same in every run over the artifact's versions. */
function exposureGuid(key: string): string {
  const hex = fingerprint(`a\u0000${key}`) + fingerprint(`b\u0000${key}`)
  // Shaped as a name-based (version 5, RFC 4122 variant) UUID, as the schema asks.
  const variant = ((parseInt(hex[16], 16) & 3) | 8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function result(f: Finding, ruleIndex: number, occurrence: number, exposure: Exposure | undefined) {
  const region =
    f.line > 0
      ? {
          startLine: f.line,
          ...(f.column > 0 ? { startColumn: f.column } : {}),
          ...(f.column > 0 && f.length ? { endColumn: f.column + f.length } : {}),
        }
      : undefined
  const stable = [f.rule, ...(f.origin ?? []).slice(1), f.path, f.excerpt].join('\u0000')
  return {
    ruleId: f.rule,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.excerpt ? `${f.message} (${f.excerpt})` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(f.path) },
          ...(region ? { region } : {}),
        },
        logicalLocations: [{ fullyQualifiedName: locationOf(f), kind: 'module' }],
      },
    ],
    partialFingerprints: {
      'exposureExplorer/v1': `${fingerprint(stable)}:${occurrence}`,
      ...(exposure ? { 'exposureExplorer/exposure/v1': fingerprint(exposure.key) } : {}),
    },
    ...(exposure ? { correlationGuid: exposureGuid(exposure.key) } : {}),
    properties: {
      category: f.category,
      severity: f.severity,
      origin: f.origin ?? [],
      excerpt: f.excerpt,
      ...(f.inTest ? { inTest: true } : {}),
      // The distinct thing this place is a place of (report.exposures): its title and id.
      ...(exposure ? { exposure: { id: exposure.id, title: exposure.title, places: exposure.places } } : {}),
    },
  }
}

function notification(e: ReportError) {
  return {
    level: e.level === 'error' ? ('error' as const) : ('warning' as const),
    message: { text: `${e.path}: ${e.message}` },
    descriptor: { id: e.level === 'limit' ? 'limit-reached' : 'read-problem' },
  }
}

/** One result per finding, made as they are asked for. */
function* results(findings: readonly Finding[], rules: readonly RuleInfo[], exposures: readonly Exposure[]) {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]))
  const exposureOf = new Map<number, Exposure>()
  for (const e of exposures) for (const i of e.findings) exposureOf.set(i, e)
  const seen = new Map<string, number>()
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]
    const key = [f.rule, ...(f.origin ?? []).slice(1), f.path, f.excerpt].join('\u0000')
    const n = (seen.get(key) ?? 0) + 1
    seen.set(key, n)
    yield result(f, ruleIndex.get(f.rule)!, n, exposureOf.get(i))
  }
}

/** The SARIF log as one object. */
export function formatSarif(report: Report): Record<string, unknown> {
  const rules = collectRules(report.findings)
  const exposures = exposuresOfReport(report)
  return sarifLog(report, rules, [...results(report.findings, rules, exposures)], exposures)
}

/** The SARIF log's JSON text (as `JSON.stringify(formatSarif(report), null, 2) + '\n'`) in parts
 *  (of `partChars`, see jsonParts), each result made only when it is written. */
export function sarifParts(report: Report, partChars?: number): Generator<string> {
  const rules = collectRules(report.findings)
  const exposures = exposuresOfReport(report)
  const lazy = new LazyArray(report.findings.length, () => results(report.findings, rules, exposures))
  return jsonParts(sarifLog(report, rules, lazy, exposures), partChars)
}

function sarifLog(
  report: Report,
  rules: readonly RuleInfo[],
  results: unknown[] | LazyArray<unknown>,
  exposures: readonly Exposure[],
): Record<string, unknown> {
  const unlisted = report.summary.unlisted
  const brief = briefOf({ ...report, exposures: [...exposures] })
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        // Finding columns count UTF-16 code units (the JavaScript string index), SARIF's default; said
        // explicitly so no consumer has to assume it.
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            // The analysis ran to the end even when parts of the input could not be read: those are
            // notifications, and the findings that were made are complete for what was read.
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map(notification),
          },
        ],
        results,
        properties: {
          input: report.input,
          headline: report.summary.headline ?? '',
          files: report.summary.files,
          bytes: report.summary.bytes,
          firstPartySourceFiles: report.summary.firstPartySourceFiles,
          firstPartySourceLines: report.summary.firstPartySourceLines,
          // Findings counted but not listed as results (repeats of a listed exposure, or past
          // limits.maxFindings): present only when there are any.
          ...(unlisted ? { unlistedFindings: unlisted } : {}),
          // The distinct things that leaked (results sharing a correlationGuid are places of one),
          // and the brief: one line per category.
          exposures: {
            total: exposures.length,
            byCategory: Object.fromEntries(brief.lines.map((l) => [l.category, l.exposures.length])),
            brief: brief.lines.map(briefLineText),
          },
        },
      },
    ],
  }
}
