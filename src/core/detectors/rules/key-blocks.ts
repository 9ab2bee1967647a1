// The bodies of private key blocks, found by a hand-written scan from the end of the armour line (the
// rules' regexes match only the armour, so every rule stays linear). A body is read however it is
// written: one base64 line after another in a key file; as JS string literals, an array of lines or a
// concatenation (`'…',` / `'…\n' +`); escaped on one line (`"-----BEGIN …-----\nMIIE…\n-----END…"`,
// JSON); after armour headers (`Proc-Type:`, `Version:`, `Comment:`). Placeholder blocks (empty,
// `...`, `<contents here>`, `xxxx`) and code that only writes or parses the armour have no body.

/** A key body at most this far after the armour line is still read (PuTTY's public lines come first). */
const SCAN_LIMIT = 16_384
/** The shortest real body: an Ed25519 PKCS#8 key is 64 base64 characters. */
const MIN_BODY = 40
/** Armour header values are short (`GnuPG v2.0.19 (GNU/Linux)`, `AES-128-CBC,<iv>`). */
const MAX_HEADER_VALUE = 200
/** Armour headers read before a body. */
const MAX_HEADERS = 8
/** Base64 characters a body must show before a lone run (a header string in code) is ruled out. */
const MIN_DISTINCT = 20

export interface Span {
  start: number
  end: number
}

const isBase64 = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61

/** Between the lines of a body: white space, the quotes, commas and `+` of JS string literals. */
const isSeparator = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 39 || c === 34 || c === 96 || c === 44 || c === 43

/** `\n`, `\r`, `\t` escapes (and a doubled backslash before them): two or three characters to skip. */
function escapeLength(text: string, at: number): number {
  if (text.charCodeAt(at) !== 92) return 0
  let i = at + 1
  if (text.charCodeAt(i) === 92) i++
  const c = text.charCodeAt(i)
  return c === 110 || c === 114 || c === 116 ? i + 1 - at : 0
}

/** Skips separators and escapes from `at`; returns the first other position. */
function skipSeparators(text: string, at: number, limit: number): number {
  let i = at
  while (i < limit) {
    if (isSeparator(text.charCodeAt(i))) i++
    else {
      const escape = escapeLength(text, i)
      if (escape === 0) break
      i += escape
    }
  }
  return i
}

/** An armour header (`Name: value`) at `at`: the position after its value, or -1. */
function skipArmourHeader(text: string, at: number, limit: number): number {
  let i = at
  const nameEnd = Math.min(limit, at + 40)
  while (i < nameEnd && (isBase64(text.charCodeAt(i)) || text.charCodeAt(i) === 45)) i++
  if (i === at || text.charCodeAt(i) !== 58 || text.charCodeAt(i + 1) !== 32) return -1
  // The value runs to the end of its line, its string literal or an escaped line break.
  const valueEnd = Math.min(limit, i + 2 + MAX_HEADER_VALUE)
  for (i += 2; i < valueEnd; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 13 || c === 39 || c === 34 || c === 96 || escapeLength(text, i) > 0) return i
  }
  return i === limit ? i : -1
}

/** Skips up to MAX_HEADERS armour headers from `at` (and the separators after each), stopping
 *  before one that begins with `stop`. */
function skipArmourHeaders(text: string, at: number, limit: number, stop?: string): number {
  let i = at
  for (let headers = 0; headers < MAX_HEADERS; headers++) {
    if (stop !== undefined && text.startsWith(stop, i)) break
    const after = skipArmourHeader(text, i, limit)
    if (after < 0) break
    i = skipSeparators(text, after, limit)
  }
  return i
}

/** The base64 body that follows `from` (the end of an armour line), or null when there is none. */
export function keyBody(text: string, from: number): Span | null {
  const limit = Math.min(text.length, from + SCAN_LIMIT)
  let i = skipSeparators(text, from, limit)
  i = skipArmourHeaders(text, i, limit)
  const start = i
  let end = i
  let count = 0
  const seen = new Set<number>()
  while (i < limit) {
    const runStart = i
    while (i < limit && isBase64(text.charCodeAt(i))) seen.add(text.charCodeAt(i++))
    if (i === runStart) break
    count += i - runStart
    end = i
    i = skipSeparators(text, i, limit)
  }
  if (count < MIN_BODY || seen.size < MIN_DISTINCT) return null
  const body = text.slice(start, end)
  if (/EXAMPLE|[Ee]xample|XXXXXX|xxxxxx/.test(body)) return null
  return { start, end }
}

const OPENSSH_MAGIC = 'b3BlbnNzaC1rZXktdjE' // base64 of "openssh-key-v1"

/** An OpenSSH key body: base64 of the `openssh-key-v1` format. */
export function opensshBody(text: string, from: number): Span | null {
  const body = keyBody(text, from)
  return body && text.startsWith(OPENSSH_MAGIC, body.start) ? body : null
}

const PRIVATE_LINES = 'Private-Lines:'

/** A PuTTY key file's private lines: after its headers (`Encryption:`, `Comment:`, `Public-Lines:`)
 *  and public lines, `Private-Lines: N` then base64. The walk stops at anything else, so it never
 *  reads past its own block. */
export function puttyBody(text: string, from: number): Span | null {
  const limit = Math.min(text.length, from + SCAN_LIMIT)
  let i = skipArmourHeaders(text, skipSeparators(text, from, limit), limit, PRIVATE_LINES)
  while (i < limit && !text.startsWith(PRIVATE_LINES, i)) {
    const runStart = i
    while (i < limit && isBase64(text.charCodeAt(i))) i++
    if (i === runStart) return null
    i = skipSeparators(text, i, limit)
  }
  if (!text.startsWith(PRIVATE_LINES, i)) return null
  i += PRIVATE_LINES.length
  while (i < limit && (text.charCodeAt(i) === 32 || (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)))
    i++
  return keyBody(text, i)
}
