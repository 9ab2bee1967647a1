// Exposures: the report's findings folded into the distinct things that leaked. A finding is one
// place; an exposure is what a reviewer acts on — one secret value, one internal host, one flag name,
// one prompt file, one credential file, one source tree rebuilt from a map, one user name in build
// paths — with all its places.
//
// Identity (`Exposure.key`), the same for every place and across reports of one artifact's versions:
//   - a thing with a name (`Finding.subject`: host, flag, user, ticket key, e-mail) is its kind and
//     that name, whatever rule found it and wherever (the bundle and the source it was built from);
//   - a secret is its rule and the keyed hash of its value (`valueHash`, when the analysis was given
//     a key: a diff's or a baseline's), else its redaction — never the value;
//   - a file-level finding (a map with sources, a credential file) and a prompt are their file, a work
//     note its file and line text; files keyed without the dropped input's own name (diff.ts), so
//     two versions of a tarball line up.
// The page, the CLI's formats, `diff` and baselines all read exposures from here.
import { foldBundlePlaces } from './bundle-fold'
import { fileKeyer } from './file-key'
import { countFirstParty } from './first-party'
import type { Category, Exposure, ExposureKind, ExposedFile, Finding, Report, Severity } from './model'
import { CATEGORIES } from './model'
import { atOrAbove, EXPOSURE_NOUNS, formatCount, joinChain, locationOf, severityRank } from './present'
import { pathBaseName } from '../util/path'
import { compareText } from '../util/order'

/** The kind of exposure a finding is a place of. */
export function exposureKindOf(finding: Pick<Finding, 'rule' | 'category'>): ExposureKind {
  const { rule } = finding
  switch (finding.category) {
    case 'secrets':
      return 'secret'
    case 'credential-files':
      return 'credential-file'
    case 'ai-prompts':
      return 'prompt'
    case 'source-exposure':
      return SOURCE_KINDS[rule] ?? 'other'
    case 'internal-endpoints':
      return ENDPOINT_KINDS[rule] ?? 'internal-host'
    case 'feature-flags':
      return FLAG_KINDS[rule] ?? 'experiment'
    case 'build-environment':
      return rule.startsWith('user-home-path-') ? 'user-name' : 'build-path'
    case 'internal-notes':
      return NOTE_KINDS[rule] ?? 'work-note'
  }
}

const SOURCE_KINDS: Record<string, ExposureKind> = {
  'map-embeds-first-party-sources': 'source-tree',
  'map-lists-first-party-sources': 'source-listing',
  'raw-sources-next-to-bundle': 'shipped-source',
  'vcs-directory': 'repository',
  'source-map-url-internal-host': 'internal-host',
}
const ENDPOINT_KINDS: Record<string, ExposureKind> = {
  'private-ip': 'address',
  'link-local-ip': 'address',
  'loopback-address': 'address',
  'storage-bucket': 'bucket',
  'intranet-short-link': 'short-link',
  'internal-depot-path': 'depot-path',
}
const FLAG_KINDS: Record<string, ExposureKind> = {
  'compile-time-feature-gate': 'feature-gate',
  'feature-define': 'feature-gate',
  'feature-env-toggle': 'env-toggle',
  codename: 'codename',
  'codename-assignment': 'codename',
  'model-name-near-flags': 'model-name',
}
const NOTE_KINDS: Record<string, ExposureKind> = {
  'ticket-key-comment': 'ticket-key',
  'email-in-comment': 'email',
  'attribution-email-in-comment': 'email',
  'email-in-config': 'email',
  'author-in-comment': 'person',
}

/** A secret's redaction that shows none of its characters: it cannot tell two values apart. */
const BLIND = /^•+$/

/** The identity of the exposure `finding` is a place of (see the header); `place` is its file's
 *  version-independent key. */
export function exposureIdentity(finding: Finding, place: string): string {
  return identityOf(finding, place).identity
}

