// Secret rules for passwords in database and other connection URLs, and JSON Web Tokens. Same shape
// and conventions as the other rules/secrets-*.ts files; rules/secrets.ts runs them all in its order.
import { decodeBase64Url } from '../text-utils'
import { END, t, type SecretSpec } from './secret-spec'

export const CONNECTION_SECRET_SPECS: SecretSpec[] = [
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
    // Every match holds `.eyJ` (its second segment); a bare `eyJ` is in many texts (`keyJson`).
    keywords: ['.eyj'],
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
]

/** A password that only names its own field, as in documentation and tests. */
const PLACEHOLDER_PASSWORD = /^(?:password|passwd|pass|pwd|secret|token|\d+)$/i
function realPassword(value: string): boolean {
  return !PLACEHOLDER_PASSWORD.test(value)
}
