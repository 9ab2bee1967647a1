// A baseline as the page writes it (no match key: the page analyses without one): read back the same,
// matched to the exposures of a rebuilt package by key, never holding a secret.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import {
  applyBaseline,
  baselineOf,
  baselineText,
  readBaseline,
  triageOf,
  type Triage,
} from '../../../src/core/report/baseline'
import { EXPOSURE_TOKEN, exposurePackage } from '../../fixtures/lib/exposure-package'

const scan = (seed: number) =>
  analyze([memorySource('exposure-demo-1.0.0.tgz', exposurePackage({ renameSeed: seed }))], {})

describe('a baseline without a match key', () => {
  it('round-trips a triage and matches a rebuilt version of the package; no secret in it', async () => {
    const first = await scan(1)
    const secret = first.exposures!.find((e) => e.kind === 'secret')!
    const gate = first.exposures!.find((e) => e.title === 'feature gate KAIROS')!
    const triage = new Map<string, Triage>([
      [secret.key, { status: 'suppressed', reason: 'revoked on 2026-03-31' }],
      [gate.key, { status: 'accepted', reason: 'announced' }],
    ])
    const text = baselineText(baselineOf(first.exposures!, triage))
    expect(text).not.toContain(EXPOSURE_TOKEN)
    expect(
      JSON.parse(text)
        .entries.map((e: { title: string }) => e.title)
        .sort(),
    ).toEqual([secret.title, gate.title].sort())
    const read = readBaseline(text)
    expect(read.key).toBeUndefined()
    expect(triageOf(read)).toEqual(triage)
    // Another build (minified names changed): the same two exposures match.
    const second = await scan(9)
    expect(applyBaseline(second.exposures!, read)).toBe(2)
    const triaged = second.exposures!.filter((e) => e.triage)
    expect(triaged.map((e) => [e.title, e.triage!.status]).sort()).toEqual(
      [
        [secret.title, 'suppressed'],
        [gate.title, 'accepted'],
      ].sort(),
    )
  })
})
