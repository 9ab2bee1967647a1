// Builds a large source map directly as UTF-8 bytes, never as one string, so tests and measurements
// can feed readSourceMap maps of any size (including past V8's ~512 MB string limit).
const encoder = new TextEncoder()

export interface BigMapOptions {
  /** Number of sources; each gets `contentBytes` of content (about). */
  sources: number
  contentBytes: number
  /** Size of the `mappings` string (skipped by the reader, but it must be walked over). */
  mappingsBytes: number
}

export interface BigMap {
  bytes: Uint8Array
  /** The raw name of source i. */
  raw(i: number): string
  /** The exact content of source i (built on demand). */
  content(i: number): string
}

/** Sources alternate between first-party `../src/…` and `node_modules/…`; contents share one body
 *  with a per-source first line, and contain quotes, backslashes, newlines and non-ASCII text. */
export function buildBigMap(options: BigMapOptions): BigMap {
  const line = 'export const value = "naïve \\"quoted\\" text" // ✓ \t tab\n'
  const body = line.repeat(Math.max(1, Math.round(options.contentBytes / line.length)))
  const bodyLiteral = encoder.encode(JSON.stringify(body).slice(1, -1))
  const raw = (i: number) =>
    i % 3 === 2 ? `../node_modules/pkg-${i % 97}/lib/mod-${i}.js` : `../src/area-${i % 50}/file-${i}.ts`
  const head = (i: number) => `// source ${i}\n`
  const prefixes: Uint8Array[] = []
  let total = 0
  const opening = encoder.encode(
    `{"version":3,"file":"big.js","sources":${JSON.stringify(Array.from({ length: options.sources }, (_, i) => raw(i)))},"sourcesContent":[`,
  )
  total += opening.length
  for (let i = 0; i < options.sources; i++) {
    prefixes.push(encoder.encode(`${i === 0 ? '' : ','}"${JSON.stringify(head(i)).slice(1, -1)}`))
    total += prefixes[i].length + bodyLiteral.length + 1
  }
  const middle = encoder.encode('],"names":[],"mappings":"')
  const closing = encoder.encode('"}\n')
  total += middle.length + options.mappingsBytes + closing.length

  const bytes = new Uint8Array(total)
  let at = 0
  const put = (chunk: Uint8Array) => {
    bytes.set(chunk, at)
    at += chunk.length
  }
  put(opening)
  for (const prefix of prefixes) {
    put(prefix)
    put(bodyLiteral)
    bytes[at++] = 0x22
  }
  put(middle)
  const segment = encoder.encode('AACA,EAAE;')
  for (let i = 0; i < options.mappingsBytes; i++) bytes[at + i] = segment[i % segment.length]
  at += options.mappingsBytes
  put(closing)
  return { bytes, raw, content: (i) => head(i) + body }
}
