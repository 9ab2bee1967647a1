// Source exposure, judged on the whole file list: maps that embed first-party sources, maps that
// list them by name, raw first-party sources shipped next to a bundle, `sourceMappingURL`s that point
// off the artifact to an internal host, and version-control folders (.git/, .svn/, .hg/).
import { countFirstParty, isFirstPartySource, isReconstructed } from '../report/first-party'
import type { ExposedFile, Finding } from '../report/model'
import { formatCount, plural } from '../report/present'
import { classifyHost } from './hosts'
import { pathBaseName } from '../util/path'

/** What the artifact's licence terms say about its readable source. */
export interface SourceTerms {
  /** The package.json licence when it is an open-source one (MIT, Apache-2.0…) and the package is not
   *  private: readable first-party source is then expected, and reported at `info`. */
  openSourceLicense?: string
}

const key = (origin: readonly string[]) => origin.join('\u0000')
const VCS_DIR = /(?:^|\/)(\.git|\.svn|\.hg)\//

/** A file-level finding (line and column 0) on `file`. */
export function fileFinding(
  file: ExposedFile,
  rule: string,
  severity: Finding['severity'],
  message: string,
  category: Finding['category'] = 'source-exposure',
): Finding {
  return {
    rule,
    category,
    severity,
    path: file.path,
    line: 0,
    column: 0,
    excerpt: file.path,
    message,
    origin: file.origin,
    fileId: file.id,
  }
}

export function detectSourceExposure(files: readonly ExposedFile[], terms: SourceTerms = {}): Finding[] {
  const findings: Finding[] = []
  const byOrigin = new Map<string, ExposedFile[]>()
  for (const f of files) {
    const k = key(f.origin)
    const group = byOrigin.get(k)
    if (group) group.push(f)
    else byOrigin.set(k, [f])
  }
  const mapChildren = new Set<ExposedFile>()
  for (const parent of files) {
    const children = byOrigin.get(key([...parent.origin, parent.path]))
    if (!children || !isMap(parent)) continue
    for (const c of children) mapChildren.add(c)
    for (const finding of mapFindings(parent, children)) findings.push(openSource(finding, terms))
  }
  for (const group of byOrigin.values()) {
    const raw = group.filter((f) => isFirstPartySource(f) && !isReconstructed(f) && !mapChildren.has(f))
    if (raw.length > 0 && group.some((f) => f.kind === 'bundle' || f.kind === 'source-map')) {
      const lines = raw.reduce((n, f) => n + f.lines, 0)
      const finding = fileFinding(
        raw[0],
        'raw-sources-next-to-bundle',
        'high',
        `${plural(raw.length, 'first-party source file')} (${formatCount(lines)} lines) ship as is next to the bundle, e.g. ${raw[0].path}.`,
      )
      findings.push(openSource(finding, terms))
    }
    const vcs = group.filter((f) => VCS_DIR.test(f.path))
    if (vcs.length > 0) {
      const dir = VCS_DIR.exec(vcs[0].path)![1]
      findings.push(
        fileFinding(
          vcs[0],
          'vcs-directory',
          'high',
          `${plural(vcs.length, 'file')} of a ${dir}/ folder ship in the artifact: remotes, history and author identities are exposed.`,
        ),
      )
    }
  }
  for (const f of files) {
    if (f.mapResolution !== 'external' || !f.sourceMappingURL) continue
    const url = /^[a-z][\w+.-]*:\/\/(?:[^/@]*@)?([^/:?#]+)(?::\d+)?(\/[^?#]*)?/i.exec(f.sourceMappingURL)
    const verdict = url ? classifyHost(url[1], url[2]) : null
    if (verdict) {
      findings.push(
        fileFinding(
          f,
          'source-map-url-internal-host',
          'high',
          `The sourceMappingURL points at ${url![1]}, ${verdict.reason}: the full sources are likely one request away for anyone inside.`,
        ),
      )
    } else if (url) {
      findings.push(
        fileFinding(
          f,
          'source-map-url-external',
          'info',
          `The sourceMappingURL points at ${url[1]}; whoever can fetch it may get the original sources.`,
        ),
      )
    }
  }
  return findings
}

// A test file a map embeds is source too, though the counts leave it out; so is a name-only source.
const THIRD_PARTY =
  /(?:^|\/)(?:node_modules|bower_components|vendor\/(?![^/]+-src\/)|jspm_packages)\/|^(?:webpack|\(webpack\)|vite|rollup)/
const isFirstPartyName = (f: ExposedFile) =>
  f.kind === 'first-party-source' ||
  f.kind === 'test' ||
  (f.kind === 'other' &&
    !THIRD_PARTY.test(f.path) &&
    /\.(?:[cm]?[jt]sx?|vue|svelte|s?css|less)$/i.test(f.path))

/** What a finding's message adds when the package's open-source licence makes it expected. */
export const publicUnder = (license: string): string =>
  ` The package is published under ${license}, so its source is public anyway.`

/** Readable source of an open-source package is expected: the finding stays, at info, saying why. */
function openSource(finding: Finding, terms: SourceTerms): Finding {
  if (terms.openSourceLicense === undefined) return finding
  return {
    ...finding,
    severity: 'info',
    message: finding.message + publicUnder(terms.openSourceLicense),
  }
}

const isMap = (f: ExposedFile) =>
  f.container === 'source-map' ||
  f.kind === 'source-map' ||
  f.mapResolution === 'inline' ||
  /\.map$/i.test(f.path)

/** The generated file a map describes: `a.js` for `a.js.map`, or the file holding an inline map. */
const generatedOf = (map: ExposedFile) =>
  map.container === 'source-map' || /\.map$/i.test(map.path) ? map.path.replace(/\.map$/i, '') : map.path

function mapFindings(map: ExposedFile, children: readonly ExposedFile[]): Finding[] {
  const firstParty = children.filter(isFirstPartyName)
  const withContent = firstParty.filter((c) => c.hasContent)
  // A map naming only its own generated file (`a.js.map` → `a.js`) reveals nothing of the tree.
  const generated = pathBaseName(generatedOf(map))
  const named = firstParty.filter((c) => !c.hasContent && pathBaseName(c.path) !== generated)
  const findings: Finding[] = []
  if (withContent.length > 0) {
    const { files, lines } = countFirstParty(withContent).reconstructed
    const others = withContent.length - files
    const what =
      files > 0
        ? `${plural(files, 'first-party source file')} (${formatCount(lines)} lines)${others > 0 ? ` and ${plural(others, 'test or unclassified file')}` : ''}`
        : plural(others, 'test file')
    findings.push(
      fileFinding(
        map,
        'map-embeds-first-party-sources',
        'critical',
        `The source map embeds the original content of ${what}: anyone can rebuild the source tree.`,
      ),
    )
  }
  if (named.length > 0) {
    findings.push(
      fileFinding(
        map,
        'map-lists-first-party-sources',
        withContent.length > 0 ? 'medium' : 'high',
        `The source map lists ${plural(named.length, 'first-party source path')} without content: it reveals the source tree's layout.`,
      ),
    )
  }
  return findings
}
