// The real binary, spawned as a pipeline would: `node src/cli/bin.js …`. Kept to the cases only a
// separate process can show (exit status, what reaches stdout/stderr, stdin, npm scripts); the rest
// of the CLI's behaviour is covered in-process by main.test.ts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import type { Report } from '../../../src/core/report/model'
import { DEFAULT_LIMITS, SEVERITIES } from '../../../src/core/report/model'
import { privateKeyFile } from '../../../src/build/sample/leaks'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import { BIN, runCli, runShell, type CliResult } from './run-cli'

// Each spawn starts node + tsx; on a loaded machine that takes seconds.
const SLOW = { timeout: 180_000 }

let dir: string
let sample: string
const encoder = new TextEncoder()
const expected: Report | null = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())]).catch(
  () => null,
)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ee-cli-'))
  sample = join(dir, SAMPLE_FILE_NAME)
  await writeFile(sample, buildSamplePackage())
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Exit 2, nothing on stdout, exactly one line on stderr and no stack trace. */
function expectOneLineFailure(r: CliResult, mentions: RegExp) {
  expect(r.code).toBe(2)
  expect(r.stdout).toBe('')
  expect(r.stderr.endsWith('\n')).toBe(true)
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(/^exposure-explorer: /)
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/)
  expect(r.stderr).toMatch(mentions)
}

const worst = (findings: Report['findings']) =>
  Math.min(...findings.map((f) => SEVERITIES.indexOf(f.severity)), SEVERITIES.length)

describe('exposure-explorer binary', () => {
  it('--help: exit 0, every flag, the exit codes and the default limits', SLOW, async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    for (const flag of ['--format', '--fail-on', '--output', '--files-from', '--cwd', '--max-inflated-bytes'])
      expect(r.stdout).toContain(flag)
    for (const flag of ['--max-file-bytes', '--max-depth', '--max-entries']) expect(r.stdout).toContain(flag)
    expect(r.stdout).toContain(`(default ${DEFAULT_LIMITS.maxDepth})`)
    expect(r.stdout).toContain(`(default ${DEFAULT_LIMITS.maxEntries.toLocaleString('en-US')})`)
    expect(r.stdout).toContain(`(default ${DEFAULT_LIMITS.maxInflatedBytes / 1024 ** 3}GB)`)
    expect(r.stdout).toMatch(/^\s+2\s+bad usage or unreadable input/m)
  })

  it('bad usage and unreadable input: exit 2 with one line on stderr', SLOW, async () => {
    expectOneLineFailure(await runCli([]), /missing command/)
    expectOneLineFailure(await runCli(['scan', 'a.tgz', '--fail-on', 'sometimes']), /unknown --fail-on/)
    expectOneLineFailure(
      await runCli(['scan', join(dir, 'missing.tgz')]),
      /cannot read .*missing\.tgz: ENOENT/,
    )
  })

  it.skipIf(!expected)(
    'scan --format json: the contract on stdout, exit code from --fail-on',
    SLOW,
    async () => {
      const r = await runCli(['scan', sample, '--format', 'json'])
      expect(r.code).toBe(worst(expected!.findings) <= SEVERITIES.indexOf('high') ? 1 : 0)
      expect(r.stderr).toBe('') // stderr is not a terminal here: no progress
      const report = JSON.parse(r.stdout) as Report
      for (const key of ['tool', 'input', 'summary', 'files', 'findings', 'errors'])
        expect(report).toHaveProperty(key)
      expect(report.input).toEqual({ name: SAMPLE_FILE_NAME, bytes: buildSamplePackage().length })
      for (const key of [
        'files',
        'bytes',
        'firstPartySourceFiles',
        'firstPartySourceLines',
        'kinds',
        'findings',
      ])
        expect(report.summary).toHaveProperty(key)
      for (const f of report.files)
        for (const key of ['path', 'origin', 'kind', 'bytes', 'lines', 'hasContent'])
          expect(f).toHaveProperty(key)
      for (const f of report.findings)
        for (const key of ['rule', 'category', 'severity', 'path', 'line', 'column', 'excerpt', 'message'])
          expect(f).toHaveProperty(key)
      for (const e of report.errors) for (const key of ['path', 'message']) expect(e).toHaveProperty(key)
      expect(report.summary).toEqual(expected!.summary)
      expect((await runCli(['scan', sample, '--fail-on', 'none', '--format', 'sarif'])).code).toBe(0)
    },
  )

  it.skipIf(!expected)(
    '--files-from - takes npm pack --dry-run --json on stdin (prepack output first), relative to --cwd',
    SLOW,
    async () => {
      await mkdir(join(dir, 'clean'), { recursive: true })
      await writeFile(join(dir, 'clean', 'index.js'), 'export const answer = 42\n')
      const pack = JSON.stringify(
        [{ id: 'x@1.0.0', files: [{ path: 'index.js', size: 25, mode: 420 }] }],
        null,
        2,
      )
      const r = await runCli(['scan', '--files-from', '-', '--cwd', join(dir, 'clean'), '--format', 'json'], {
        input: `> x@1.0.0 prepack\nbuilding…\n${pack}\n`,
      })
      expect(r.stderr).toBe('')
      const report = JSON.parse(r.stdout) as Report
      expect(report.input.name).toBe('index.js')
      expect(report.files.map((f) => f.path)).toEqual(['index.js'])
    },
  )

  it.skipIf(!expected)('the documented prepublishOnly one-liner works as an npm script', SLOW, async () => {
    const pkg = join(dir, 'publish-me')
    await mkdir(join(pkg, 'dist'), { recursive: true })
    await writeFile(join(pkg, 'dist', 'index.js'), 'module.exports = 1\n')
    const script = `npm pack --dry-run --json | node ${JSON.stringify(BIN)} scan --files-from - --fail-on high`
    await writeFile(
      join(pkg, 'package.json'),
      JSON.stringify({
        name: 'publish-me',
        version: '1.0.0',
        files: ['dist', 'config'],
        scripts: { check: script },
      }),
    )
    const clean = await runShell('npm run --silent check', { cwd: pkg })
    expect(clean.code, clean.stderr).toBe(0)
    expect(clean.stdout).toContain('dist/index.js')
    // A private key slips into the published files: the same script now blocks the publish.
    const key = privateKeyFile()
    await mkdir(join(pkg, 'config'), { recursive: true })
    await writeFile(join(pkg, 'config', 'id_rsa'), key)
    const leaky = await runShell('npm run --silent check', { cwd: pkg })
    const report = await analyze([memorySource('config/id_rsa', encoder.encode(key))])
    expect(worst(report.findings)).toBeLessThanOrEqual(SEVERITIES.indexOf('high'))
    expect(leaky.code).toBe(1)
    expect(leaky.stdout).toContain('config/id_rsa')
  })
})
