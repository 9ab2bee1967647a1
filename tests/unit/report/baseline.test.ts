// The baseline file: written from a triage, read back, applied by exposure key; never a secret.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import {
  acceptAll,
  applyBaseline,
  baselineKey,
  baselineOf,
  baselineText,
  BaselineError,
  readBaseline,
  triageOf,
} from '../../../src/core/report/baseline'
import { briefOf } from '../../../src/core/report/brief'
import { EXPOSURE_HOST, EXPOSURE_TOKEN, exposurePackage } from '../../fixtures/lib/exposure-package'

const scan = (key: Uint8Array, version = '1.0.0') =>
  analyze([memorySource(`exposure-demo-${version}.tgz`, exposurePackage({ version }))], { match: { key } })

describe('baselines', () => {
  it('round-trips, matches the same exposures in another version, and holds no secret', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const first = await scan(key)
    const text = baselineText(acceptAll(first.exposures!, 'known', key))
    expect(text).not.toContain(EXPOSURE_TOKEN)
    const baseline = readBaseline(text)
    expect(baselineKey(baseline)).toEqual(key)
    const next = await scan(baselineKey(baseline)!, '1.0.1')
    expect(applyBaseline(next.exposures!, baseline)).toBe(next.exposures!.length)
    // Hashed with another key, the secret is not matched: its hash differs.
    const other = await scan(new Uint8Array(32).fill(9), '1.0.1')
    applyBaseline(other.exposures!, baseline)
    expect(other.exposures!.filter((e) => !e.triage).map((e) => e.kind)).toEqual(['secret'])
  })

  it('a suppressed exposure leaves the brief; an accepted one stays', async () => {
    const key = new Uint8Array(32).fill(1)
    const report = await scan(key)
    const host = report.exposures!.find((e) => e.subject === EXPOSURE_HOST)!
    const baseline = baselineOf(
      report.exposures!,
      new Map([[host.key, { status: 'suppressed', reason: 'r' }]]),
    )
    applyBaseline(report.exposures!, baseline)
    const brief = briefOf(report)
    expect(brief.suppressed).toBe(1)
    expect(brief.lines.flatMap((l) => l.exposures)).not.toContain(host.id)
  })

  it('names what is wrong with a file that is not a baseline', () => {
    expect(() => readBaseline('nope')).toThrow(BaselineError)
    expect(() =>
      readBaseline('{"format":"exposure-explorer-baseline","formatVersion":2,"entries":[]}'),
    ).toThrow(/formatVersion/)
    expect(() =>
      readBaseline(
        '{"format":"exposure-explorer-baseline","formatVersion":1,"entries":[{"key":"k","status":"x"}]}',
      ),
    ).toThrow('entries[0].status must be "accepted" or "suppressed"')
  })
})

describe('a baseline saved again', () => {
  it('keeps the loaded entries that name nothing in this report, and drops none of its own', async () => {
    const key = new Uint8Array(32).fill(3)
    const withExtra = await analyze(
      [memorySource('exposure-demo-1.1.0.tgz', exposurePackage({ version: '1.1.0', extra: true }))],
      { match: { key } },
    )
    const loaded = acceptAll(withExtra.exposures!, 'known', key)
    const report = await scan(key)
    const here = new Set(report.exposures!.map((e) => e.key))
    const elsewhere = loaded.entries.filter((e) => !here.has(e.key))
    expect(elsewhere.map((e) => e.title)).toEqual(
      expect.arrayContaining(['feature gate BUDDY', 'internal host deploy.corp.example-co.dev']),
    )
    const triage = triageOf(loaded)
    const host = report.exposures!.find((e) => e.subject === EXPOSURE_HOST)!
    triage.set(host.key, { status: 'suppressed', reason: 'mirror' })
    const saved = baselineOf(report.exposures!, triage, key, loaded.entries)
    expect(saved.entries.map((e) => e.key).sort()).toEqual(loaded.entries.map((e) => e.key).sort())
    expect(saved.entries.find((e) => e.key === host.key)!.status).toBe('suppressed')
    for (const entry of elsewhere) expect(saved.entries).toContainEqual(entry)
    // Without the loaded entries, only this report's triage is written.
    expect(baselineOf(report.exposures!, triage, key).entries).toHaveLength(
      loaded.entries.length - elsewhere.length,
    )
  })
})
