// Fuzzing the source-map reader: a plain and an index map mutated byte by byte, and maps built from
// fields of the wrong type or range. Any map ends in a report (a broken map is an error entry, and the
// map file itself stays listed), never a throw or a hang.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../../../src/build/sample/tar'
import {
  applyMutations,
  analyzeMutant,
  fuzzParams,
  mutations,
  RUN_TIMEOUT_MS,
  RUNS,
  type Mutation,
} from './mutate'
import { INDEX_MAP, SMALL_MAP } from './bases'

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
)
const vlq = fc.stringMatching(/^[A-Za-z0-9+/,;]{0,80}$/)
const structuredMap = fc.record(
  {
    version: fc.oneof(fc.constant(3), anyValue),
    sources: fc.oneof(
      fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constant(null)), { maxLength: 8 }),
      anyValue,
    ),
    sourcesContent: fc.oneof(
      fc.array(fc.oneof(fc.string({ maxLength: 60 }), fc.constant(null)), { maxLength: 8 }),
      anyValue,
    ),
    names: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), anyValue),
    mappings: fc.oneof(vlq, anyValue),
    sourceRoot: fc.oneof(fc.constantFrom('', 'webpack://', '../', 'file:///'), anyValue),
    sections: fc.oneof(
      fc.constant(undefined),
      fc.array(fc.record({ offset: anyValue, map: anyValue }), { maxLength: 3 }),
    ),
  },
  { requiredKeys: [] },
)

describe('fuzzed source maps', () => {
  it('the unmutated maps are read without errors (the bases are valid)', async () => {
    for (const map of [SMALL_MAP, INDEX_MAP]) {
      const report = await analyzeMutant('cli.js.map', toBytes(map))
      expect(report.errors).toEqual([])
    }
  })

  it(
    `${Math.ceil(RUNS / 2)} byte-mutated maps each end in a report`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), mutations, async (index, list) => {
          const base = toBytes(index ? INDEX_MAP : SMALL_MAP)
          await analyzeMutant('cli.js.map', applyMutations(base, list, []))
        }),
        { ...fuzzParams<[boolean, Mutation[]]>(404), numRuns: Math.ceil(RUNS / 2) },
      )
    },
    RUNS * RUN_TIMEOUT_MS,
  )

  it(
    `${Math.ceil(RUNS / 2)} maps with fields of any type each end in a report that still lists the map`,
    async () => {
      await fc.assert(
        fc.asyncProperty(structuredMap, async (map) => {
          const report = await analyzeMutant('cli.js.map', toBytes(JSON.stringify(map)))
          expect(report.files.some((f) => f.path === 'cli.js.map')).toBe(true)
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: Number(process.env.FUZZ_SEED ?? 505), endOnFailure: true },
      )
    },
    RUNS * RUN_TIMEOUT_MS,
  )
})
