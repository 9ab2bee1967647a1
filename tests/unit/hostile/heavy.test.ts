// The slow hostile inputs (a 50 MB single line, a map with 200,000 sources, a 64 MiB gzip bomb)
// through analyze(), in their own file so vitest runs them beside the quick ones.
import { describe, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { hostileInputs } from '../../fixtures/lib/hostile-inputs'
import { checkHostileReport } from './check'
import { EXPECTED, HEAVY } from './expected'

describe('heavy hostile inputs through analyze()', () => {
  for (const input of hostileInputs().filter((h) => HEAVY.has(h.id))) {
    it(`${input.id}: ${input.what}`, { timeout: 120_000 }, async () => {
      const report = await analyze([memorySource(input.name, input.bytes)], { limits: input.limits })
      checkHostileReport(report, EXPECTED[input.id])
    })
  }
})
