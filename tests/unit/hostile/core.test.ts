// Every hostile input through analyze(), with the limits it names: the exact error entry (message
// and level), and the good parts still in the report.
import { describe, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { hostileInputs } from '../../fixtures/lib/hostile-inputs'
import { checkHostileReport } from './check'
import { EXPECTED, HEAVY } from './expected'

describe('hostile inputs through analyze()', () => {
  for (const input of hostileInputs().filter((h) => !HEAVY.has(h.id))) {
    it(`${input.id}: ${input.what}`, async () => {
      const report = await analyze([memorySource(input.name, input.bytes)], { limits: input.limits })
      checkHostileReport(report, EXPECTED[input.id])
    })
  }
})