/** The identity, and whether it names the finding's file (`bound`: a place a bundle may fold away). */
function identityOf(finding: Finding, place: string): { identity: string; bound: boolean } {
  const kind = exposureKindOf(finding)
  const { subject, rule } = finding
  const at = (what: string) => ({ identity: `${kind}\0${what}`, bound: true })
  if (kind === 'secret') {
    if (finding.valueHash !== undefined)
      return { identity: `secret\0${rule}\0h:${finding.valueHash}`, bound: false }
    if (subject !== undefined && !BLIND.test(subject))
      return { identity: `secret\0${rule}\0r:${subject}`, bound: false }
    return at(`${rule}\0p:${place}\0${finding.excerpt}`)
  }
  if (kind === 'prompt') return at(place)
  if (subject !== undefined) return { identity: `${kind}\0${subject}`, bound: false }
  if (finding.line === 0) return { identity: `${kind}\0${rule}\0f:${place}`, bound: false }
  return at(`${rule}\0p:${place}\0${finding.excerpt}`)
}

/** Which of two places of one exposure a reader should open first: first-party before third-party,
 *  a source before a bundle or map, then the more severe; else report order. */
function placeOrder(files: readonly ExposedFile[]) {
  const rank = (f: Finding) => {
    const kind = f.fileId === undefined ? undefined : files[f.fileId]?.kind
    const generated = kind === 'bundle' || kind === 'source-map' || kind === 'generated'
    return (f.thirdParty ? 2 : 0) + (generated ? 1 : 0)
  }
  return (a: { f: Finding; i: number }, b: { f: Finding; i: number }) =>
    rank(a.f) - rank(b.f) || severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i
}

/** Exposures most severe first, then first-party before third-party, then by category, by how many
 *  places, and by title (a stable order for one report). */
export function compareExposures(a: Exposure, b: Exposure): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    Number(a.thirdParty) - Number(b.thirdParty) ||
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    b.places - a.places ||
    compareText(a.title, b.title)
  )
}

export interface ExposureOptions {
  /** Fold a bundle's places into the exposures of its map's sources (bundle-fold.ts); default true. */
  foldBundles?: boolean
  /** The source of its map a place in a bundle was built from, by the map's mappings (the analysis
   *  has them; a report does not): a prompt the text alone does not place (in no source, or in
   *  several) is then the prompt of that source. */
  placeInSource?: (finding: Finding) => ExposedFile | undefined
}

/** Folds `report.findings` into exposures: sets `exposure` on every finding (in place) and returns
 *  the exposures, ordered by compareExposures and numbered in that order. */
export function buildExposures(
  report: Pick<Report, 'input' | 'files' | 'findings' | 'folds'>,
  options: ExposureOptions = {},
): Exposure[] {
  const keyOf = fileKeyer(report)
  const { findings } = report
  const kinds = findings.map(exposureKindOf)
  const own = findings.map((f) => identityOf(f, keyOf(f.origin, f.path)))
  const identities = own.map((o) => o.identity)
  /** Finding index -> the path of the source a mapping placed it in. */
  const placedIn = new Map<number, string>()
  if (options.foldBundles !== false) {
    const bound = own.map((o) => o.bound)
    const folds = foldBundlePlaces(report.files, findings, identities, kinds, bound)
    for (const [i, identity] of folds.into) identities[i] = identity
    const place = options.placeInSource
    if (place)
      findings.forEach((f, i) => {
        if (kinds[i] !== 'prompt' || folds.into.has(i)) return
        const source = place(f)
        if (!source || source.id === f.fileId) return
        identities[i] = identityOf(f, keyOf(source.origin, source.path)).identity
        placedIn.set(i, source.path)
      })
  }
  const groups = new Map<string, { f: Finding; i: number }[]>()
  findings.forEach((f, i) => {
    const key = identities[i]
    const group = groups.get(key)
    if (group) group.push({ f, i })
    else groups.set(key, [{ f, i }])
  })
  const order = placeOrder(report.files)
  const folded = foldedPlaces(report)
  const exposures: Exposure[] = []
  for (const [key, places] of groups) {
    places.sort(order)
    const first = places[0].f
    let severity: Severity = first.severity
    let extra = 0
    for (const { f } of places) {
      if (!atOrAbove(severity, f.severity)) severity = f.severity
      extra += folded.get(f) ?? 0
    }
    const kind = kinds[places[0].i]
    exposures.push({
      id: 0,
      key: key.replaceAll('\0', ' '),
      kind,
      category: first.category,
      rule: first.rule,
      severity,
      thirdParty: places.every(({ f }) => f.thirdParty === true),
      title: titleOf(kind, first, report.files, places.length, placedIn.get(places[0].i)),
      ...(first.subject !== undefined ? { subject: first.subject } : {}),
      findings: places.map(({ i }) => i),
      places: places.length + extra,
    })
  }
  exposures.sort(compareExposures)
  exposures.forEach((e, id) => (e.id = id))
  linkFindings(report.findings, exposures)
  return exposures
}

