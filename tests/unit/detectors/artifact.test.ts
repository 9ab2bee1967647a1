// scanArtifact: findings about the file list as a whole (source exposure, credential file names,
// build paths in map source names), each rule with positive and negative cases.
import { describe, expect, test } from 'vitest'
import { scanArtifact } from '../../../src/core/detectors/index'
import type { ExposedFile, Kind } from '../../../src/core/report/model'

let nextId = 0
function file(path: string, origin: string[], kind: Kind, extra: Partial<ExposedFile> = {}): ExposedFile {
  return { id: nextId++, path, origin, kind, bytes: 100, lines: 10, hasContent: true, ...extra }
}
const rules = (files: ExposedFile[]) => scanArtifact(files).map((f) => f.rule)
const TGZ = ['pkg.tgz']
const MAP_ORIGIN = [...TGZ, 'package/dist/cli.js.map']

describe('source exposure', () => {
  test('a map with first-party sourcesContent is critical and counts files and lines', () => {
    const files = [
      file('package/dist/cli.js', TGZ, 'bundle'),
      file('package/dist/cli.js.map', TGZ, 'source-map', { container: 'source-map' }),
      file('src/a.ts', MAP_ORIGIN, 'first-party-source', { lines: 120 }),
      file('src/b.ts', MAP_ORIGIN, 'first-party-source', { lines: 30 }),
      file('node_modules/x/index.js', MAP_ORIGIN, 'third-party-source', { lines: 999 }),
    ]
    const [f] = scanArtifact(files).filter((x) => x.rule === 'map-embeds-first-party-sources')
    expect(f).toMatchObject({
      severity: 'critical',
      path: 'package/dist/cli.js.map',
      origin: TGZ,
      line: 0,
      column: 0,
    })
    expect(f.message).toContain('2 first-party source files (150 lines)')
  })

  test('a map that only names first-party sources is high; third-party-only maps are quiet', () => {
    const named = [
      file('package/dist/cli.js.map', TGZ, 'source-map', { container: 'source-map' }),
      file('src/a.ts', MAP_ORIGIN, 'first-party-source', { hasContent: false, lines: 0 }),
    ]
    expect(scanArtifact(named).find((x) => x.rule === 'map-lists-first-party-sources')?.severity).toBe('high')
    const vendorOnly = [
      file('package/dist/cli.js.map', TGZ, 'source-map', { container: 'source-map' }),
      file('node_modules/x/index.js', MAP_ORIGIN, 'third-party-source'),
    ]
    expect(rules(vendorOnly)).toEqual([])
  })

  test('raw first-party sources next to a bundle, but not without one', () => {
    const withBundle = [
      file('package/dist/cli.js', TGZ, 'bundle'),
      file('package/src/a.ts', TGZ, 'first-party-source'),
    ]
    expect(rules(withBundle)).toContain('raw-sources-next-to-bundle')
    expect(rules([file('package/src/a.ts', TGZ, 'first-party-source')])).not.toContain(
      'raw-sources-next-to-bundle',
    )
  })

  test('sourceMappingURL to an internal host is high, to a public host info, resolved maps nothing', () => {
    const internal = file('package/dist/t.js', TGZ, 'bundle', {
      mapResolution: 'external',
      sourceMappingURL: 'https://maps.acme.internal/t.js.map',
    })
    const pub = file('package/dist/u.js', TGZ, 'bundle', {
      mapResolution: 'external',
      sourceMappingURL: 'https://cdn.jsdelivr.net/npm/u/u.js.map',
    })
    const sibling = file('package/dist/v.js', TGZ, 'bundle', {
      mapResolution: 'sibling',
      sourceMappingURL: 'v.js.map',
    })
    const found = scanArtifact([internal, pub, sibling])
    expect(found.find((f) => f.path === 'package/dist/t.js')).toMatchObject({
      rule: 'source-map-url-internal-host',
      severity: 'high',
    })
    expect(found.find((f) => f.path === 'package/dist/u.js')).toMatchObject({
      rule: 'source-map-url-external',
      severity: 'info',
    })
    expect(found.find((f) => f.path === 'package/dist/v.js')).toBeUndefined()
  })

  test('.git/ contents are one finding per container', () => {
    const files = [
      file('package/.git/config', TGZ, 'other'),
      file('package/.git/HEAD', TGZ, 'other'),
      file('package/.github/workflows/ci.yml', TGZ, 'config'),
    ]
    const vcs = scanArtifact(files).filter((f) => f.rule === 'vcs-directory')
    expect(vcs).toHaveLength(1)
    expect(vcs[0].message).toContain('2 files of a .git/ folder')
  })
})

describe('credential files by name', () => {
  test.each([
    ['package/.env', 'dotenv-file'],
    ['package/.env.production', 'dotenv-file'],
    ['package/.env-staging', 'dotenv-file'],
    ['package/test/server.crt', 'certificate-file'],
    ['package/test/idp.cert', 'certificate-file'],
    ['package/test/signing.cer', 'certificate-file'],
    ['package/config/deploy/id_rsa', 'ssh-private-key-file'],
    ['package/certs/server.pem', 'pem-or-key-file'],
    ['package/certs/client.p12', 'key-store-file'],
    ['package/.git-credentials', 'git-credentials-file'],
    ['package/.kube/config', 'kubeconfig-file'],
    ['package/.aws/credentials', 'aws-credentials-file'],
    ['package/.pypirc', 'pypirc-file'],
    ['package/.netrc', 'netrc-file'],
    ['package/infra/terraform.tfstate', 'terraform-state-file'],
  ])('%s -> %s', (path, rule) => {
    expect(rules([file(path, TGZ, 'credential')])).toContain(rule)
  })

  test.each([
    'package/.env.example',
    'package/.env.sample',
    'package/.env-example',
    'package/.environment',
    'package/src/concert.js',
    'package/id_rsa.pub',
    'package/.npmrc',
    'package/src/environment.ts',
    'package/docs/pem-format.md',
  ])('%s is not a credential file by name', (path) => {
    expect(scanArtifact([file(path, TGZ, 'other')]).filter((f) => f.category === 'credential-files')).toEqual(
      [],
    )
  })

  test('in a test path the finding is kept, marked and lowered', () => {
    const [f] = scanArtifact([file('package/test/fixtures/.env', TGZ, 'test')])
    expect(f).toMatchObject({ rule: 'dotenv-file', severity: 'medium', inTest: true })
  })
})

describe('build paths in the names a map gives its sources', () => {
  test('webpack:///Users/<name>/… reveals the user', () => {
    const src = file('Users/jdoe/work/orbit/src/a.ts', MAP_ORIGIN, 'first-party-source', {
      rawSource: 'webpack:///Users/jdoe/work/orbit/src/a.ts',
    })
    const f = scanArtifact([src]).find((x) => x.category === 'build-environment')
    expect(f?.rule).toBe('user-home-path-macos')
    expect(f?.message).toContain('"jdoe"')
    const plain = file('src/a.ts', MAP_ORIGIN, 'first-party-source', {
      rawSource: 'webpack://orbit/./src/a.ts',
    })
    expect(scanArtifact([plain]).filter((x) => x.category === 'build-environment')).toEqual([])
  })
})
