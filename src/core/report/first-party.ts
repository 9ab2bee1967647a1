// The one definition of the first-party source counts that the headline, the summary, the source-exposure
// finding, the compare page and `diff` all show:
//   first-party source  an exposed file of kind `first-party-source` with content (tests, declarations,
//                       generated code, bundles and third-party code are other kinds, so never counted);
//   reconstructed       such a file rebuilt from a source map's `sourcesContent` (it has a `rawSource`, or
//                       the container it comes from is named `*.map`);
//   shipped as is       such a file that is itself a member of the artifact (or a dropped file).
// A source several maps carry (a `.js.map` per file, dev and prod builds of one tree) is counted once:
// two reconstructed files are the same source when path, size and line count agree.
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
  readonly #seen = new Set<string>()

  /** Counts `file` if it is a first-party source not counted before; true when it was counted. */
  add(file: ExposedFile): boolean {
    if (!isFirstPartySource(file)) return false
    if (!isReconstructed(file)) {
      this.shipped.files++
      this.shipped.lines += file.lines
      return true
    }
    const key = `${file.path}\u0000${file.bytes}\u0000${file.lines}`
    if (this.#seen.has(key)) return false
    this.#seen.add(key)
    this.reconstructed.files++
    this.reconstructed.lines += file.lines
    const map = joinChain(file.origin)
    const count = this.byMap.get(map)
    if (count) {
      count.files++
      count.lines += file.lines
    } else this.byMap.set(map, { files: 1, lines: file.lines })
    return true
  }

  get total(): SourceCount {
    return {
      files: this.reconstructed.files + this.shipped.files,
      lines: this.reconstructed.lines + this.shipped.lines,
    }
  }
}

/** The counts of a list of files, for callers that have them all at once. */
export function countFirstParty(files: Iterable<ExposedFile>): FirstPartyCounter {
  const counter = new FirstPartyCounter()
  for (const file of files) counter.add(file)
  return counter
}
