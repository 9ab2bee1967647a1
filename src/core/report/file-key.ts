// A file's key that two versions of an artifact share: its origin chain without the outermost
// container (a-1.0.tgz, a-1.1.tgz differ in name, not in what is inside), plus its path. `diff`,
// exposures and the history timeline line versions up by it.
import type { Report } from './model'
import { joinChain } from './present'

export type Keyer = (origin: readonly string[] | undefined, path: string) => string

/** How a report's files are keyed, version-independently:
 *  - one dropped file (a-1.0.tgz): its members' chains start with the input name, which is dropped;
 *  - a dropped folder (dist-1.0/…): top-level paths share the folder name as first segment, which is
 *    dropped from the path and from the first link of a chain (a map inside the folder);
 *  - anything else (a file list): chains and paths are compared as they are. */
export function fileKeyer(report: Pick<Report, 'input' | 'files'>): Keyer {
  const top = report.files.filter((f) => f.origin.length === 0).map((f) => f.path)
  const first = top[0]?.split('/')[0]
  const folder = first !== undefined && top.every((p) => p.startsWith(`${first}/`)) ? `${first}/` : undefined
  const strip = (p: string) => (folder && p.startsWith(folder) ? p.slice(folder.length) : p)
  return (origin, path) => {
    const chain = origin ?? []
    if (chain.length === 0) return strip(path)
    if (chain[0] === report.input.name) return joinChain([...chain.slice(1), path])
    return joinChain([strip(chain[0]), ...chain.slice(1), path])
  }
}
