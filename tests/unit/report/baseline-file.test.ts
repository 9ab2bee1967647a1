// The baseline file: written from a triage and read back the same, matched to the exposures of a new
// analysis of the same package by key, never holding a secret, and a wrong file named by its field.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import {
  applyBaseline,
  BaselineError,
  readBaseline,
  writeBaseline,
  type Triage,
} from '../../../src/core/report/baseline-file'
import { EXPOSURE_TOKEN, exposurePackage } from '../../fixtures/lib/exposure-package'

const scan = (seed: number) =>
  analyze([memorySource('exposure-demo-1.0.0.tgz', exposurePackage({ renameSeed: seed }))], {})

describe('baseline file', () => {
  it('round-trips a triage and matches a rebuilt version of the package; no secret in it', async () => {
    const first = await scan(1)
    const secret = first.exposures!.find((e) => e.kind === 'secret')!
    const gate = first.exposures!.find((e) => e.title === 'feature gate KAIROS')!
    const triage = new Map<string, Triage>([
      [secret.key, { status: 'suppressed', reason: 'revoked on 2026-03-31' }],
      [gate.key, { status: 'accepted', reason: 'announced' }],
    ])
    const text = writeBaseline(triage, first.exposures)
    expect(text).not.toContain(EXPOSURE_TOKEN)
    expect(
      JSON.parse(text)
        .entries.map((e: { title: string }) => e.title)
        .sort(),
    ).toEqual([secret.title, gate.title].sort())
    const read = readBaseline(text)
    expect(read).toEqual(triage)
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

  it('names what is wrong with a file that is not a baseline', () => {
    const fails = (text: string) => {
      try {
        readBaseline(text)
      } catch (error) {
        expect(error).toBeInstanceOf(BaselineError)
        return (error as Error).message
      }
      throw new Error('read')
    }
    expect(fails('{')).toBe('the file is not JSON')
    expect(fails('{"format":"x"}')).toBe('"format" is not "exposure-explorer-baseline"')
    expect(fails('{"format":"exposure-explorer-baseline","version":2,"entries":[]}')).toBe(
      '"version" 2 is not 1',
    )
    expect(
      fails('{"format":"exposure-explorer-baseline","version":1,"entries":[{"key":"k","status":"ok"}]}'),
    ).toBe('entries[0].status is not "accepted" or "suppressed"')
  })
})
