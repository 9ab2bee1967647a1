// Baselines through the CLI: --write-baseline accepts everything found (never writing a secret),
// --baseline takes the triaged exposures out of --fail-on and marks them in the JSON report.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import {
  baselineKey,
  baselineOf,
  baselineText,
  readBaseline,
  triageOf,
} from '../../../src/core/report/baseline'
import type { Report } from '../../../src/core/report/model'
import { EXPOSURE_HOST, EXPOSURE_TOKEN, exposurePackage } from '../../fixtures/lib/exposure-package'
import { runCli } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'ee-baseline-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const tgz = join(dir, 'exposure-demo-1.0.0.tgz')
writeFileSync(tgz, exposurePackage())

describe('scan --write-baseline / --baseline', () => {
  it('accepts what is found now, keeps secrets as keyed hashes, and then passes the gate', async () => {
    const file = join(dir, 'baseline.json')
    const first = await runCli(['scan', tgz, '--write-baseline', file, '--fail-on', 'high'])
    expect(first.code, first.stderr).toBe(1)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain(EXPOSURE_TOKEN)
    expect(text).not.toContain(EXPOSURE_TOKEN.slice(4, -4))
    const baseline = readBaseline(text)
    expect(baseline.key).toMatch(/^[0-9a-f]{64}$/)
    expect(baseline.entries.every((e) => e.status === 'accepted')).toBe(true)
    expect(baseline.entries.some((e) => e.category === 'secrets' && / h:[0-9a-f]{16}$/.test(e.key))).toBe(
      true,
    )

    const again = await runCli(['scan', tgz, '--baseline', file, '--fail-on', 'high', '--format', 'json'])
    expect(again.code, again.stderr).toBe(0)
    const report = JSON.parse(again.stdout) as Report
    expect(report.exposures!.every((e) => e.triage?.status === 'accepted')).toBe(true)
  })

  it('suppresses one exposure: it leaves the brief and the gate, the others stay', async () => {
    const file = join(dir, 'all.json')
    await runCli(['scan', tgz, '--write-baseline', file])
    const baseline = readBaseline(readFileSync(file, 'utf8'))
    const host = baseline.entries.find((e) => e.title === `internal host ${EXPOSURE_HOST}`)!
    const only = { ...baseline, entries: [{ ...host, status: 'suppressed', reason: 'public mirror' }] }
    const suppressed = join(dir, 'one.json')
    writeFileSync(suppressed, JSON.stringify(only))
    const text = await runCli(['scan', tgz, '--baseline', suppressed, '--fail-on', 'none'])
    expect(text.stdout).not.toContain(`Infrastructure: 1 internal host — ${EXPOSURE_HOST}`)
    const json = JSON.parse(
      (await runCli(['scan', tgz, '--baseline', suppressed, '--format', 'json'])).stdout,
    )
    const triaged = (json as Report).exposures!.filter((e) => e.triage)
    expect(triaged.map((e) => [e.title, e.triage])).toEqual([
      [`internal host ${EXPOSURE_HOST}`, { status: 'suppressed', reason: 'public mirror' }],
    ])
  })

  it('reads the baseline the page saves (no match key): the secret and the host it suppresses stay out', async () => {
    // The page's "Save baseline" is baselineText(baselineOf(exposures, triage)) over an analysis
    // made without a key, as here.
    const page = await analyze([memorySource('exposure-demo-1.0.0.tgz', exposurePackage())], {})
    const secret = page.exposures!.find((e) => e.kind === 'secret')!
    const host = page.exposures!.find((e) => e.subject === EXPOSURE_HOST)!
    const triage = new Map([
      [secret.key, { status: 'suppressed' as const, reason: 'revoked' }],
      [host.key, { status: 'suppressed' as const, reason: 'public mirror' }],
    ])
    const file = join(dir, 'from-page.json')
    writeFileSync(file, baselineText(baselineOf(page.exposures!, triage)))
    expect(readFileSync(file, 'utf8')).not.toContain(EXPOSURE_TOKEN)
    const r = await runCli(['scan', tgz, '--baseline', file, '--format', 'json', '--fail-on', 'none'])
    expect(r.code, r.stderr).toBe(0)
    const triaged = (JSON.parse(r.stdout) as Report).exposures!.filter((e) => e.triage)
    expect(triaged.map((e) => e.title).sort()).toEqual([secret.title, host.title].sort())
    expect(triaged.every((e) => e.triage!.status === 'suppressed')).toBe(true)
  })

  it('a baseline the CLI wrote, loaded and saved again by the page, suppresses the same exposures and keeps the entries of another version', async () => {
    // The CLI's baseline of the next version (a second host and gate this one lacks).
    const next = join(dir, 'exposure-demo-1.1.0.tgz')
    writeFileSync(next, exposurePackage({ version: '1.1.0', extra: true }))
    const written = join(dir, 'cli-written.json')
    await runCli(['scan', next, '--write-baseline', written])
    const cli = readBaseline(readFileSync(written, 'utf8'))
    // The page, as ExposureView does: the loaded triage, the analysis keyed with the baseline's key,
    // the secret suppressed there, and the loaded entries kept on save.
    const key = baselineKey(cli)!
    const page = await analyze([memorySource('exposure-demo-1.0.0.tgz', exposurePackage())], {
      match: { key },
    })
    const triage = triageOf(cli)
    const secret = page.exposures!.find((e) => e.kind === 'secret')!
    // Keyed alike, the page's secret is the CLI's entry.
    expect(triage.has(secret.key)).toBe(true)
    triage.set(secret.key, { status: 'suppressed', reason: 'revoked' })
    const saved = baselineText(baselineOf(page.exposures!, triage, key, cli.entries))
    expect(saved).not.toContain(EXPOSURE_TOKEN)
    const file = join(dir, 'page-saved.json')
    writeFileSync(file, saved)
    const back = readBaseline(saved)
    expect(back.key).toBe(cli.key)
    expect(back.entries.map((e) => e.key).sort()).toEqual(cli.entries.map((e) => e.key).sort())

    for (const input of [tgz, next]) {
      const r = await runCli(['scan', input, '--baseline', file, '--format', 'json', '--fail-on', 'high'])
      expect(r.code, r.stderr).toBe(0)
      const exposures = (JSON.parse(r.stdout) as Report).exposures!
      expect(exposures.filter((e) => !e.triage)).toEqual([])
      expect(exposures.filter((e) => e.triage!.status === 'suppressed').map((e) => e.kind)).toEqual([
        'secret',
      ])
    }
  })

  it('says so when the file is not a baseline (exit 2)', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"format":"something-else"}')
    const r = await runCli(['scan', tgz, '--baseline', bad])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('is not a baseline: "format" is not "exposure-explorer-baseline"')
  })
})
