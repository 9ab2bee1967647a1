// Which source of a map a generated position of its bundle comes from, kept small: a bundle's code
// for one module is contiguous, so consecutive segments of one source collapse into one run (the
// incident's 13 MB bundle: millions of segments, a few runs per module). Read once when the map is
// opened; asked for the places of findings in the bundle that their text alone does not place.
import { forEachMappingLine } from './segments'

export interface SourceRuns {
  /** Run k of generated line i is at lineStarts[i] + k; lineStarts has one more entry at the end. */
  lineStarts: Int32Array
  /** The generated column (0-based, UTF-16) where each run starts. */
  cols: Int32Array
  /** The source index of each run; -1 for code without a source. */
  srcs: Int32Array
}

/** The runs of `mappings`, as a string or as bytes (throws on mappings that are not base64, as
 *  segments.ts does). */
export function sourceRuns(mappings: string | Uint8Array): SourceRuns {
  const lineStarts: number[] = []
  const cols: number[] = []
  const srcs: number[] = []
  forEachMappingLine(mappings, (_index, lineCols, lineSrcs) => {
    lineStarts.push(cols.length)
    for (let k = 0; k < lineCols.length; k++) {
      if (cols.length > lineStarts[lineStarts.length - 1]! && srcs[srcs.length - 1] === lineSrcs[k]) continue
      cols.push(lineCols[k]!)
      srcs.push(lineSrcs[k]!)
    }
  })
  lineStarts.push(cols.length)
  return { lineStarts: Int32Array.from(lineStarts), cols: Int32Array.from(cols), srcs: Int32Array.from(srcs) }
}

/** The source index at a generated position (0-based line and column): the run at or before the
 *  column; -1 before the line's first segment, past the mappings, or in code without a source. */
export function sourceAt(runs: SourceRuns, line: number, column: number): number {
  if (line < 0 || line + 1 >= runs.lineStarts.length) return -1
  let low = runs.lineStarts[line]!
  let high = runs.lineStarts[line + 1]! - 1
  let found = -1
  while (low <= high) {
    const mid = (low + high) >>> 1
    if (runs.cols[mid]! <= column) {
      found = mid
      low = mid + 1
    } else high = mid - 1
  }
  return found < 0 ? -1 : runs.srcs[found]!
}
