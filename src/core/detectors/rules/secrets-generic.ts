// Generic secret rules: a high-entropy value assigned to a secret-like name, in code and in env/INI
// files. rules/secrets.ts runs them last, so any specific rule wins where matches overlap.
import { t, type SecretSpec } from './secret-spec'

const SECRET_NAMES = 'secret|token|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|private[_-]?key|credentials?'
const SECRET_NAME_KEYWORDS = [
  'secret',
  'token',
  'password',
  'passwd',
  'pwd',
  'apikey',
  'api_key',
  'api-key',
  'access_key',
  'accesskey',
  'access-key',
  'private_key',
  'privatekey',
  'private-key',
  'credential',
]

export const GENERIC_SECRET_SPECS: SecretSpec[] = [
  {
    id: 'generic-secret-assignment',
    title: 'High-entropy value assigned to a secret-like name',
    severity: 'medium',
    keywords: SECRET_NAME_KEYWORDS,
    // Each match opens with SECRET_NAMES, each of whose words is a keyword.
    anchored: true,
    // Quoted values anywhere: `clientSecret = "…"`, `"api_key": "…"`, `password: '…'`.
    pattern: t(
      `(?:${SECRET_NAMES})[A-Za-z0-9_]{0,20}["']?\\s*(?:[:=]|:=|=>)\\s*(?<q>["'\`])(?<v>[A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})\\k<q>`,
      'gi',
    ),
    minEntropy: 3.7,
    validate: (v, m) => looksRandom(v) && !NOT_SECRET_TOKEN_NAME.test(nameAt(m)),
  },
  {
    id: 'token-id-env-assignment',
    title: 'Token or key id of a credential pair (env/INI style)',
    severity: 'medium',
    keywords: ['token_id', 'key_id'],
    // `MUX_TOKEN_ID=…`, `API_KEY_ID=…`: half of an id/secret pair, as a whole `NAME=value` line. The
    // id alone grants nothing, but it names the account the secret beside it opens; UUIDs count.
    pattern: t(
      `^[ \\t]*(?:export[ \\t]+)?[A-Za-z0-9_]{0,30}(?:token|key)_id[ \\t]*=[ \\t]*["']?(?<v>[A-Za-z0-9-]{16,64})["']?[ \\t]*\\r?$`,
      'gim',
    ),
    appliesTo: 'non-code',
    minEntropy: 3,
    validate: (v) => /\d/.test(v) && /[A-Za-z]/.test(v),
  },
  {
    id: 'generic-secret-env-assignment',
    title: 'High-entropy value assigned to a secret-like name (env/INI style)',
    severity: 'medium',
    keywords: SECRET_NAME_KEYWORDS,
    // Unquoted values only as a whole `NAME=value` line, as in .env, INI and properties files; in
    // code an unquoted right-hand side is an expression, not a value.
    pattern: t(
      `^[ \\t]*(?:export[ \\t]+)?[A-Za-z0-9_.-]*(?:${SECRET_NAMES})[A-Za-z0-9_.-]{0,20}[ \\t]*[=:][ \\t]*(?<v>[A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})[ \\t]*\\r?$`,
      'gim',
    ),
    appliesTo: 'non-code',
    minEntropy: 3.7,
    validate: looksRandom,
  },
]

/** Tokens that are identifiers or cursors, not credentials: push device tokens, page cursors, CSRF nonces. */
const NOT_SECRET_TOKEN_NAME = /(?:device|push|continuation|next|page|cursor|csrf|xsrf|sync)_?token/i

/** The whole identifier the match's name belongs to (`deviceToken` for a match at `Token`). */
function nameAt(m: RegExpExecArray): string {
  let from = m.index
  while (from > 0 && m.index - from < 40 && /[A-Za-z0-9_$]/.test(m.input[from - 1])) from--
  const rest = /^[A-Za-z0-9_$]*/.exec(m[0])![0]
  return m.input.slice(from, m.index) + rest
}

/** A value shaped like generated credentials: letters and digits mixed, not a word, path, URL or version. */
function looksRandom(value: string): boolean {
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false
  if (/^[a-z]+(?:[A-Z][a-z]+)+\d*$/.test(value)) return false // camelCase identifier
  if (/^[\w-]+\.[\w-]+\.(?:js|ts|json|css|html|svg|png)$/i.test(value)) return false
  if (/^(?:[a-z]+[_.-])+[a-z0-9]+$/i.test(value) && !/[A-Z].*\d|\d.*[A-Z]/.test(value)) return false
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false // UUID
  if (/^(?:\/[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*)+\/?$/.test(value)) return false // URL path: /v2/somePath
  if (/^[a-z]{3,}(?:\.\$?[A-Za-z0-9]{1,16}){1,5}$/.test(value)) return false // scope name: string.$S2.delim
  return true
}
