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
