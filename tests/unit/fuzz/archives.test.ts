// Fuzzing the archive readers: valid gzip, tar and zip inputs, mutated (bit flips, truncation,
// splices, deleted and duplicated ranges, overwritten length fields), through analyze(). Whatever
// the bytes, the analysis ends with a report whose errors are the tool's own sentences.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gzip } from '../../../src/build/sample/archives'
import { applyMutations, analyzeMutant, fuzzParams, mutations, RUN_TIMEOUT_MS, RUNS } from './mutate'
import { baseTar, baseZip, gzipFields, tarFields, zipFields } from './bases'

const cases = [
  { format: 'gzip', name: 'fuzz-1.0.0.tgz', bytes: gzip(baseTar()), fields: gzipFields, seed: 101 },
  { format: 'tar', name: 'fuzz-1.0.0.tar', bytes: baseTar(), fields: tarFields, seed: 202 },
  { format: 'zip', name: 'fuzz.zip', bytes: baseZip(), fields: zipFields, seed: 303 },
]

describe('fuzzed archives', () => {
  for (const c of cases) {
    it(`${c.format}: the unmutated input is read without errors (the base is valid)`, async () => {
      const report = await analyzeMutant(c.name, c.bytes)
      expect(report.errors).toEqual([])
      expect(report.files.length).toBeGreaterThan(1)
    })

    it(
      `${c.format}: ${RUNS} mutated inputs each end in a report, never a throw or a hang`,
      async () => {
        const fields = c.fields(c.bytes)
        await fc.assert(
          fc.asyncProperty(mutations, async (list) => {
            await analyzeMutant(c.name, applyMutations(c.bytes, list, fields))
          }),
          fuzzParams(c.seed),
        )
      },
      RUNS * RUN_TIMEOUT_MS,
    )
  }
})
