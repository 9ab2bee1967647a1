// A v3 map's `mappings` decoded one generated line at a time, without an object per segment: each
// line's segments as two arrays (generated column, source index or -1 for a segment without one),
// in generated order. bundle-bytes.ts sizes a bundle's sources with it, source-runs.ts places a
// bundle's position in its source. The mappings are read as bytes: a map's own bytes between the
// quotes of its `mappings` (base64 is ASCII, so nothing needs decoding), or a string's UTF-8.

const BASE64 = new Int8Array(128).fill(-1)
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (BASE64[c.charCodeAt(0)] = i))

const encoder = new TextEncoder()

/** Calls `onLine(index, cols, srcs)` for each generated line (0-based) of the mappings, until it
 *  returns false. The arrays are reused between calls. Segments at one column are in source order,
 *  as source-map-js sorts them (the last of them owns the text up to the next column). Throws on a
 *  character that is not base64. */
export function forEachMappingLine(
  text: string | Uint8Array,
  onLine: (index: number, cols: number[], srcs: number[]) => boolean | void,
): void {
  // A character past ASCII becomes bytes >= 0x80, which are not base64 either.
  const mappings = typeof text === 'string' ? encoder.encode(text) : text
  let cols: number[] = []
  let srcs: number[] = []
  let source = 0
  let at = 0
  const fields = [0, 0, 0, 0, 0]
  for (let index = 0; at <= mappings.length; index++) {
    cols.length = 0
    srcs.length = 0
    let column = 0
    while (at < mappings.length && mappings[at]! !== 59 /* ; */) {
      // One segment: up to five VLQ fields, then ',' or ';'.
      let count = 0
      while (at < mappings.length) {
        const c = mappings[at]!
        if (c === 44 /* , */ || c === 59) break
        let value = 0
        let shift = 0
        for (;;) {
          const digit = BASE64[mappings[at++]!] ?? -1
          if (digit < 0) throw new Error('"mappings" holds a character that is not base64')
          value += (digit & 31) << shift
          if ((digit & 32) === 0) break
          shift += 5
        }
        if (count < 5) fields[count] = value & 1 ? -(value >>> 1) : value >>> 1
        count++
      }
      if (count > 0) {
        column += fields[0]!
        if (count >= 4) source += fields[1]!
        cols.push(column)
        srcs.push(count >= 4 ? source : -1)
      }
      if (at < mappings.length && mappings[at]! === 44) at++
    }
    at++ // past the ';'
    if (cols.length > 1 && !isSorted(cols, srcs)) [cols, srcs] = sortPairs(cols, srcs)
    if (onLine(index, cols, srcs) === false) return
  }
}

function isSorted(cols: number[], srcs: number[]): boolean {
  for (let i = 1; i < cols.length; i++) {
    if (cols[i]! < cols[i - 1]!) return false
    if (cols[i] === cols[i - 1] && srcs[i]! < srcs[i - 1]!) return false
  }
  return true
}

function sortPairs(cols: number[], srcs: number[]): [number[], number[]] {
  const order = cols.map((_, i) => i).sort((a, b) => cols[a]! - cols[b]! || srcs[a]! - srcs[b]! || a - b)
  return [order.map((i) => cols[i]!), order.map((i) => srcs[i]!)]
}
