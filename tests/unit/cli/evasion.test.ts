// Inputs built to pass the release gate with a secret inside, through the real CLI: each must exit 1
// under --fail-on high (2 where part of it cannot be read) with a finding or an error entry that says
// why; --allow-unscanned lets through only what was not scanned, never a finding.
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { failsAt } from '../../../src/cli/main'
import { Listing, sourcesFromPaths, nodeListingFs } from '../../../src/cli/node-source'
import type { Report } from '../../../src/core/report/model'
import {
  decoyDirectoryJar,
  githubToken,
  hugeSizeTar,
  manyEntriesZip,
  packageWithToken,
  replacedToken,
  restoreEvasionFolder,
  writeEvasionFolder,
} from '../../fixtures/lib/evasion-inputs'
import { runCli, type CliResult } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'ee-evasion-'))
// Readable by the unprivileged user the unreadable-folder test runs the CLI as.
chmodSync(dir, 0o755)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, bytes)
  return path
}

const json = (r: CliResult) => JSON.parse(r.stdout) as Report
const scan = (path: string, ...flags: string[]) => runCli(['scan', path, '--format', 'json', ...flags])

describe.concurrent('evasion inputs through the CLI', () => {
  it(
    'a zip of 70,001 entries without zip64: the .env past entry 4,465 is read, exit 1',
    { timeout: 120_000 },
    async () => {
      const r = await runCli(['scan', write('many.zip', manyEntriesZip())])
      expect(r.code, r.stderr).toBe(1)
      expect(r.stdout).toContain('70,001 files exposed')
      expect(r.stdout).toContain('[critical] GitHub personal access token (classic) in config/.env')
      expect(r.stdout).toContain('      at many.zip › config/.env:1:14')
    },
  )

  it('a jar with a decoy directory: the real one is read and the ambiguity is an entry; exit 1', async () => {
    const r = await scan(write('decoy.jar', decoyDirectoryJar()))
    expect(r.code, r.stderr).toBe(1)
    const report = json(r)
    expect(report.findings.map((f) => f.rule)).toContain('github-pat-classic')
    expect(report.errors).toMatchObject([
      { path: 'decoy.jar', unscanned: true, message: expect.stringMatching(/^Ambiguous zip/) },
    ])
  })

  it('an ambiguous jar with nothing else: exit 1, 0 with --allow-unscanned, 0 with --fail-on critical', async () => {
    const path = write('plain-decoy.jar', decoyDirectoryJar({ name: 'lib/Util.class', text: 'cafe' }))
    const strict = await scan(path)
    expect(strict.code, strict.stderr).toBe(1)
    expect(json(strict).findings).toEqual([])
    expect((await scan(path, '--allow-unscanned')).code).toBe(0)
    // Unscanned parts count as high: below a critical threshold, and never under none.
    expect((await scan(path, '--fail-on', 'critical')).code).toBe(0)
    expect((await scan(path, '--fail-on', 'none')).code).toBe(0)
  })

  it('a tar member declaring 2^95 - 1 bytes: sizes with units, exit 1; 0 with --allow-unscanned', async () => {
    const path = write('huge-size.tar', hugeSizeTar())
    const text = await runCli(['scan', path])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('stops after 0 B of its 32768 YB')
    expect(text.stdout).not.toMatch(/e\+\d/)
    expect((await scan(path, '--allow-unscanned')).code).toBe(0)
  })

  it('a symbolic link in a folder is an entry, not silence: exit 1, 0 with --allow-unscanned', async () => {
    const folder = writeEvasionFolder(join(dir, 'links'), false)
    const r = await scan(folder)
    expect(r.code, r.stderr).toBe(1)
    expect(json(r).errors).toEqual([
      {
        path: 'dist/linked.env',
        level: 'warning',
        unscanned: true,
        message: `Not read: a symbolic link (to ${join('..', 'outside', '.env')}); links are not followed, so what it points to was not scanned.`,
      },
    ])
    expect((await scan(folder, '--allow-unscanned')).code).toBe(0)
  })

  it('diff of two tarballs differing only by a replaced token of the same shape: exit 1', async () => {
    const original = githubToken(1)
    const old = write('swap/a/token-swap-1.0.0.tgz', packageWithToken(original))
    const next = write('swap/b/token-swap-1.0.1.tgz', packageWithToken(replacedToken(original, 2)))
    const r = await runCli(['diff', old, next, '--fail-on', 'high'])
    expect(r.code, r.stderr).toBe(1)
    // The new value is a new exposure, the old one is gone: same shape and excerpt, another hash.
    expect(r.stdout).toContain('adds: 1 secret; changed: 1 file; no longer: 1 secret')
    const same = await runCli(['diff', old, old, '--fail-on', 'high'])
    expect(same.code).toBe(0)
  })
})

