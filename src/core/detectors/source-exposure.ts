// Source exposure, judged on the whole file list: maps that embed first-party sources, maps that
// list them by name, raw first-party sources shipped next to a bundle, `sourceMappingURL`s that point
// off the artifact to an internal host, and version-control folders (.git/, .svn/, .hg/).
import type { ExposedFile, Finding } from '../report/model'
import { classifyHost } from './hosts'

const fmt = (n: number) => n.toLocaleString('en-US')
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

export function detectSourceExposure(files: readonly ExposedFile[]): Finding[] {
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
    findings.push(...mapFindings(parent, children))
  }
  for (const group of byOrigin.values()) {
    const raw = group.filter((f) => f.kind === 'first-party-source' && f.hasContent && !mapChildren.has(f))
    if (raw.length > 0 && group.some((f) => f.kind === 'bundle' || f.kind === 'source-map')) {
      const lines = raw.reduce((n, f) => n + f.lines, 0)
      findings.push(
        fileFinding(
          raw[0],
          'raw-sources-next-to-bundle',
          'high',
          `${fmt(raw.length)} first-party source file${raw.length === 1 ? '' : 's'} (${fmt(lines)} lines) ship raw next to the bundle, e.g. ${raw[0].path}.`,
        ),
      )
    }
    const vcs = group.filter((f) => VCS_DIR.test(f.path))
    if (vcs.length > 0) {
      const dir = VCS_DIR.exec(vcs[0].path)![1]
      findings.push(
        fileFinding(
          vcs[0],
          'vcs-directory',
          'high',
          `${fmt(vcs.length)} file${vcs.length === 1 ? '' : 's'} of a ${dir}/ folder ship in the artifact: remotes, history and author identities are exposed.`,
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

// Until a file is classified ('other'), code outside node_modules, vendor and bundler runtimes counts.
const THIRD_PARTY =
  /(?:^|\/)(?:node_modules|bower_components|vendor|jspm_packages)\/|^(?:webpack|\(webpack\)|vite|rollup)/
const isFirstParty = (f: ExposedFile) =>
  f.kind === 'first-party-source' ||
  f.kind === 'test' ||
  (f.kind === 'other' &&
    !THIRD_PARTY.test(f.path) &&
    /\.(?:[cm]?[jt]sx?|vue|svelte|s?css|less)$/i.test(f.path))

const isMap = (f: ExposedFile) =>
  f.container === 'source-map' ||
  f.kind === 'source-map' ||
  f.mapResolution === 'inline' ||
  /\.map$/i.test(f.path)

function mapFindings(map: ExposedFile, children: readonly ExposedFile[]): Finding[] {
  const firstParty = children.filter(isFirstParty)
  const withContent = firstParty.filter((c) => c.hasContent)
  const named = firstParty.filter((c) => !c.hasContent)
  const findings: Finding[] = []
  if (withContent.length > 0) {
    const lines = withContent.reduce((n, c) => n + c.lines, 0)
    findings.push(
      fileFinding(
        map,
        'map-embeds-first-party-sources',
        'critical',
        `The source map embeds the original content of ${fmt(withContent.length)} first-party source file${withContent.length === 1 ? '' : 's'} (${fmt(lines)} lines): anyone can rebuild the source tree.`,
      ),
    )
  }
  if (named.length > 0) {
    findings.push(
      fileFinding(
        map,
        'map-lists-first-party-sources',
        withContent.length > 0 ? 'medium' : 'high',
        `The source map lists ${fmt(named.length)} first-party source path${named.length === 1 ? '' : 's'} without content: it reveals the source tree's layout.`,
      ),
    )
  }
  return findings
}
