// A finding's subject: the one thing its match names, alike at every place of it.
import { describe, expect, it } from 'vitest'
import { hostOf, promptOpening, subjectOf } from '../../../src/core/detectors/subject'
import { scanContent } from '../../../src/core/detectors'
import type { ExposedFile } from '../../../src/core/report/model'
import { githubToken } from '../../fixtures/lib/evasion-inputs'

const file = (path: string): ExposedFile => ({
  id: 0,
  path,
  origin: [],
  kind: 'first-party-source',
  bytes: 0,
  lines: 0,
  hasContent: true,
})

describe('subjectOf', () => {
  it('names the host of a URL, without scheme, user, port or path', () => {
    expect(hostOf('https://ci:pw@Artifactory.Corp.example-co.dev:8443/api?q=1')).toBe(
      'artifactory.corp.example-co.dev',
    )
    expect(subjectOf('private-ip', 'internal-endpoints', '10.0.0.1:3128', false)).toBe('10.0.0.1')
    expect(subjectOf('storage-bucket', 'internal-endpoints', 's3://acme-serve/reports/x', false)).toBe(
      'acme-serve',
    )
    expect(subjectOf('intranet-short-link', 'internal-endpoints', 'go/Taxonomy', false)).toBe('go/taxonomy')
  })

  it('names the user of a home path, and never a secret value', () => {
    expect(subjectOf('user-home-path-linux', 'build-environment', '/home/jbuilder/.cache/x', false)).toBe(
      'jbuilder',
    )
    expect(subjectOf('user-home-path-windows', 'build-environment', 'C:\\Users\\ci-bot\\work', false)).toBe(
      'ci-bot',
    )
    const token = githubToken(3)
    const subject = subjectOf('github-pat-classic', 'secrets', token, true)!
    expect(subject).not.toContain(token.slice(4, -4))
    expect(subject).toMatch(/^ghp_•+.{4}$/)
  })

  it('reads a prompt in the bundle and in its source alike', () => {
    const source = 'You are a careful assistant.\nAnswer the ${userName} briefly, then stop.'
    const bundled = '"You are a careful assistant.\\nAnswer the ${K} briefly, then stop."'
    expect(promptOpening(bundled)).toBe(promptOpening(source))
    expect(promptOpening(source)).toBe('You are a careful assistant. Answer the … briefly, then stop')
  })

  it('is set on the findings the detectors make', () => {
    const text = [
      `const A = 'https://deploy.corp.example-co.dev/api'`,
      `if (feature('KAIROS')) go()`,
      `const T = '${githubToken(4)}'`,
    ].join('\n')
    const subjects = scanContent(file('src/a.ts'), text).map((f) => [f.rule, f.subject])
    expect(subjects).toContainEqual(['compile-time-feature-gate', 'KAIROS'])
    expect(subjects.find(([rule]) => rule === 'github-pat-classic')?.[1]).toMatch(/^ghp_•+/)
    expect(subjects.some(([, s]) => s === 'deploy.corp.example-co.dev')).toBe(true)
  })
})