/** Runs the CLI as `uid` (when this process may switch users). */
const runAs = (uid: number | undefined, args: string[]) => runCli(args, { uid })

describe('a folder with parts that cannot be read', () => {
  const root = join(dir, 'unreadable')
  let folder = ''
  /** As root, chmod 000 blocks nothing: the CLI then runs as `nobody` (65534), if it can. */
  const uid = process.getuid?.() === 0 ? 65_534 : undefined
  beforeAll(async () => {
    folder = writeEvasionFolder(root)
    // Make sure the CLI bundle is built, so the unprivileged run needs to write nothing.
    await runCli(['--version'])
  })
  afterAll(() => restoreEvasionFolder(root))

  it('exit 2 after a report that names each part and why; not an internal error', async (context) => {
    const probe = await runAs(uid, ['scan', join(folder, 'secret.env'), '--format', 'json'])
    if (probe.code !== 2)
      context.skip(
        `chmod 000 does not stop ${uid === undefined ? 'this user' : 'uid 65534'} from reading here, so there is nothing unreadable to test (the injected-failure test below still runs)`,
      )
    const r = await runAs(uid, ['scan', folder, '--format', 'json'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'exposure-explorer: cannot read dist/private, dist/secret.env (permissions?); the report says why and what was read\n',
    )
    expect(
      json(r).errors.map((e) => [e.path, e.level, e.unscanned, e.message.replace(/\(.*\)/, '(…)')]),
    ).toEqual([
      [
        'dist/private',
        'error',
        true,
        'Not read: this folder cannot be listed (…); nothing below it was scanned.',
      ],
      ['dist/secret.env', 'error', true, 'Not read: the file cannot be opened (…).'],
      ['dist/linked.env', 'warning', true, expect.stringMatching(/^Not read: a symbolic link/)],
    ])
    expect((await runAs(uid, ['scan', folder, '--allow-unscanned'])).code).toBe(2)
  })

  it('listing with injected EACCES failures: entries instead of an exception', async () => {
    const denied = (path: string) =>
      Object.assign(new Error(`EACCES: permission denied, ${path}`), { code: 'EACCES', syscall: 'scandir' })
    const listing = await sourcesFromPaths(
      [folder],
      new Listing({
        ...nodeListingFs,
        readdir: (path) =>
          path.endsWith('private') ? Promise.reject(denied(path)) : nodeListingFs.readdir(path),
        checkReadable: (path) =>
          path.endsWith('secret.env')
            ? Promise.reject(Object.assign(denied(path), { syscall: 'open' }))
            : Promise.resolve(),
      }),
    )
    expect(listing.sources.map((s) => s.name)).toEqual(['dist/index.js'])
    expect(listing.unreadable.map((e) => [e.path, e.message])).toEqual([
      [
        'dist/private',
        'Not read: this folder cannot be listed (EACCES on scandir); nothing below it was scanned.',
      ],
      ['dist/secret.env', 'Not read: the file cannot be opened (EACCES on open).'],
    ])
    expect(listing.skipped.map((e) => e.path)).toEqual(['dist/linked.env'])
    // Only the part this user cannot read is missing: the rest of the folder is readable.
    accessSync(join(folder, 'index.js'), constants.R_OK)
  })
})

describe('failsAt', () => {
  const unscanned = { findings: [], errors: [{ path: 'a.zip', message: 'm', unscanned: true }] }
  const warned = { findings: [], errors: [{ path: 'a.js', message: 'not UTF-8', level: 'warning' as const }] }
  it.each([
    ['high', false, true],
    ['low', false, true],
    ['critical', false, false],
    ['none', false, false],
    ['high', true, false],
  ] as const)('an unscanned entry under --fail-on %s (allowed: %s) fails: %s', (level, allow, fails) => {
    expect(failsAt(unscanned, level, allow)).toBe(fails)
    expect(failsAt(warned, level, allow)).toBe(false)
  })
})
