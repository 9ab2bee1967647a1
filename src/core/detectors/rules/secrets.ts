// Secret rules, reviewable in one place with rules/secrets-services.ts (hosted services, spliced in
// below). Each rule: id, title, severity, keywords for the prefilter
// (every match contains one, compared case-insensitively), one global regex whose group `v` is the
// secret value, and optional checks (entropy in bits/char, validate). Placeholders are rejected for
// every rule (see isPlaceholder). Order matters: when matches overlap, the earlier rule wins, so
// specific formats come first and the generic assignment rule last.
import type { PatternRule } from '../engine'
import { decodeBase64Url } from '../text-utils'
import { keyBody, opensshBody, puttyBody } from './key-blocks'
import { assigned, END, t, toSecretRule, type SecretSpec } from './secret-spec'
import { SERVICE_SECRET_SPECS } from './secrets-services'

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

const SECRET_SPECS: SecretSpec[] = [
  // --- Private keys -------------------------------------------------------------------------------
  // Each regex matches the armour line only; the body after it is read by rules/key-blocks.ts, and
  // the finding is placed on the armour line.
  {
    id: 'private-key-pem',
    title: 'PEM private key',
    severity: 'critical',
    keywords: ['private key-----'],
    pattern: t(`-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----`),
    valueAfter: keyBody,
  },
  {
    id: 'private-key-openssh',
    title: 'OpenSSH private key',
    severity: 'critical',
    keywords: ['openssh private key'],
    pattern: t(`-----BEGIN OPENSSH PRIVATE KEY-----`),
    valueAfter: opensshBody,
  },
  {
    id: 'private-key-pgp',
    title: 'PGP private key block',
    severity: 'critical',
    keywords: ['pgp private key block'],
    pattern: t(`-----BEGIN PGP PRIVATE KEY BLOCK-----`),
    valueAfter: keyBody,
  },
  {
    id: 'private-key-putty',
    title: 'PuTTY private key',
    severity: 'critical',
    keywords: ['putty-user-key-file'],
    pattern: t(`PuTTY-User-Key-File-\\d: [\\w-]{1,40}`),
    valueAfter: puttyBody,
  },
  {
    id: 'private-key-pkcs8-unarmoured',
    title: 'RSA private key (PKCS#8, base64 without armour)',
    severity: 'critical',
    keywords: ['ibadanbgkqhkig9w0baqefaas'],
    // The DER prefix of an RSA PrivateKeyInfo (version 0, rsaEncryption) and a key-sized run after it.
    pattern: t(
      `(?<![A-Za-z0-9+/])(?<v>MII[A-Za-z0-9+/]{3}IBADANBgkqhkiG9w0BAQEFAAS[A-Za-z0-9+/]{600,}={0,2})`,
    ),
    // Random base64 (about 6 bits per character) can spell a placeholder word by chance.
    rejectPlaceholders: false,
    minEntropy: 5,
  },
  {
    id: 'age-secret-key',
    title: 'age encryption secret key',
    severity: 'critical',
    keywords: ['age-secret-key-1'],
    pattern: t(`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${END}`),
  },
  // --- Cloud providers ----------------------------------------------------------------------------
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'critical',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: t(`\\b(?<v>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${END}`),
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    keywords: ['aws_secret', 'awssecret', 'secretaccesskey', 'secret_access_key', 'aws-secret'],
    pattern: assigned(
      'aws_?secret_?access_?key|aws-secret-access-key|secretAccessKey|aws_?secret',
      '[A-Za-z0-9/+]{40}',
    ),
    minEntropy: 4,
  },
  {
    id: 'aws-mws-key',
    title: 'Amazon MWS auth token',
    severity: 'high',
    keywords: ['amzn.mws.'],
    pattern: t(`\\b(?<v>amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b`),
  },
  {
    id: 'gcp-api-key',
    title: 'Google API key (GCP, Firebase, Gemini, Maps)',
    severity: 'high',
    keywords: ['aiza'],
    pattern: t(`\\b(?<v>AIza[0-9A-Za-z_-]{35})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key',
    severity: 'critical',
    keywords: ['private_key_id'],
    pattern: t(`"private_key_id"\\s*:\\s*"(?<v>[0-9a-f]{40})"`),
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    severity: 'high',
    keywords: ['gocspx-'],
    pattern: t(`\\b(?<v>GOCSPX-[0-9A-Za-z_-]{28})${END}`),
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    severity: 'high',
    keywords: ['ya29.'],
    pattern: t(`\\b(?<v>ya29\\.[0-9A-Za-z_-]{40,})${END}`),
    minEntropy: 4,
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure storage account key',
    severity: 'critical',
    keywords: ['accountkey='],
    pattern: t(`AccountKey=(?<v>[A-Za-z0-9+/]{86}==)`),
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    severity: 'high',
    keywords: ['sig='],
    pattern: t(
      `[?&]sv=\\d{4}-\\d\\d-\\d\\d&[^\\s"'\`]{0,1000}?\\bsig=(?<v>[A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})`,
    ),
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Azure AD client secret',
    severity: 'high',
    keywords: ['q~'],
    pattern: t(`(?<![A-Za-z0-9_~.-])(?<v>[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'digitalocean-token',
    title: 'DigitalOcean token',
    severity: 'critical',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: t(`\\b(?<v>do[opr]_v1_[a-f0-9]{64})${END}`),
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    severity: 'high',
    keywords: ['heroku', 'hrku-'],
    pattern: t(
      `(?:\\b(?<v>HRKU-[A-Za-z0-9_-]{60})${END})|(?:heroku[\\w.-]{0,20}(?:key|token|secret)["']?\\s*[:=]\\s*["']?(?<v2>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))`,
      'gi',
    ),
  },
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token',
    severity: 'high',
    keywords: ['cloudflare', 'cf_api', 'cf-api'],
    pattern: assigned(
      'cloudflare[\\w.-]{0,20}(?:token|key)|cf[_-]api[_-]?(?:token|key)',
      '[A-Za-z0-9_-]{40}',
    ),
    minEntropy: 3.8,
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare origin CA key',
    severity: 'high',
    keywords: ['v1.0-'],
    pattern: t(`\\b(?<v>v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${END}`),
  },
  {
    id: 'vercel-token',
    title: 'Vercel access token',
    severity: 'high',
    keywords: ['vercel'],
    pattern: assigned('vercel[\\w.-]{0,20}token', '[A-Za-z0-9]{24}'),
    minEntropy: 3.8,
  },
  {
    id: 'netlify-token',
    title: 'Netlify access token',
    severity: 'high',
    keywords: ['netlify', 'nfp_'],
    pattern: t(
      `(?:\\b(?<v>nfp_[A-Za-z0-9]{36})${END})|(?:netlify[\\w.-]{0,20}(?:token|key)["']?\\s*[:=]\\s*["']?(?<v2>[A-Za-z0-9_-]{40,46})${END})`,
      'gi',
    ),
    minEntropy: 3.8,
  },
  {
    id: 'supabase-token',
    title: 'Supabase access or secret key',
    severity: 'critical',
    keywords: ['sbp_', 'sb_secret_'],
    pattern: t(`\\b(?<v>sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,})${END}`),
  },
  {
    id: 'firebase-cloud-messaging-key',
    title: 'Firebase Cloud Messaging server key',
    severity: 'high',
    keywords: ['aaaa'],
    pattern: t(`\\b(?<v>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})${END}`),
  },
  {
    id: 'doppler-token',
    title: 'Doppler token',
    severity: 'high',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: t(`\\b(?<v>dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44})${END}`),
  },
  {
    id: 'vault-token',
    title: 'HashiCorp Vault token',
    severity: 'critical',
    keywords: ['hvs.', 'hvb.'],
    pattern: t(`\\b(?<v>hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300})${END}`),
  },
  {
    id: 'terraform-cloud-token',
    title: 'Terraform Cloud API token',
    severity: 'high',
    keywords: ['.atlasv1.'],
    pattern: t(`\\b(?<v>[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})${END}`),
  },
  // --- Source hosts and package registries --------------------------------------------------------
  {
    id: 'github-pat-classic',
    title: 'GitHub personal access token (classic)',
    severity: 'critical',
    keywords: ['ghp_'],
    pattern: t(`\\b(?<v>ghp_[A-Za-z0-9]{36})${END}`),
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    severity: 'critical',
    keywords: ['github_pat_'],
    pattern: t(`\\b(?<v>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${END}`),
  },
  {
    id: 'github-oauth-token',
    title: 'GitHub OAuth access token',
    severity: 'critical',
    keywords: ['gho_'],
    pattern: t(`\\b(?<v>gho_[A-Za-z0-9]{36})${END}`),
  },
  {
    id: 'github-app-token',
    title: 'GitHub App token',
    severity: 'critical',
    keywords: ['ghu_', 'ghs_'],
    pattern: t(`\\b(?<v>gh[us]_[A-Za-z0-9]{36})${END}`),
  },
  {
    id: 'github-refresh-token',
    title: 'GitHub refresh token',
    severity: 'critical',
    keywords: ['ghr_'],
    pattern: t(`\\b(?<v>ghr_[A-Za-z0-9]{36,76})${END}`),
  },
  {
    id: 'gitlab-token',
    title: 'GitLab access token',
    severity: 'critical',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'gloas-', 'glcbt-', 'glptt-'],
    pattern: t(`\\b(?<v>(?:glpat|gldt|glrt|gloas|glcbt)-[A-Za-z0-9_-]{20,64}|glptt-[0-9a-f]{40})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password',
    severity: 'high',
    keywords: ['atbb'],
    pattern: t(`\\b(?<v>ATBB[A-Za-z0-9_=.-]{32})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    severity: 'high',
    keywords: ['atatt3'],
    pattern: t(`\\b(?<v>ATATT3[A-Za-z0-9_=-]{180,192})${END}`),
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    severity: 'critical',
    keywords: ['npm_'],
    pattern: t(`\\b(?<v>npm_[A-Za-z0-9]{36})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'npmrc-auth',
    title: 'npm registry credential in .npmrc syntax',
    severity: 'critical',
    keywords: ['_authtoken', '_auth', '_password'],
    pattern: t(
      `(?:^|[\\s"'\`/:])(?:_authToken|_auth|_password)\\s*=\\s*["']?(?<v>[A-Za-z0-9+/=_.:-]{16,})`,
      'gm',
    ),
    minEntropy: 3.5,
  },
  {
    id: 'pypi-token',
    title: 'PyPI API token',
    severity: 'critical',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: t(`\\b(?<v>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})${END}`),
  },
  {
    id: 'rubygems-token',
    title: 'RubyGems API key',
    severity: 'critical',
    keywords: ['rubygems_'],
    pattern: t(`\\b(?<v>rubygems_[0-9a-f]{48})${END}`),
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet API key',
    severity: 'high',
    keywords: ['oy2'],
    pattern: t(`\\b(?<v>oy2[a-z0-9]{43})${END}`),
    minEntropy: 3.8,
    validate: (v) => /\d/.test(v.slice(3)),
  },
  {
    id: 'dockerhub-pat',
    title: 'Docker Hub personal access token',
    severity: 'high',
    keywords: ['dckr_pat_'],
    pattern: t(`\\b(?<v>dckr_pat_[A-Za-z0-9_-]{27})${END}`),
  },
  {
    id: 'postman-api-key',
    title: 'Postman API key',
    severity: 'high',
    keywords: ['pmak-'],
    pattern: t(`\\b(?<v>PMAK-[a-f0-9]{24}-[a-f0-9]{34})${END}`),
  },
  ...SERVICE_SECRET_SPECS,
  // --- Databases and URLs -------------------------------------------------------------------------
  {
    id: 'postgres-connection-string',
    title: 'PostgreSQL connection string with password',
    severity: 'critical',
    keywords: ['postgres'],
    pattern: t(`\\bpostgres(?:ql)?://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
    validate: realPassword,
  },
  {
    id: 'mysql-connection-string',
    title: 'MySQL connection string with password',
    severity: 'critical',
    keywords: ['mysql', 'mariadb'],
    pattern: t(`\\b(?:mysql|mysqlx|mariadb)://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
    validate: realPassword,
  },
  {
    id: 'mongodb-connection-string',
    title: 'MongoDB connection string with password',
    severity: 'critical',
    keywords: ['mongodb'],
    pattern: t(`\\bmongodb(?:\\+srv)?://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
    validate: realPassword,
  },
  {
    id: 'redis-connection-string',
    title: 'Redis connection string with password',
    severity: 'high',
    keywords: ['redis'],
    pattern: t(`\\brediss?://[^\\s:/@'"\`]{0,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
    validate: realPassword,
  },
  {
    id: 'amqp-connection-string',
    title: 'AMQP connection string with password',
    severity: 'high',
    keywords: ['amqp'],
    pattern: t(`\\bamqps?://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
    validate: realPassword,
  },
  {
    id: 'password-in-url',
    title: 'Password in a URL',
    severity: 'high',
    keywords: ['://'],
    pattern: t(
      `://[^\\s:/@'"\`<>(){}\\[\\]]{1,64}:(?<v>[^\\s@/'"\`<>(){}\\[\\]]{3,128})@[a-z0-9-]+(?:\\.[a-z0-9-]+)+`,
      'gi',
    ),
    // `anonymous` logs in without an account (its "password" is an address by convention).
    validate: (v, m) => realPassword(v) && !/^:\/\/anonymous:/i.test(m[0]),
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    keywords: ['eyj'],
    // Tried once per run of token characters (where the run starts), and only when the run is
    // followed by the rest of a token: a run holding many `eyJ` would otherwise be scanned to its end
    // from each of them. The match is the same: the first segment runs to the end of the run, so the
    // leftmost `eyJ` with 8 characters after it is where the plain pattern would have matched.
    pattern: t(
      `(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}${END})[A-Za-z0-9_-]*?\\b(?<v>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})${END}`,
    ),
    // The JWT documentation's sample token (subject "1234567890", name "John Doe") is an example.
    validate: (v) => {
      const [header, payload] = v.split('.', 2).map(decodeBase64Url)
      return /"alg"/.test(header) && !/"sub"\s*:\s*"1234567890"|"name"\s*:\s*"John Doe"/.test(payload)
    },
  },
  // --- Generic: last, so any specific rule above wins on overlap -----------------------------------
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

/** A password that only names its own field, as in documentation and tests. */
const PLACEHOLDER_PASSWORD = /^(?:password|passwd|pass|pwd|secret|token|\d+)$/i
function realPassword(value: string): boolean {
  return !PLACEHOLDER_PASSWORD.test(value)
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

export const SECRET_RULES: readonly PatternRule[] = SECRET_SPECS.map(toSecretRule)
