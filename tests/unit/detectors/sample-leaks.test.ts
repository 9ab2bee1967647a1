// The sample package's planted leaks: each must be found by scanContent on the leaky texts directly,
// at the right line and column, with secrets redacted.
import { describe, expect, test } from 'vitest'
import { redact } from '../../../src/core/detectors/index'
import type { Finding } from '../../../src/core/report/model'
import {
  AUTHOR_EMAIL,
  BUILD_PATHS,
  CODENAME,
  envFile,
  FLAG_NAMES,
  gitConfigFile,
  INTERNAL_HOSTS,
  leakySources,
  npmrcFile,
  privateKeyFile,
  sampleSecrets,
  TICKETS,
} from '../../../src/build/sample/leaks'
import { scanText } from './helpers'

const secrets = sampleSecrets()
const sources = leakySources(secrets)
const all = Object.entries(sources).flatMap(([path, text]) => scanText(path, text).map((f) => ({ f, text })))

/** The finding of `category` whose highlighted text contains `needle`. */
function findingFor(category: string, needle: string): { f: Finding; text: string } | undefined {
  return all.find(({ f, text }) => {
    if (f.category !== category) return false
    const line = text.split('\n')[f.line - 1]
    const start = f.column - 1
    const span = line.slice(start, start + f.length!)
    // A match of the needle in the highlighted span, or the span inside the needle.
    return span.includes(needle) || (span.length > 0 && needle.includes(span))
  })
}

describe('planted leaks of the sample package', () => {
  test('the GitHub token in src/net/endpoints.ts is a critical, redacted secret', () => {
    const hit = findingFor('secrets', secrets.githubToken)
    expect(hit?.f.rule).toBe('github-pat-classic')
    expect(hit?.f.severity).toBe('critical')
    expect(hit?.f.excerpt).toContain(redact(secrets.githubToken))
    expect(hit?.f.excerpt).not.toContain(secrets.githubToken)
  })

  test.each(INTERNAL_HOSTS.filter((h) => Object.values(sources).some((t) => t.includes(h))))(
    'internal host %s',
    (host) => {
      expect(findingFor('internal-endpoints', host)).toBeDefined()
    },
  )

  test('the staging admin URL is reported as staging/admin', () => {
    expect(findingFor('internal-endpoints', 'staging-admin.corp.acme.internal')?.f.rule).toBe(
      'staging-or-admin-url',
    )
  })

  test.each(FLAG_NAMES)('feature flag %s', (name) => {
    expect(findingFor('feature-flags', name)).toBeDefined()
  })

  test('the codename', () => {
    expect(findingFor('feature-flags', CODENAME)).toBeDefined()
  })

  test.each(TICKETS)('ticket key %s', (ticket) => {
    const inLeaky = Object.values(sources).some((t) => t.includes(ticket))
    if (inLeaky) expect(findingFor('internal-notes', ticket)).toBeDefined()
  })

  test('the author email and the TODO/FIXME notes', () => {
    expect(findingFor('internal-notes', AUTHOR_EMAIL)).toBeDefined()
    expect(findingFor('internal-notes', 'TODO')).toBeDefined()
    expect(findingFor('internal-notes', 'FIXME')).toBeDefined()
  })

  test('the absolute build path with the user name', () => {
    const hit = findingFor('build-environment', BUILD_PATHS[0])
    expect(hit?.f.rule).toBe('user-home-path-macos')
    expect(hit?.f.message).toContain('"jdoe"')
  })

  test('both prompts in src/prompts/system.ts', () => {
    const prompts = all.filter(({ f }) => f.category === 'ai-prompts')
    expect(prompts.map(({ f }) => f.line)).toEqual([2, 8])
  })

  test('credential files by content: .env secrets, .npmrc auth, the private key, git config email', () => {
    const env = scanText('package/.env', envFile(secrets))
    expect(env.map((f) => f.rule)).toEqual(
      expect.arrayContaining([
        'aws-access-key-id',
        'aws-secret-access-key',
        'postgres-connection-string',
        'internal-hostname',
      ]),
    )
    // The password@host of the connection string is not an email address.
    expect(env.filter((f) => f.category === 'internal-notes')).toEqual([])
    for (const f of env) {
      for (const value of [secrets.awsAccessKeyId, secrets.awsSecretAccessKey, secrets.dbPassword]) {
        expect(f.excerpt).not.toContain(value)
      }
    }
    const npmrc = scanText('package/.npmrc', npmrcFile(secrets))
    expect(npmrc.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['npm-token', 'npmrc-with-auth', 'internal-package-registry']),
    )
    expect(scanText('package/config/deploy/id_rsa', privateKeyFile()).map((f) => f.rule)).toContain(
      'private-key-pem',
    )
    const git = scanText('package/.git/config', gitConfigFile())
    expect(git.map((f) => f.rule)).toEqual(expect.arrayContaining(['email-in-config', 'internal-hostname']))
  })

  test('the test-fixture token is kept but marked and lowered', () => {
    const text = JSON.stringify({ github: secrets.testFixtureToken }, null, 2)
    const [f] = scanText('package/test/fixtures/credentials.json', text).filter(
      (x) => x.category === 'secrets',
    )
    expect(f).toMatchObject({ rule: 'github-pat-classic', severity: 'high', inTest: true })
  })
})
