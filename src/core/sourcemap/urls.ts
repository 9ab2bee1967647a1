// How a JS or CSS file points at its map: the `sourceMappingURL` comment, inline `data:` maps, and
// relative URLs resolved inside the artifact. Nothing here fetches anything; absolute URLs are only
// recognised so the caller can report them.
import { joinRelative, safeDecode } from './normalize'

const MARKER = 'sourceMappingURL='
const SCHEME = /^[a-z][a-z0-9+.-]*:/i

/**
 * The last `sourceMappingURL` comment of a JS or CSS text: `//# sourceMappingURL=…` (or the legacy
 * `//@`) or `/*# sourceMappingURL=… *\/`, where the comment starts its line (after optional whitespace).
 * Searches backwards from the end, because the comment is normally the last line and bundles can be
 * one huge line; a marker inside code or a string on the same line as other code is ignored.
 */
export function findSourceMappingURL(text: string, closedAfter = false): string | undefined {
  // Whether a block comment is closed somewhere after a marker: one search for the last `*/`, not
  // one search to the end per marker (a text of unclosed markers would take quadratic time).
  const lastClose = text.lastIndexOf('*/')
  for (let at = text.lastIndexOf(MARKER); at >= 0; at = at === 0 ? -1 : text.lastIndexOf(MARKER, at - 1)) {
    const opener = commentOpener(text, at)
    if (!opener) continue
    let end = at + MARKER.length
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++
    let url = text.slice(at + MARKER.length, end)
    if (opener === '/*') {
      const close = url.indexOf('*/')
      if (close >= 0) url = url.slice(0, close)
      else if (lastClose < end && !closedAfter) continue // an unclosed block comment is not a comment
    }
    if (url) return url
  }
  return undefined
}

const utf8 = new TextDecoder()
/** One byte, one character: where a marker is looked for without decoding the text as UTF-8. */
const bytewise = new TextDecoder('latin1')
/** Bytes looked at a time by findSourceMappingURLInBytes. */
const PIECE_BYTES = 4 * 1024 * 1024

/** findSourceMappingURL of the text whose UTF-8 is `bytes`, read from the end in line-aligned pieces
 *  of about PIECE_BYTES (a line longer than that is one piece), so a text scanned in parts is never
 *  decoded whole. The marker and the comment's opener and closer are ASCII, found byte for byte;
 *  only a piece that holds a marker is decoded. */
export function findSourceMappingURLInBytes(bytes: Uint8Array, pieceBytes = PIECE_BYTES): string | undefined {
  let closedAfter = false
  for (let end = bytes.length; end > 0;) {
    const start = end <= pieceBytes ? 0 : bytes.lastIndexOf(10, end - pieceBytes - 1) + 1
    const piece = bytes.subarray(start, end)
    const plain = bytewise.decode(piece)
    if (plain.includes(MARKER)) {
      const url = findSourceMappingURL(start === 0 ? utf8.decode(piece) : decodeKeeping(piece), closedAfter)
      if (url !== undefined) return url
    }
    closedAfter ||= plain.includes('*/')
    end = start
  }
  return undefined
}

const keeping = new TextDecoder('utf-8', { ignoreBOM: true })
const decodeKeeping = (bytes: Uint8Array): string => keeping.decode(bytes)

/** '//' or '/*' when the marker at `at` follows `//#`, `//@`, `/*#` or `/*@` at the start of a line. */
function commentOpener(text: string, at: number): '//' | '/*' | undefined {
  let i = at - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--
  if (text[i] !== '#' && text[i] !== '@') return undefined
  const opener = text.slice(i - 2, i)
  if (opener !== '//' && opener !== '/*') return undefined
  for (let j = i - 3; j >= 0; j--) {
    const c = text[j]
    if (c === '\n' || c === '\r') break
    if (c !== ' ' && c !== '\t') return undefined
  }
  return opener
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c
}

/**
 * Bytes of a `data:` URL (`data:[<type>][;charset=…][;base64],<data>`), or undefined if `url` is not
 * a data: URL or its base64 is unreadable. Percent-encoded data is decoded byte by byte. A charset other
 * than UTF-8 is transcoded to UTF-8 (maps are read as UTF-8) when the host knows it.
 */
export function decodeDataURL(url: string): Uint8Array | undefined {
  if (!/^data:/i.test(url)) return undefined
  const comma = url.indexOf(',')
  if (comma < 0) return undefined
  const params = url
    .slice(5, comma)
    .split(';')
    .map((p) => p.trim().toLowerCase())
  const data = url.slice(comma + 1)
  const bytes = params.includes('base64') ? decodeBase64(data) : percentDecode(data)
  if (!bytes) return undefined
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8)
  return charset ? transcodeToUTF8(bytes, charset) : bytes
}

function decodeBase64(data: string): Uint8Array | undefined {
  // Tolerate what real inline maps contain: whitespace, URL-safe letters, %-escaped '=' and no padding.
  let clean = (data.includes('%') ? safeDecode(data) : data).replace(/\s+/g, '')
  clean = clean.replaceAll('-', '+').replaceAll('_', '/')
  clean = clean.padEnd(clean.length + ((4 - (clean.length % 4)) % 4), '=')
  let binary: string
  try {
    binary = atob(clean)
  } catch {
    return undefined
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function percentDecode(data: string): Uint8Array {
  const encoder = new TextEncoder()
  const out = new Uint8Array(data.length * 3) // worst case: every char a 3-byte UTF-8 sequence
  let length = 0
  let run = 0 // start of the current run of literal characters
  const flush = (end: number) => {
    if (end > run) length += encoder.encodeInto(data.slice(run, end), out.subarray(length)).written
  }
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== '%' || !/^[0-9a-f]{2}$/i.test(data.slice(i + 1, i + 3))) continue
    flush(i)
    out[length++] = parseInt(data.slice(i + 1, i + 3), 16)
    i += 2
    run = i + 1
  }
  flush(data.length)
  return out.slice(0, length)
}

function transcodeToUTF8(bytes: Uint8Array, charset: string): Uint8Array {
  if (charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return bytes
  try {
    return new TextEncoder().encode(new TextDecoder(charset).decode(bytes))
  } catch {
    return bytes // an unknown label: read as UTF-8, which is what browsers do for maps anyway
  }
}

/**
 * The artifact-relative path a `sourceMappingURL` points at from the file `fromPath` ('/'-separated):
 * relative to the file's directory, with query and fragment dropped and %-escapes decoded. A root-relative
 * URL (`/static/app.js.map`) is taken from the artifact root. Undefined for URLs that leave the artifact:
 * a scheme (http:, https:, file:, data:…), a protocol-relative `//host/…`, or `..` above the root.
 */
export function resolveMapURL(fromPath: string, url: string): string | undefined {
  const trimmed = url.trim()
  if (!trimmed || SCHEME.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('\\\\'))
    return undefined
  const path = safeDecode(trimmed.replace(/[?#].*$/s, '')).replaceAll('\\', '/')
  if (!path) return undefined
  const resolved = path.startsWith('/') ? joinRelative('', path) : joinRelative(fromPath, path)
  return resolved || undefined
}
