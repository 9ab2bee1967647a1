// The sample's contents: the sources of its maps (first-party, leaky, third-party, webpack runtime),
// the v3 maps and webpack-ish bundles made of them, and binary-looking bytes. Deterministic: every
// call builds the same text from the same seeds.
import type { Kind } from '../../core/report/model'
import { between, codeText, pick, seededRandom } from './random'
import { leakySources, type SampleSecrets } from './leaks'

export interface SampleSource {
  /** `sources[i]` as written in the map. */
  raw: string
  /** The normalized path an analysis must report. */
  path: string
  content: string | null
  kind: Kind
}

export interface SampleMap {
  /** Member path of the map, or of the JS file for an inline map. */
  path: string
  /** Origin chain of the map's sources (ends with `path`). */
  origin: string[]
  sources: SampleSource[]
}

export const encoder = new TextEncoder()
export const countLines = (text: string | null): number =>
  text === null || text.length === 0 ? 0 : text.split('\n').length
export const utf8Length = (text: string) => encoder.encode(text).length

const FIRST_PARTY_DIRS = ['commands', 'core', 'tools', 'ui', 'session', 'util', 'config', 'auth']
const THIRD_PARTY = [
  ['chalk', 'source'],
  ['commander', 'lib'],
  ['semver', 'functions'],
  ['debug', 'src'],
  ['ms', ''],
  ['yaml', 'dist'],
  ['undici', 'lib/core'],
  ['zod', 'lib'],
  ['ws', 'lib'],
  ['@sentry/node', 'build/cjs'],
] as const

/** The main map's sources: 52 first-party (2 without content), 3 leaky ones among them, 1 test,
 *  100 third-party, 2 webpack runtime modules. */
export function mainMapSources(secrets: SampleSecrets): SampleSource[] {
  const rng = seededRandom(0x0eb17)
  const sources: SampleSource[] = []
  const leaky = leakySources(secrets)
  const used = new Set<string>()
  for (const [path, content] of Object.entries(leaky)) {
    used.add(path)
    sources.push({ raw: `webpack://orbit-cli/./${path}`, path, content, kind: 'first-party-source' })
  }
  while (sources.length < 49) {
    const path = `src/${pick(rng, FIRST_PARTY_DIRS)}/${pick(rng, VERBS)}-${pick(rng, NOUNS)}.ts`
    if (used.has(path)) continue
    used.add(path)
    const content = codeText(rng, between(rng, 30, 180), true)
    sources.push({ raw: `webpack://orbit-cli/./${path}`, path, content, kind: 'first-party-source' })
  }
  // TODO/FIXME notes with a ticket key and an author, in an ordinary source.
  sources[5].content = `// HACK(ORB-2211): retry loop papers over a race in the session store\n${sources[5].content}`
  sources.push({
    raw: 'webpack://orbit-cli/./src/index.ts',
    path: 'src/index.ts',
    content: "#!/usr/bin/env node\nimport { main } from './commands/main'\n\nvoid main(process.argv)",
    kind: 'first-party-source',
  })
  for (const path of ['src/generated/schema.ts', 'src/generated/graphql-types.ts']) {
    sources.push({ raw: `webpack://orbit-cli/./${path}`, path, content: null, kind: 'first-party-source' })
  }
  sources.push({
    raw: 'webpack://orbit-cli/./src/__tests__/planner.test.ts',
    path: 'src/__tests__/planner.test.ts',
    content: "import { test } from 'vitest'\n\ntest('plans', () => {})\n",
    kind: 'test',
  })
  for (let i = 0; i < 100; i++) {
    const [pkg, dir] = THIRD_PARTY[i % THIRD_PARTY.length]
    const path = `node_modules/${pkg}/${dir ? dir + '/' : ''}${pick(rng, NOUNS)}-${i}.js`
    const content = codeText(rng, between(rng, 15, 90), false)
    sources.push({ raw: `webpack://orbit-cli/./${path}`, path, content, kind: 'third-party-source' })
  }
  for (const name of ['define property getters', 'make namespace object']) {
    sources.push({
      raw: `webpack://orbit-cli/webpack/runtime/${name}`,
      path: `webpack/runtime/${name}`,
      content: `__webpack_require__.x = () => {} // ${name}`,
      kind: 'bundle',
    })
  }
  return sources
}

const VERBS = ['plan', 'run', 'load', 'render', 'sync', 'parse', 'watch', 'resolve', 'apply', 'review']
const NOUNS = ['session', 'task', 'graph', 'tool', 'prompt', 'diff', 'cache', 'queue', 'layout', 'state']

export function v3Map(file: string, sources: SampleSource[], extra: Record<string, unknown> = {}) {
  return {
    version: 3,
    file,
    ...extra,
    sources: sources.map((s) => s.raw),
    sourcesContent: sources.map((s) => s.content),
    names: [],
    // One segment per generated line, each stepping to the next source: valid, tiny, never decoded here.
    mappings: sources.map((_, i) => (i === 0 ? 'AAAA' : 'ACAA')).join(';'),
  }
}

/** A webpack-ish bundle of `sources`, ending with the given sourceMappingURL comment. */
export function bundleOf(sources: SampleSource[], mapComment: string): string {
  const modules = sources
    .filter((s) => s.content !== null)
    .map((s) => `/***/ "./${s.path}": ((module, exports) => {\n${s.content}\n/***/ })`)
  const header = [
    '#!/usr/bin/env node',
    '/* orbit-cli 3.4.1 — built from /home/runner/work/orbit/orbit/dist */',
    'var __webpack_modules__ = ({',
  ]
  return [...header, modules.join(',\n'), '});', mapComment].join('\n')
}

export function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function binaryBytes(rng: () => number, length: number, magic: number[]): Uint8Array {
  const out = new Uint8Array(length)
  out.set(magic)
  // Runs of repeated bytes make it moderately compressible, like real binaries; zeros make it binary.
  for (let i = magic.length; i < length; i++) out[i] = i % 7 === 0 ? 0 : Math.floor(rng() * 256)
  return out
}
