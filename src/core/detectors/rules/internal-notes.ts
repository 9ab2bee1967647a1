// Internal-notes rules: work notes left in comments (TODO/FIXME/HACK/XXX), issue-tracker keys,
// people's emails and author names. The comment rules run on comment bodies only (internal-notes.ts
// finds them), so a string "xxx" or an identifier like UTF-8 in code is not a note.
import type { PatternRule } from '../engine'

// Upper-case prefixes that look like ticket keys but name standards, encodings, algorithms, public
// proposal series (SEP, KEP, EIP, BIP) and terminal control sequences (SGR-7, OSC-52).
const NOT_TICKETS = new Set(
  (
    'UTF ISO SHA AES RSA DES CVE CWE GHSA GPL LGPL AGPL MPL BSD TLS SSL ECMA RFC ES IE HTTP HTML CSS MD X U API ' +
    'IPV RGB RGBA ARGB HSL WCAG PEP JSR JEP KB GB MB ARM AMD INT UINT FLOAT PKCS ED CP WIN IEEE ANSI POSIX NIST ' +
    'FIPS OWASP MAC NODE HMAC SHA3 BLAKE ECDSA CRC ASCII BASE UCS LATIN WINDOWS IBM EUC KOI GBK TIS MIT ISBN ' +
    'TC FNV DH EC P JIS SJIS BIG KS VT XTERM ANSI RTL LTR H E V R L T ID SEC Q MS RE NO EN DE FR JA ZH ' +
    'GMT UTC MPEG GPT SEP KEP EIP ERC BIP SGR OSC CSI DCS BCP LRU'
  ).split(' '),
)
const NOREPLY_EMAIL =
  /noreply|no-reply|do-not-reply|donotreply|@(?:[\w-]+\.)*(?:example|test|invalid|localhost|domain|email|mail|yourcompany|company|acme|evil|attacker)\.(?:com|org|net)$|@example\.|\.(?:example|test|invalid|localhost|local)$|@localhost|@users\.noreply\.|\.(?:png|jpe?g|gif|svg|webp|js|ts|css|map)$/i
/** The local part is taken whole, never given back (a lookahead's capture matched again): only the
 *  whole run can be followed by `@`, and trying each shorter one cost a fifth more on the release. */
const EMAIL = `(?=(?<local>[A-Za-z0-9._%+-]{1,64}))\\k<local>@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}\\b`

/** After an address: `user@host:owner/repo.git` is a git remote over SSH, not an e-mail. */
const NOT_SSH_REMOTE = '(?![:][\\w~./-])'

/** Emails of people: not no-reply, documentation or placeholder addresses (`my-service-account@…`),
 *  nor `git@host`. */
export const isPersonalEmail = (email: string): boolean =>
  !NOREPLY_EMAIL.test(email) &&
  !/^(?:git|user|name|you|your\.?name|someone|me|[0-9a-f]{32})@|^(?:my|your)[-_.]/i.test(email)

/** Words that make a comment line an attribution: a copyright, licence or author line credits its
 *  author by name and e-mail on purpose, for everyone who reads the code. */
const ATTRIBUTION =
  /copyright|\(c\)|©|licen[cs]e|\bauthors?\b|written by|maintainers?\b|developed by|contributed by|based on|ported by|thanks to/i
/** How far before an e-mail, on its line, the attribution words are looked for. */
const ATTRIBUTION_REACH = 200

/** True when the e-mail matched by `m` (in a comment body) sits on an attribution line. */
export function isAttribution(m: RegExpExecArray): boolean {
  const from = Math.max(0, m.index - ATTRIBUTION_REACH)
  const before = m.input.slice(from, m.index)
  return ATTRIBUTION.test(before.slice(before.lastIndexOf('\n') + 1))
}

export const INTERNAL_NOTE_RULES: readonly PatternRule[] = [
  {
    id: 'work-note-comment',
    category: 'internal-notes',
    title: 'TODO/FIXME/HACK/XXX comment',
    severity: 'info',
    keywords: ['todo', 'fixme', 'hack', 'xxx'],
    pattern: /^[\s*!#/-]{0,8}(?<v>TODO|FIXME|HACK|XXX)(?![\w-])/gm,
    message: 'A work note in a comment reveals known problems and unfinished work.',
  },
  {
    id: 'ticket-key-comment',
    category: 'internal-notes',
    title: 'Issue-tracker key in a comment',
    severity: 'low',
    keywords: [],
    pattern: /(?<![\w-])(?<v>(?<key>[A-Z][A-Z0-9]{1,9})-[1-9]\d{0,5})\b(?![.-]\d)/g,
    // `IE6-9`, `H264-…`: a key ending in a digit is a version or a standard, not a project.
    validate: (_v, m) => !NOT_TICKETS.has(m.groups!.key) && !/^[A-Z]\d|\d$/.test(m.groups!.key),
    message: (v) => `The ticket key ${v} in a comment names an internal issue tracker project.`,
  },
  {
    id: 'email-in-comment',
    category: 'internal-notes',
    title: 'Email address in a comment',
    severity: 'low',
    keywords: ['@'],
    pattern: new RegExp(`(?<![\\w.%+:/-])(?<v>${EMAIL})${NOT_SSH_REMOTE}`, 'g'),
    validate: (v, m) => isPersonalEmail(v) && !isAttribution(m),
    message: 'A person’s email address in a comment identifies who works on the code.',
  },
  {
    id: 'attribution-email-in-comment',
    category: 'internal-notes',
    title: 'Email address in a copyright or author line',
    severity: 'info',
    keywords: ['@'],
    pattern: new RegExp(`(?<![\\w.%+:/-])(?<v>${EMAIL})${NOT_SSH_REMOTE}`, 'g'),
    validate: (v, m) => isPersonalEmail(v) && isAttribution(m),
    message: 'An author credited by e-mail in a copyright or author line: published on purpose.',
  },
  {
    id: 'author-in-comment',
    category: 'internal-notes',
    title: 'Author name in a comment',
    severity: 'info',
    keywords: ['@author', 'author:', 'written by', 'maintainer:', 'contributed by'],
    pattern:
      /(?:@author|\bAuthor:|\b[Ww]ritten by|\bMaintainer:|\b[Cc]ontributed by)[ \t]+(?<v>[A-Z][\w'.-]+(?:[ \t][A-Z][\w'.-]+){0,3})/g,
    message: 'An author name in a comment identifies who works on the code.',
  },
]

/** Emails in configuration files (git config, .npmrc, YAML/INI), where they are values, not comments. */
export const CONFIG_EMAIL_RULE: PatternRule = {
  id: 'email-in-config',
  category: 'internal-notes',
  title: 'Email address in a configuration file',
  severity: 'low',
  keywords: ['@'],
  pattern: new RegExp(`(?<![\\w.%+:/-])(?<v>${EMAIL})`, 'g'),
  validate: isPersonalEmail,
  message: 'A person’s email address in a configuration file identifies who builds the artifact.',
}
