// Every hostile input through the CLI (`node src/cli/bin.js scan … --format json`): a JSON report
// with the same error entries as the core (exit 0 with --fail-on none), or exit 2 with one line on
// stderr; never a stack trace.
import { execFile } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Limits, Report } from '../../../src/core/report/model'
import { hostileInputs } from '../../fixtures/lib/hostile-inputs'
import { checkHostileReport } from './check'
import { EXPECTED } from './expected'

const BIN = resolve(import.meta.dirname, '../../../src/cli/bin.js')
const dir = mkdtempSync(join(tmpdir(), 'ee-hostile-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const FLAGS: Record<keyof Limits, string> = {
  maxInflatedBytes: '--max-inflated-bytes',
  maxFileBytes: '--max-file-bytes',
  maxDepth: '--max-depth',
  maxEntries: '--max-entries',
  maxFindings: '--max-findings',
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe.concurrent('hostile inputs through the CLI', () => {
  for (const input of hostileInputs()) {
    it(`${input.id}: report with errors, no stack trace`, { timeout: 180_000 }, async () => {
      mkdirSync(join(dir, input.id))
      const file = join(dir, input.id, input.name)
      writeFileSync(file, input.bytes)
      const limits = Object.entries(input.limits ?? {}).flatMap(([k, v]) => [
        FLAGS[k as keyof Limits],
        String(v),
      ])
      const { code, stdout, stderr } = await run([
        'scan',
        file,
        '--format',
        'json',
        '--fail-on',
        'none',
        ...limits,
      ])
      expect(stderr).not.toMatch(/\n\s+at /)
      expect(code, stderr).toBe(0)
      checkHostileReport(JSON.parse(stdout) as Report, EXPECTED[input.id])
    })
  }

  it('a path that cannot be read: exit 2 and one line on stderr', async () => {
    const { code, stdout, stderr } = await run(['scan', join(dir, 'no-such-file.tgz')])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^exposure-explorer: .*no-such-file\.tgz/)
  })
})