/** The report's exposures; for a report without them (made by hand or by an older version) they are
 *  built on copies of its findings, which stay as they are. */
export function exposuresOfReport(
  report: Pick<Report, 'input' | 'files' | 'findings' | 'folds' | 'exposures'>,
): Exposure[] {
  return report.exposures ?? buildExposures({ ...report, findings: report.findings.map((f) => ({ ...f })) })
}

/** Sets `exposure` on every finding `exposures` list (in place): for a host that got the findings
 *  apart from the exposures (the page receives findings in batches, the exposures at the end). */
export function linkFindings(findings: readonly Finding[], exposures: readonly Exposure[]): void {
  for (const e of exposures) for (const i of e.findings) if (findings[i]) findings[i].exposure = e.id
}

/** Places only counted (`Report.folds`), by the listed finding of the same exposureKey they repeat. */
function foldedPlaces(report: Pick<Report, 'findings' | 'folds'>): Map<Finding, number> {
  const out = new Map<Finding, number>()
  if (!report.folds?.length) return out
  const byKey = new Map<string, number>()
  for (const fold of report.folds) {
    const k = `${fold.rule}\0${fold.severity}\0${fold.excerpt}`
    byKey.set(k, (byKey.get(k) ?? 0) + fold.folded)
  }
  for (const f of report.findings) {
    const k = `${f.rule}\0${f.severity}\0${f.excerpt}`
    const n = byKey.get(k)
    if (n === undefined) continue
    out.set(f, n)
    byKey.delete(k)
  }
  return out
}

/** The words a person reads for an exposure (see Exposure.title). */
function titleOf(
  kind: ExposureKind,
  first: Finding,
  files: readonly ExposedFile[],
  places: number,
  placed?: string,
): string {
  const noun = EXPOSURE_NOUNS[kind].one
  const where = placed ?? first.path
  switch (kind) {
    case 'source-tree': {
      const map = first.fileId === undefined ? undefined : files[first.fileId]
      const chain = map ? joinChain([...map.origin, map.path]) : undefined
      const n = chain ? countFirstParty(files.filter((f) => joinChain(f.origin) === chain)).total.files : 0
      return `source of ${formatCount(n)} first-party files via ${pathBaseName(where)}`
    }
    case 'secret':
      return `${secretName(first)} in ${where}`
    case 'prompt':
      return `${places === 1 ? 'prompt' : 'prompts'} in ${where}`
    case 'work-note':
      return `${noun} in ${where}:${first.line}`
    case 'credential-file':
    case 'source-listing':
    case 'shipped-source':
    case 'repository':
      return `${noun} ${where}`
    default:
      return first.subject !== undefined ? `${noun} ${first.subject}` : `${noun} in ${where}`
  }
}

/** "Datadog client token" of "Datadog client token found in the exposed file: …". */
function secretName(finding: Finding): string {
  const at = finding.message.indexOf(' found in ')
  return at > 0 ? finding.message.slice(0, at) : `secret (${finding.rule})`
}

/** Where an exposure's first place is: its container chain and path ("a.tgz › cli.js.map"). */
export const exposurePlace = (report: Pick<Report, 'findings'>, exposure: Exposure): string => {
  const f = report.findings[exposure.findings[0]]
  return f ? locationOf(f) : ''
}

/** The exposures of a category, in report order. */
export const exposuresOf = (exposures: readonly Exposure[], category: Category): Exposure[] =>
  exposures.filter((e) => e.category === category)
