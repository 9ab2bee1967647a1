// The CLI's main() in-process: exit codes, formats, thresholds, files and limits, without paying for a
// node + tsx start per case (cli.test.ts spawns the real binary for the end-to-end cases).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { failsAt, main } from '../../../src/cli/main'
import { writeParts } from '../../../src/cli/write-parts'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import type { Report } from '../../../src/core/report/model'
import { SEVERITIES } from '../../../src/core/report/model'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import { writeVersions } from '../../fixtures/make-versions'

let dir: string
let sample: string
let versions: { old: string; new: string }

// Other work may leave the core unable to analyse the sample for a while; the cases that need a real
// analysis are skipped (not faked) when it throws.
const expected: Report | null = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())]).catch(
  () => null,
)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ee-main-'))
  sample = join(dir, SAMPLE_FILE_NAME)
  await writeFile(sample, buildSamplePackage())
  versions = await writeVersions(join(dir, 'versions'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean

/** Runs main() with stdout/stderr captured. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const capture =
    (append: (s: string) => void): Write =>
    (chunk, ...rest) => {
      append(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk))
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      callback?.()
      return true
    }
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)) as never)
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)) as never)
  try {
    const code = await main(argv)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

const worst = (findings: Report['findings']) =>
  Math.min(...findings.map((f) => SEVERITIES.indexOf(f.severity)), SEVERITIES.length)

describe('main()', () => {
  it.each([
    [['scan', '--format', 'yaml', 'a.tgz'], /unknown --format 'yaml'/],
    [['diff', 'only-one'], /exactly two inputs/],
    [['nope'], /unknown command 'nope'/],
  ])('%j: exit 2, one line on stderr', async (argv, message) => {
    const r = await run(argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
  })

  it('a missing input is exit 2 naming it; so is an unwritable --output', async () => {
    const missing = await run(['scan', join(dir, 'nope.tgz')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(`exposure-explorer: cannot read ${join(dir, 'nope.tgz')}: ENOENT\n`)
    const unwritable = await run(['scan', sample, '-o', join(dir, 'no', 'dir', 'x.json')])
    expect(unwritable.code).toBe(2)
    expect(unwritable.stderr).toMatch(/^exposure-explorer: cannot write .*x\.json: ENOENT\n$/)
  })

  it.skipIf(!expected)('--fail-on sets exit 1 exactly when a finding is at or above the level', async () => {
    for (const level of ['critical', 'high', 'medium', 'low', 'none'] as const) {
      const r = await run(['scan', sample, '--fail-on', level, '--format', 'json'])
      const fails = level !== 'none' && worst(expected!.findings) <= SEVERITIES.indexOf(level)
      expect(r.code, level).toBe(fails ? 1 : 0)
      expect(failsAt(expected!, level)).toBe(fails)
    }
    // Default threshold is high.
    expect((await run(['scan', sample])).code).toBe(worst(expected!.findings) <= 1 ? 1 : 0)
  })

  it.skipIf(!expected)('every format renders the same analysis', async () => {
    const json = JSON.parse((await run(['scan', sample, '--format', 'json'])).stdout) as Report
    expect(json.summary).toEqual(expected!.summary)
    const sarif = JSON.parse((await run(['scan', sample, '--format', 'sarif'])).stdout)
    expect(sarif.runs[0].results).toHaveLength(expected!.findings.length)
    const md = (await run(['scan', sample, '--format', 'markdown'])).stdout
    expect(md).toMatch(/^## Exposure Explorer: /)
    const text = (await run(['scan', sample])).stdout
    expect(text.split('\n')[1]).toBe(expected!.summary.headline)
  })

  it.skipIf(!expected)('--output writes the report to the file and nothing to stdout', async () => {
    const file = join(dir, 'r.json')
    const r = await run(['scan', sample, '--format', 'json', '--output', file, '--fail-on', 'none'])
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(JSON.parse(await readFile(file, 'utf8')).findings).toEqual(expected!.findings)
  })

  it.skipIf(!expected)('--files-from a newline list, relative to --cwd, names files as listed', async () => {
    const pkg = join(dir, 'pkg')
    await mkdir(join(pkg, 'dist'), { recursive: true })
    await writeFile(join(pkg, 'dist', 'a.js'), 'export const a = 1\n')
    await writeFile(join(pkg, 'package.json'), '{"name":"pkg","version":"1.0.0"}\n')
    const list = join(dir, 'files.txt')
    await writeFile(list, 'package.json\n./dist/a.js\n')
    const r = await run(['scan', '--files-from', list, '--cwd', pkg, '--format', 'json'])
    const report = JSON.parse(r.stdout) as Report
    expect(report.files.map((f) => f.path).sort()).toEqual(['dist/a.js', 'package.json'])
    expect(report.input.name).toBe('package.json, dist/a.js')
  })

  it.skipIf(!expected)('limit flags reach the analysis', async () => {
    const r = await run(['scan', sample, '--max-entries', '20', '--format', 'json', '--fail-on', 'none'])
    const limited = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())], {
      limits: { maxEntries: 20 },
    })
    const report = JSON.parse(r.stdout) as Report
    expect(report.files).toHaveLength(limited.files.length)
    expect(report.errors).toEqual(limited.errors)
    expect(report.files.length).toBeLessThan(expected!.files.length)
  })

  it.skipIf(!expected)(
    '--max-findings lists that many, counts all, and the gate still sees them all',
    async () => {
      const r = await run([
        'scan',
        sample,
        '--max-findings',
        '3',
        '--format',
        'json',
        '--fail-on',
        'critical',
      ])
      const report = JSON.parse(r.stdout) as Report
      expect(report.findings).toHaveLength(3)
      expect(report.summary.findings).toEqual(expected!.summary.findings)
      // Past the limit a repeat of a listed exposure counts as a repeat, any other finding as past it.
      const { repeats, pastLimit } = report.summary.unlisted!
      expect(repeats + pastLimit).toBe(expected!.findings.length - 3)
      expect(pastLimit).toBeGreaterThan(0)
      expect(report.errors.filter((e) => e.level === 'limit').map((e) => e.message)).toEqual([
        expect.stringContaining('limits.maxFindings'),
      ])
      expect(r.code).toBe(failsAt(expected!, 'critical') ? 1 : 0)
    },
  )

  it('writes parts to a file in order, and names a file it cannot write', async () => {
    const parts = function* () {
      for (let i = 0; i < 20_000; i++) yield `part ${i}\n`
    }
    const out = join(dir, 'parts.txt')
    await writeParts(parts(), out)
    expect(await readFile(out, 'utf8')).toBe([...parts()].join(''))
    await expect(writeParts(parts(), join(dir, 'missing', 'x.txt'))).rejects.toThrow(
      /cannot write .*x\.txt: ENOENT/,
    )
  })

  it.skipIf(!expected)('diff: --fail-on counts new findings only', async () => {
    const r = await run(['diff', versions.old, versions.new, '--format', 'json', '--fail-on', 'none'])
    expect(r.code).toBe(0)
    const diff = JSON.parse(r.stdout) as { headline: string; newFindings: Report['findings'] }
    for (const level of ['critical', 'medium', 'low'] as const) {
      const d = await run(['diff', versions.old, versions.new, '--fail-on', level])
      expect(d.code, level).toBe(worst(diff.newFindings) <= SEVERITIES.indexOf(level) ? 1 : 0)
    }
    const same = await run(['diff', sample, sample, '--fail-on', 'low'])
    expect(same.code).toBe(0)
    expect(same.stdout.split('\n')[1]).toBe('no difference in exposed files or exposures')
    const md = await run(['diff', versions.old, versions.new, '--format', 'markdown', '--fail-on', 'none'])
    expect(md.stdout).toMatch(/^## Exposure Explorer: /)
    const sarif = JSON.parse((await run(['diff', versions.old, versions.new, '--format', 'sarif'])).stdout)
    expect(sarif.runs[0].results).toHaveLength(diff.newFindings.length)
  })
})
