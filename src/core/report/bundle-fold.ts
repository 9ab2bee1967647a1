// A bundle and the sources its map rebuilds hold the same leaks twice: a prompt written in
// src/constants/prompts.ts is in cli.js too. A finding in the bundle whose match is also found in a
// source of that bundle's map belongs to the source's exposure (the source is where a reader goes):
// this module says which, by text alone — the same kind of thing with the same subject (a prompt's
// opening words, normalized so minified escapes and renamed interpolations read alike), or the same
// rule and excerpt. Things named by a subject (hosts, flags, users) are one exposure wherever they
// are found already; what this adds is the exposures a file holds (prompts, notes). When the text
// matches places in several sources it is left in the bundle (counted as `ambiguous`); a prompt's
// place is then placed by the map's mappings where the analysis read them (exposures.ts,
// `placeInSource`).
import type { ExposedFile, Finding } from './model'
import { joinChain } from './present'

/** The map each file with a map carries or points at, as the origin chain of the map's sources. */
export function mapSourcesChains(files: readonly ExposedFile[]): Map<number, string> {
  const chains = new Set<string>()
  for (const f of files) if (f.origin.length > 0) chains.add(joinChain(f.origin))
  const maps = new Map<string, ExposedFile>()
  for (const f of files) if (f.container === 'source-map') maps.set(joinChain([...f.origin, f.path]), f)
  const out = new Map<number, string>()
  for (const f of files) {
    if (f.container === 'source-map' || f.kind === 'first-party-source' || f.kind === 'third-party-source')
      continue
    // An inline map: the file itself is the container of its sources.
    const own = joinChain([...f.origin, f.path])
    if (chains.has(own) && !maps.has(own)) {
      out.set(f.id, own)
      continue
    }
    for (const candidate of siblingMapPaths(f)) {
      const chain = joinChain([...f.origin, candidate])
      if (maps.has(chain) && chains.has(chain)) {
        out.set(f.id, chain)
        break
      }
    }
  }
  return out
}

/** Where a file's sibling map may be: its sourceMappingURL resolved beside it, then `<file>.map`. */
function siblingMapPaths(f: ExposedFile): string[] {
  const paths: string[] = []
  const url = f.sourceMappingURL
  if (url && !/^[a-z][\w+.-]*:/i.test(url)) {
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/') + 1) : ''
    const parts: string[] = []
    for (const part of (dir + url.split(/[?#]/)[0]).split('/')) {
      if (part === '..') parts.pop()
      else if (part !== '.' && part !== '') parts.push(part)
    }
    paths.push(parts.join('/'))
  }
  paths.push(`${f.path}.map`)
  return paths
}

/** What a bundle's place and a source's place share when they are the same match. */
export const foldKeyOf = (f: Finding, kind: string): string =>
  f.subject !== undefined ? `${kind}\0${f.subject}` : `${f.rule}\0${f.excerpt}`

export interface BundleFolds {
  /** Finding index -> the identity of the source exposure it joins. */
  into: Map<number, string>
  /** Bundle places whose match is in several sources' exposures: left in the bundle. */
  ambiguous: number
}

/** Which bundle places join a source's exposure. `identities[i]` is finding i's own identity,
 *  `kinds[i]` its exposure kind; only places whose identity names their file (`placeBound[i]`) move. */
export function foldBundlePlaces(
  files: readonly ExposedFile[],
  findings: readonly Finding[],
  identities: readonly string[],
  kinds: readonly string[],
  placeBound: readonly boolean[],
): BundleFolds {
  const mapOf = mapSourcesChains(files)
  const into = new Map<number, string>()
  let ambiguous = 0
  if (mapOf.size === 0) return { into, ambiguous }
  const wanted = new Set(mapOf.values())
  // For each map's sources: fold key -> the identities of the exposures holding a place with it.
  const bySources = new Map<string, Map<string, Set<string>>>()
  findings.forEach((f, i) => {
    const chain = joinChain(f.origin ?? [])
    if (!wanted.has(chain) || f.line === 0) return
    let index = bySources.get(chain)
    if (!index) bySources.set(chain, (index = new Map()))
    const key = foldKeyOf(f, kinds[i])
    const set = index.get(key)
    if (set) set.add(identities[i])
    else index.set(key, new Set([identities[i]]))
  })
  findings.forEach((f, i) => {
    if (!placeBound[i] || f.fileId === undefined || f.line === 0) return
    const chain = mapOf.get(f.fileId)
    const targets = chain && bySources.get(chain)?.get(foldKeyOf(f, kinds[i]))
    if (!targets) return
    if (targets.size === 1) into.set(i, targets.values().next().value!)
    else ambiguous++
  })
  return { into, ambiguous }
}
