// Small text helpers shared by the detectors.

/** Decodes base64url (or base64) to a latin-1 string; '' when it is not valid base64. */
export function decodeBase64Url(value: string): string {
  const b64 = value.replace(/-/g, '+').replace(/_/g, '/')
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4)
  try {
    return atob(padded)
  } catch {
    return ''
  }
}

/** `text` as a regular expression matching it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Path of a file's last segment, lowercased. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1).toLowerCase()

const CODE_EXTENSIONS =
  /\.(?:[cm]?[jt]sx?|vue|svelte|astro|py|rb|go|rs|java|kt|kts|scala|swift|c|cc|cpp|h|hpp|cs|php|lua|dart|sh|bash|zsh|ps1|r|pl|groovy|gradle)$/i

/** True for program source (where comments and string literals mean something). */
export const isCodePath = (path: string): boolean => CODE_EXTENSIONS.test(path)

/** Longest stretch `lineBefore` looks back (a minified line can be megabytes long). */
const LOOK_BACK = 1000

/** The text of the line holding `offset`, from its start (at most LOOK_BACK back) up to `offset`. */
export function lineBefore(text: string, offset: number): string {
  const window = text.slice(Math.max(0, offset - LOOK_BACK), offset)
  return window.slice(window.lastIndexOf('\n') + 1)
}

/** True when `offset` sits in a comment, judged on its line: the line opens a comment (`//`, `/*`, `*`,
 *  `#`) or a `//` comment began before it. A cheap, line-local test (a `//` inside a string before the
 *  offset also counts), meant for lowering or dropping hits, never for finding them. */
export function inComment(text: string, offset: number): boolean {
  const before = lineBefore(text, offset)
  return /^\s*(?:\/\/|\/\*|\*|#(?![!{]))/.test(before) || /(?:^|[\s;,)}])\/\/(?!\/)/.test(before)
}
