// The one definition of the first-party source counts that the headline, the summary, the source-exposure
// finding, the compare page and `diff` all show:
//   first-party source  an exposed file of kind `first-party-source` with content (tests, declarations,
//                       generated code, bundles and third-party code are other kinds, so never counted);
//   reconstructed       such a file rebuilt from a source map's `sourcesContent` (it has a `rawSource`, or
//                       the container it comes from is named `*.map`);
//   shipped as is       such a file that is itself a member of the artifact (or a dropped file).
// A source several maps carry (a `.js.map` per file, dev and prod builds of one tree) is counted once:
// two reconstructed files are the same source when path, size and line count agree. A source a map
// carries and the artifact also ships as is (`src/a.ts` in the map, `package/src/a.ts` a member, same
// size and lines) is counted once too, as shipped: whichever of the two comes first.
import type { ExposedFile } from './model'
import { joinChain } from './present'

export const isFirstPartySource = (f: ExposedFile): boolean => f.kind === 'first-party-source' && f.hasContent

export const isReconstructed = (f: ExposedFile): boolean =>
  f.rawSource !== undefined || /\.map$/i.test(f.origin.at(-1) ?? '')

export interface SourceCount {
  files: number
  lines: number
}

/** First-party source counts kept up to date file by file, with reconstructed sources de-duplicated. */
export class FirstPartyCounter {
  readonly reconstructed: SourceCount = { files: 0, lines: 0 }
  readonly shipped: SourceCount = { files: 0, lines: 0 }
  /** Distinct reconstructed sources, by the map (origin chain joined with ' › ') that first carried them. */
  readonly byMap = new Map<string, SourceCount>()
  /** Reconstructed sources counted, by sameSource key: the map that counts each (null once a shipped
   *  copy took it over). */
  readonly #seen = new Map<string, string | null>()
  /** sameSource keys of every path suffix of the shipped sources (`src/a.ts` of `package/src/a.ts`). */
  readonly #shipped = new Set<string>()

  /** Counts `file` if it is a first-party source not counted before; true when it was counted. */
  add(file: ExposedFile): boolean {
    if (!isFirstPartySource(file)) return false
    if (!isReconstructed(file)) {
      this.shipped.files++
      this.shipped.lines += file.lines
      let at = -1
      do {
        const key = sameSource(file.path.slice(at + 1), file)
        this.#shipped.add(key)
        const map = this.#seen.get(key)
        if (map) this.#uncount(key, map, file.lines)
        at = file.path.indexOf('/', at + 1)
      } while (at !== -1)
      return true
    }
    const key = sameSource(file.path, file)
    if (this.#seen.has(key)) return false
    if (this.#shipped.has(key)) {
      this.#seen.set(key, null)
      return false
    }
    const map = joinChain(file.origin)
    this.#seen.set(key, map)
    this.reconstructed.files++
    this.reconstructed.lines += file.lines
    const count = this.byMap.get(map)
    if (count) {
      count.files++
      count.lines += file.lines
    } else this.byMap.set(map, { files: 1, lines: file.lines })
    return true
  }

  /** A reconstructed source counted under `map` that a shipped copy now counts. */
  #uncount(key: string, map: string, lines: number): void {
    this.#seen.set(key, null)
    this.reconstructed.files--
    this.reconstructed.lines -= lines
    const count = this.byMap.get(map)!
    count.files--
    count.lines -= lines
    if (count.files === 0) this.byMap.delete(map)
  }

  get total(): SourceCount {
    return {
      files: this.reconstructed.files + this.shipped.files,
      lines: this.reconstructed.lines + this.shipped.lines,
    }
  }
}

/** Two files hold the same source when path, size and line count agree. */
const sameSource = (path: string, f: ExposedFile) => `${path}\u0000${f.bytes}\u0000${f.lines}`

/** The counts of a list of files, for callers that have them all at once. */
export function countFirstParty(files: Iterable<ExposedFile>): FirstPartyCounter {
  const counter = new FirstPartyCounter()
  for (const file of files) counter.add(file)
  return counter
}
