// A finding's subject: the one thing its match names, normalized so that every place of that thing
// names it alike — a host (not the URL), a flag name, a user name (not the path), a ticket key, an
// e-mail address. Exposures (report/exposures.ts) group places by it and show it in their titles.
// A secret's subject is its redaction (`pubb••••99bf`), never the value.
import type { Category } from '../report/model'
import { redact } from './redact'

/** Longest subject kept, in UTF-16 code units. */
const MAX_SUBJECT = 120

const SCHEME = /^[a-z][a-z0-9+.-]{0,20}:\/\//i
const USER_IN_PATH = /(?:^|[/\\])(?:Users|home)[/\\]+([^/\\]+)/i

/** The host of a URL, host name or `host:port` (lowercased, without user info, port or path). */
export function hostOf(value: string): string {
  const rest = value.replace(SCHEME, '')
  const afterUser = rest.slice(rest.lastIndexOf('@', rest.search(/[/?#]|$/)) + 1)
  return afterUser.split(/[/:?#\s'"`\\]/, 1)[0].toLowerCase()
}

/** A fresh copy of `s`: a slice of a large text would keep the whole text alive while the finding is. */
const flat = (s: string): string => (s.length > 0 ? JSON.parse(JSON.stringify(s.slice(0, MAX_SUBJECT))) : s)

/** The subject of a match of `rule` whose matched text is `value`; undefined when the match names
 *  no single thing (a prompt, a work note: those are grouped by where they are). */
export function subjectOf(
  rule: string,
  category: Category,
  value: string,
  secret: boolean,
): string | undefined {
  if (secret || category === 'secrets') return redact(value)
  switch (category) {
    case 'internal-endpoints':
      if (rule === 'intranet-short-link' || rule === 'internal-depot-path') return flat(value.toLowerCase())
      return flat(hostOf(value))
    case 'feature-flags':
      return flat(value)
    case 'build-environment': {
      if (/^user-home-path-/.test(rule)) return flat(USER_IN_PATH.exec(value)?.[1] ?? value)
      // A CI runner's or build machine's folder: its first three segments say which one.
      const parts = value.split(/[/\\]/)
      return flat(parts.slice(0, value.startsWith('/') ? 4 : 3).join('/'))
    }
    case 'internal-notes':
      if (rule === 'work-note-comment') return undefined
      // E-mail addresses are case-blind; ticket keys and names are not.
      return flat(/email/.test(rule) ? value.toLowerCase() : value.trim())
    case 'ai-prompts':
      return flat(promptOpening(value))
    default:
      return undefined
  }
}

/** Characters of a prompt's opening kept as its subject: enough to tell prompts apart, few enough
 *  that a bundle's copy cut at another place still has them all. */
const PROMPT_OPENING = 60

/** A prompt's first words as a reader sees them, the same in a source and in the bundle built from
 *  it: escapes (`\n`) and line breaks are spaces, an interpolation `${…}` (renamed by a minifier) is
 *  `…`, quotes around it are dropped, runs of spaces are one. */
export function promptOpening(prompt: string): string {
  return prompt
    .slice(0, PROMPT_OPENING * 4)
    .replace(/\\[nrt]/g, ' ')
    .replace(/\$\{[^}]{0,80}\}/g, '…')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[\s'"`]+/, '')
    .slice(0, PROMPT_OPENING)
    .trimEnd()
}
