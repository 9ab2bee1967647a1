import { describe, expect, it } from 'vitest'
import { classifyKind, isTestPath, type ClassifyContext } from '../../../src/core/classify'
import type { Kind } from '../../../src/core/report/model'
import { sampleFacts } from '../../../src/build/sample/package'

const file: ClassifyContext = { fromMap: false }
const fromMap: ClassifyContext = { fromMap: true }
const own: ClassifyContext = { fromMap: false, packageName: '@acme/orbit-cli' }
const internal: ClassifyContext = { fromMap: true, packageName: '@acme/orbit-cli', internalScopes: ['@acme'] }
const bytes = (...values: number[]) => new Uint8Array(values)
const textHead = (text: string) => new TextEncoder().encode(text)

type Case = [path: string, context: ClassifyContext, kind: Kind]

const cases: Record<string, Case[]> = {
  'source-map': [
    ['dist/cli.js.map', file, 'source-map'],
    ['dist/styles.css.map', fromMap, 'source-map'],
    ['dist/boot.js', { fromMap: false, container: 'source-map' }, 'source-map'],
    ['dist/map.js', file, 'bundle'],
    ['src/mapper.ts', file, 'first-party-source'],
  ],
  credential: [
    ['package/.env', file, 'credential'],
    ['.env.production', file, 'credential'],
    ['test/.env.test', file, 'credential'],
    ['.env.example', file, 'other'],
    ['.env.sample', file, 'other'],
    ['src/env.ts', file, 'first-party-source'],
    ['package/.npmrc', file, 'credential'],
    ['config/deploy/id_rsa', file, 'credential'],
    ['home/.ssh/id_ed25519', file, 'credential'],
    ['id_rsa.pub', file, 'other'],
    ['certs/server.pem', file, 'credential'],
    ['certs/server.key', file, 'credential'],
    ['certs/client.p12', file, 'credential'],
    ['certs/client.pfx', file, 'credential'],
    ['.git-credentials', file, 'credential'],
    ['.aws/credentials', file, 'credential'],
    ['aws/credentials', file, 'other'],
    ['.kube/config', file, 'credential'],
    ['deploy/kubeconfig', file, 'credential'],
    ['.pypirc', file, 'credential'],
    ['.netrc', file, 'credential'],
    ['node_modules/x/test/key.pem', file, 'credential'],
    ['src/keys.ts', file, 'first-party-source'],
  ],
  binary: [
    ['assets/logo.png', file, 'binary'],
    ['fonts/a.woff2', file, 'binary'],
    ['bin/addon.node', file, 'binary'],
    ['vendor/bundle.zip', { fromMap: false, container: 'zip' }, 'binary'],
    ['inner.tgz', { fromMap: false, container: 'gzip' }, 'binary'],
    ['data/blob', { fromMap: false, head: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a) }, 'binary'],
    ['data/blob', { fromMap: false, head: bytes(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0) }, 'binary'],
    ['bin/tool', { fromMap: false, head: bytes(0x7f, 0x45, 0x4c, 0x46, 2) }, 'binary'],
    ['bin/tool-mac', { fromMap: false, head: bytes(0xcf, 0xfa, 0xed, 0xfe, 7) }, 'binary'],
    ['data/blob', { fromMap: false, head: textHead('abc\0def') }, 'binary'],
    ['data/blob', { fromMap: false, head: textHead('plain text') }, 'other'],
    ['src/png.ts', file, 'first-party-source'],
  ],
  'third-party-source': [
    ['node_modules/chalk/source/index.js', fromMap, 'third-party-source'],
    ['node_modules/@sentry/node/build/cjs/a.js', fromMap, 'third-party-source'],
    ['packages/a/node_modules/ms/index.js', file, 'third-party-source'],
    ['vendor/jquery.js', file, 'third-party-source'],
    ['bower_components/x/x.js', fromMap, 'third-party-source'],
    ['(webpack)/buildin/global.js', fromMap, 'third-party-source'],
    ['~/lodash/index.js', fromMap, 'third-party-source'],
    ['virtual/commonjsHelpers.js', fromMap, 'third-party-source'],
    ['node_modules/x/README.md', file, 'third-party-source'],
    ['node_modules/@acme/orbit-cli/src/a.ts', own, 'first-party-source'],
    ['node_modules/@acme/orbit-cli/node_modules/ms/a.js', own, 'third-party-source'],
    ['node_modules/@acme/orbit-cli/src/a.ts', file, 'third-party-source'],
    ['src/vendors.ts', fromMap, 'first-party-source'],
    ['src/my_node_modules/x.js', fromMap, 'first-party-source'],
    ['vendor/image-codec-src/index.ts', fromMap, 'first-party-source'],
    ['vendor/image-codec/index.ts', fromMap, 'third-party-source'],
    ['node_modules/@acme/billing/src/a.ts', internal, 'first-party-source'],
    ['node_modules/@ACME/billing/src/a.ts', internal, 'first-party-source'],
    ['node_modules/@acme/billing/src/a.ts', { ...internal, internalScopes: [] }, 'third-party-source'],
    ['node_modules/@acme-labs/x/a.ts', internal, 'third-party-source'],
    ['node_modules/acme/a.ts', internal, 'third-party-source'],
    ['node_modules/@acme/billing/node_modules/ms/a.js', internal, 'third-party-source'],
  ],
  test: [
    ['src/__tests__/planner.test.ts', fromMap, 'test'],
    ['src/planner.test.ts', fromMap, 'test'],
    ['src/planner.spec.tsx', file, 'test'],
    ['test/fixtures/credentials.json', file, 'test'],
    ['tests/a.ts', file, 'test'],
    ['e2e/login.ts', file, 'test'],
    ['pkg/x_test.go', file, 'test'],
    ['tests/test_api.py', file, 'test'],
    ['src/__snapshots__/a.snap', file, 'test'],
    ['src/latest/a.ts', fromMap, 'first-party-source'],
    ['src/testing-utils/a.ts', fromMap, 'first-party-source'],
    ['src/contest.ts', file, 'first-party-source'],
    ['src/utils/bash/specs/git.ts', fromMap, 'first-party-source'],
    ['spec/models/user_spec.rb', file, 'test'],
  ],
  bundle: [
    ['webpack/runtime/define property getters', fromMap, 'bundle'],
    ['webpack/bootstrap', fromMap, 'bundle'],
    ['external "fs"', fromMap, 'bundle'],
    ['vite/preload-helper', fromMap, 'bundle'],
    ['package/dist/cli.js', file, 'bundle'],
    ['build/static/js/main.js', file, 'bundle'],
    ['lib/jquery.min.js', file, 'bundle'],
    ['assets/chunk-ABC123.js', file, 'bundle'],
    ['static/js/2.chunk.js', file, 'bundle'],
    ['assets/index-4f3a9b2c1d.js', file, 'bundle'],
    ['lib/index.js', { fromMap: false, head: textHead('var a=' + 'x,'.repeat(600)) }, 'bundle'],
    ['lib/index.js', { fromMap: false, head: textHead('const a = 1\n'.repeat(100)) }, 'first-party-source'],
    ['lib/index.js', file, 'first-party-source'],
    ['dist/cli.js', fromMap, 'first-party-source'],
    ['package/bundles/orbit-grid.umd.js', file, 'bundle'],
    ['package/lib/orbit-grid.umd.min.js', file, 'bundle'],
    ['package/esm2015/grid/api.js', file, 'bundle'],
    ['package/fesm2022/orbit-grid.mjs', file, 'bundle'],
    ['package/esm/grid/api.js', file, 'first-party-source'],
    ['src/bundles/index.ts', file, 'first-party-source'],
  ],
  declaration: [
    ['dist/types.d.ts', file, 'declaration'],
    ['package/build/esm/index.d.mts', file, 'declaration'],
    ['package/sdk-tools.d.ts', file, 'declaration'],
    ['src/global.d.ts', fromMap, 'first-party-source'],
    ['node_modules/@types/node/fs.d.ts', file, 'third-party-source'],
  ],
  generated: [
    ['src/__generated__/schema.ts', file, 'generated'],
    ['lib/api.generated.js', file, 'generated'],
    ['proto/user_pb.js', file, 'generated'],
    ['proto/user_grpc_pb.js', file, 'generated'],
    ['py/user_pb2.py', file, 'generated'],
    ['src/generator.ts', file, 'first-party-source'],
  ],
  config: [
    ['package/package.json', file, 'config'],
    ['tsconfig.json', file, 'config'],
    ['tsconfig.build.json', file, 'config'],
    ['vite.config.ts', file, 'config'],
    ['.eslintrc.json', file, 'config'],
    ['.babelrc', file, 'config'],
    ['Dockerfile', file, 'config'],
    ['.github/workflows/ci.yml', file, 'config'],
    ['pyproject.toml', file, 'config'],
    ['setup.cfg', file, 'config'],
    ['package/.git/config', file, 'config'],
    ['yarn.lock', file, 'config'],
    ['src/config.ts', file, 'first-party-source'],
    ['src/package.json.ts', file, 'first-party-source'],
    ['package.json', fromMap, 'first-party-source'],
  ],
  docs: [
    ['package/README.md', file, 'docs'],
    ['README', file, 'docs'],
    ['LICENSE', file, 'docs'],
    ['LICENSE-MIT', file, 'docs'],
    ['CHANGELOG.md', file, 'docs'],
    ['NOTICE.txt', file, 'docs'],
    ['docs/guide.rst', file, 'docs'],
    ['src/license-checker.js', file, 'first-party-source'],
    ['src/readme.ts', file, 'first-party-source'],
  ],
  other: [
    ['dist/locales/messages.en-US.json', file, 'other'],
    ['data/blob', file, 'other'],
    ['.git/HEAD', file, 'other'],
  ],
}

