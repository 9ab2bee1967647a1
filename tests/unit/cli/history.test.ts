// `exposure-explorer history` end to end: the real binary and the machine's own npm (`npm view`,
// `npm pack`) against a registry on 127.0.0.1 that serves generated versions of a package.
import { mkdtemp, readdir, rm, stat, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Timeline } from '../../../src/core/report/timeline'
import { parseTimeline } from '../../../src/core/report/timeline-read'
import {
  HISTORY_PACKAGE,
  HISTORY_VERSIONS,
  historyFileName,
  historyVersion,
  planMismatches,
} from '../../fixtures/lib/history-versions'
import { parseHistoryArgs } from '../../../src/cli/history-args'
import { startRegistry, type LocalRegistry } from './local-registry'
import { runCli, type CliResult } from './run-cli'

// npm starts slowly on a loaded machine: each run lists once and packs in groups.
const SLOW = { timeout: 240_000 }

let dir: string
let registry: LocalRegistry
let env: Record<string, string>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ee-history-'))
  // Published out of order: the timeline must follow semver, not the registry's listing.
  const order = [3, 0, 6, 1, 4, 2, 5]
  registry = await startRegistry(
    HISTORY_PACKAGE,
    order.map((i) => ({
      version: HISTORY_VERSIONS[i],
      tarball: historyVersion(i),
      time: `2026-01-0${i + 1}T00:00:00.000Z`,
    })),
  )
  // npm's own cache and config in the test's folder: nothing from (or into) the user's.
  env = {
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_userconfig: join(dir, 'npmrc'),
    npm_config_update_notifier: 'false',
  }
})
afterAll(async () => {
  await registry?.close()
  await rm(dir, { recursive: true, force: true })
})

const history = (...args: string[]): Promise<CliResult> =>
  runCli(['history', HISTORY_PACKAGE, '--registry', registry.url, '--cache', join(dir, 'cache'), ...args], {
    env,
  })

/** The timeline on stdout, read back as the page reads it (every field checked). */
const timelineOf = (r: CliResult): Timeline => parseTimeline(r.stdout)

describe('exposure-explorer history against a local registry', () => {
  let first: Timeline

  it(
    'lists, fetches and scans every version; each exposure appears and goes at its planned version',
    SLOW,
    async () => {
      const r = await history('--format', 'json', '--fail-on', 'none')
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      first = timelineOf(r)
      expect(planMismatches(first)).toEqual([])
      expect(first.versions.map((v) => v.published)).toEqual(
        HISTORY_VERSIONS.map((_, i) => `2026-01-0${i + 1}T00:00:00.000Z`),
      )
      for (let i = 0; i < HISTORY_VERSIONS.length; i++)
        expect(registry.requests).toContain(`/${HISTORY_PACKAGE}/-/ledger-${HISTORY_VERSIONS[i]}.tgz`)
    },
  )

  it('resumes: a run stopped before some versions were scanned scans only those', SLOW, async () => {
    const results = join(dir, 'cache', 'history', encodeURIComponent(HISTORY_PACKAGE))
    const [options] = await readdir(results)
    const folder = join(results, options)
    const files = (await readdir(folder)).sort()
    expect(files).toHaveLength(HISTORY_VERSIONS.length)
    // As if the run had been stopped after four versions: the last three results and tarballs are gone.
    const missing = HISTORY_VERSIONS.slice(4)
    const tarballs = join(dir, 'cache', 'tarballs', encodeURIComponent(registry.url))
    for (const v of missing) {
      await rm(join(folder, `${encodeURIComponent(v)}.json`))
      await rm(join(tarballs, historyFileName(HISTORY_VERSIONS.indexOf(v))))
    }
    const kept = HISTORY_VERSIONS.slice(0, 4).map((v) => join(folder, `${encodeURIComponent(v)}.json`))
    const before = await Promise.all(kept.map(async (p) => (await stat(p)).mtimeMs))
    const keptTarballs = HISTORY_VERSIONS.slice(0, 4).map((v) => `/${HISTORY_PACKAGE}/-/ledger-${v}.tgz`)
    const fetchedBefore = registry.requests.filter((p) => keptTarballs.includes(p)).length
    const r = await history('--format', 'json', '--fail-on', 'none')
    expect(r.code).toBe(0)
    expect(timelineOf(r)).toEqual(first)
    expect(await Promise.all(kept.map(async (p) => (await stat(p)).mtimeMs))).toEqual(before)
    expect((await readdir(folder)).sort()).toEqual(files)
    expect(registry.requests.filter((p) => keptTarballs.includes(p)).length).toBe(fetchedBefore)
    // The same identities as the first run: the cache's key was reused, not made again.
    expect(await readFile(join(dir, 'cache', 'match-key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/)
  })

  it(
    '--versions takes a semver range; the text names what appeared; the newest version gates',
    SLOW,
    async () => {
      const json = timelineOf(
        await history('--versions', '>=1.2.0 <2', '--format', 'json', '--fail-on', 'none'),
      )
      expect(json.versions.map((v) => v.version)).toEqual(['1.2.0', '1.10.0'])
      expect(json.range).toBe('>=1.2.0 <2')
      // Text: the newest version in range (1.10.0) carries a critical key, so the default gate exits 1.
      const text = await history('--versions', '>=1.2.0 <2')
      expect(text.code).toBe(1)
      expect(text.stdout).toContain(`History of ${HISTORY_PACKAGE}: 2 versions in >=1.2.0 <2`)
      expect(text.stdout).toMatch(/^Version 1\.10\.0 \(2026-01-04\): .*1 critical/m)
      expect(text.stdout).toMatch(/^ {2}\+ \[critical\] aws-access-key-id > .*AKIA••••/m)
    },
  )

  it("an unknown package: exit 2 with npm's reason on one line", SLOW, async () => {
    const unknown = await runCli(
      ['history', 'no-such-package', '--registry', registry.url, '--cache', join(dir, 'cache')],
      { env },
    )
    expect(unknown.code).toBe(2)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(unknown.stderr).toMatch(
      /^exposure-explorer: cannot list the versions of no-such-package: npm: .*404/,
    )
  })
})

describe('history arguments', () => {
  it('takes a package name, a semver range and an http(s) registry', () => {
    expect(
      parseHistoryArgs([
        '@acme/ledger',
        '--versions',
        '^1.2',
        '--registry',
        'http://r.example/',
        '--concurrency',
        '3',
      ]),
    ).toMatchObject({
      package: '@acme/ledger',
      range: '^1.2',
      registry: 'http://r.example/',
      concurrency: 3,
      format: 'text',
    })
    expect(() => parseHistoryArgs(['@acme/ledger@1.0.0'])).toThrow(
      "history takes a package name; give versions as --versions '1.0.0'",
    )
    expect(() => parseHistoryArgs(['x', '--versions', 'not a range'])).toThrow(
      '--versions needs a semver range',
    )
    expect(() => parseHistoryArgs(['x', '--registry', 'file:///etc'])).toThrow(
      '--registry needs an http(s) URL',
    )
    expect(() => parseHistoryArgs(['x', '--format', 'sarif'])).toThrow("unknown --format 'sarif'")
    expect(() => parseHistoryArgs(['a', 'b'])).toThrow('exactly one package name')
    expect(() => parseHistoryArgs(['../etc'])).toThrow('is not an npm package name')
  })
})
