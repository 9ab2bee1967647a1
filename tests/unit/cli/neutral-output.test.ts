// The CLI's outputs of an artifact built to attack the terminal and the CI log: its text and Markdown
// hold no control character and no line that starts with artifact text (a line starting with `::`
// is a GitHub Actions workflow command), and neither does stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Report } from '../../../src/core/report/model'
import { DEEP_FILE, deepPathTarball, injectionTarball } from '../../fixtures/lib/hostile-text'
import { runCli } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'ee-neutral-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The file name on disk attacks too: a terminal escape and a newline before `::error::`. */
const injection = join(dir, 'inj\u001b[2J\n::error::name.tgz')
writeFileSync(injection, injectionTarball())

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/

function expectNeutral(output: string): void {
  expect(output).not.toMatch(CONTROL)
  for (const line of output.split('\n')) {
    // Whatever the escaping, artifact text never starts a line: the runner trims leading spaces.
    expect(line.trimStart()).not.toMatch(/^(::|\\:\\:|\\x1B|pwned|inj)/)
  }
}

describe('text output of hostile names', () => {
  it('text and Markdown: no control character, no line that starts with artifact text', async () => {
    const [text, markdown, json] = await Promise.all(
      ['text', 'markdown', 'json'].map((format) =>
        runCli(['scan', injection, '--format', format, '--fail-on', 'none']),
      ),
    )
    const report = JSON.parse(json!.stdout) as Report
    // The attack reached the report: the map's path is in the headline, the escapes in excerpts.
    expect(report.summary.headline).toContain('\u001b[2J')
    expect(report.summary.headline).toContain('\n::error::pwned')
    for (const r of [text!, markdown!]) {
      expect(r.code, r.stderr).toBe(0)
      expectNeutral(r.stdout)
      expectNeutral(r.stderr)
    }
    // What was there is still said, as visible escapes.
    expect(text!.stdout).toContain(
      'reconstructed from package/\\x1B[2J\\x1B[H\\x1B]8;;https://evil.example/x',
    )
    expect(text!.stdout).toContain('\\u202Egnp\\n::error::pwned.js.map')
    expect(text!.stdout.split('\n')[0]).toBe('Artifact: inj\\x1B[2J\\n::error::name.tgz (286 B)')
  })

  it('stderr: a missing path with escapes is one neutral line', async () => {
    const r = await runCli(['scan', join(dir, 'gone\u001b]8;;https://evil.example/\u0007\n::error::x.tgz')])
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')).toHaveLength(2)
    expect(r.stderr).toMatch(/^exposure-explorer: /)
    expectNeutral(r.stderr)
  })

  it('a path of 5,000 folders is read and printed with its middle clipped', async () => {
    const deep = join(dir, 'deep.tgz')
    writeFileSync(deep, deepPathTarball())
    const [json, text] = await Promise.all(
      ['json', 'text'].map((format) => runCli(['scan', deep, '--format', format, '--fail-on', 'none'])),
    )
    expect(json!.code, json!.stderr).toBe(0)
    const report = JSON.parse(json!.stdout) as Report
    expect(report.files.map((f) => f.path)).toContain(DEEP_FILE)
    for (const line of text!.stdout.split('\n')) expect(line.length).toBeLessThan(260)
  })
})