describe('classifyKind', () => {
  for (const [rule, list] of Object.entries(cases)) {
    it.each(list)(`${rule}: %j %o -> %s`, (path, context, kind) => {
      expect(classifyKind(path, context)).toBe(kind)
    })
  }

  it('gives every file of the sample the kind its facts require', () => {
    const facts = sampleFacts()
    const mapPaths = new Set(facts.maps.map((m) => m.origin.join(' › ')))
    let checked = 0
    for (const f of facts.files) {
      if (!f.kind) continue
      const context: ClassifyContext = {
        fromMap: mapPaths.has(f.origin.join(' › ')),
        packageName: facts.packageName,
        container: f.path.endsWith('.map') ? 'source-map' : undefined,
      }
      expect([f.path, classifyKind(f.path, context)]).toEqual([f.path, f.kind])
      checked++
    }
    expect(checked).toBeGreaterThan(150)
  })
})

describe('isTestPath', () => {
  it.each([
    ['src/__tests__/a.ts', true],
    ['src/__mocks__/fs.ts', true],
    ['test/a.js', true],
    ['a/spec/b.rb', true],
    ['a/fixtures/b.json', true],
    ['a/testdata/b.txt', true],
    ['cypress/e2e/a.cy.ts', true],
    ['a.e2e.ts', true],
    ['a.test.mjs', true],
    ['src/test.ts', false],
    ['src/attest/a.ts', false],
    ['src/spectrum.ts', false],
    ['src/fixture-loader.ts', false],
  ])('%j -> %s', (path, expected) => {
    expect(isTestPath(path)).toBe(expected)
  })
})
