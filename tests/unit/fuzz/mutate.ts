// Shared pieces of the fuzz tests: byte mutations as fast-check arbitraries (bit flips, truncation,
// splices, deleted ranges, overwritten length fields) and the invariants every analysis must keep,
// whatever bytes it is given.
import fc from 'fast-check'
import { expect } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import type { Limits, Report } from '../../../src/core/report/model'

/** Runs per format: `npm test` keeps it short (4 formats × 50), `npm run fuzz` sets FUZZ_RUNS=20000. */
export const RUNS = Math.max(1, Math.round(Number(process.env.FUZZ_RUNS ?? 200) / 4))

/** Small limits so a mutation that turns into a bomb stops quickly. */
export const FUZZ_LIMITS: Partial<Limits> = {
  maxInflatedBytes: 8 * 1024 * 1024,
  maxFileBytes: 4 * 1024 * 1024,
  maxDepth: 4,
  maxEntries: 5_000,
}

/** A single analysis must end within this long (ms); a hang fails the property with its input. */
export const RUN_TIMEOUT_MS = 15_000

export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'field'; field: number; value: number }

/** Positions are fractions of the current length, so one mutation list applies to any input. */
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('flip' as const),
      at: position.map(frac),
      bit: fc.integer({ min: 0, max: 7 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position.map(frac) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: position.map(frac),
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: position.map(frac),
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('duplicate' as const),
      at: position.map(frac),
      length: fc.integer({ min: 1, max: 600 }),
      to: position.map(frac),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('field' as const),
      field: fc.nat(),
      value: fc.oneof(fc.constantFrom(0, 1, 0xffff, 0x7fffffff, 0xffffffff), fc.nat()),
    }),
  },
)

function frac(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 })

/** Offsets of length/offset fields a format reader trusts (uint32 little-endian unless `octal`). */
export interface LengthField {
  at: number
  /** Tar sizes are 11 octal digits of ASCII. */
  octal?: boolean
}

export function applyMutations(input: Uint8Array, list: Mutation[], fields: LengthField[]): Uint8Array {
  let bytes: Uint8Array = input.slice()
  for (const m of list) {
    const at = (f: number) => Math.min(bytes.length, Math.floor(f * (bytes.length + 1)))
    if (m.op === 'flip' && bytes.length > 0) bytes[Math.min(bytes.length - 1, at(m.at))] ^= 1 << m.bit
    else if (m.op === 'truncate') bytes = bytes.slice(0, at(m.at))
    else if (m.op === 'insert')
      bytes = concat([bytes.subarray(0, at(m.at)), Uint8Array.from(m.bytes), bytes.subarray(at(m.at))])
    else if (m.op === 'delete')
      bytes = concat([bytes.subarray(0, at(m.at)), bytes.subarray(at(m.at) + m.length)])
    else if (m.op === 'duplicate') {
      const piece = bytes.slice(at(m.at), at(m.at) + m.length)
      bytes = concat([bytes.subarray(0, at(m.to)), piece, bytes.subarray(at(m.to))])
    } else if (m.op === 'field' && fields.length > 0)
      writeField(bytes, fields[m.field % fields.length], m.value)
  }
  return bytes
}

function writeField(bytes: Uint8Array, field: LengthField, value: number): void {
  if (field.octal) {
    const text = (value % 0o77777777777).toString(8).padStart(11, '0')
    for (let i = 0; i < 11 && field.at + i < bytes.length; i++) bytes[field.at + i] = text.charCodeAt(i)
  } else if (field.at + 4 <= bytes.length) {
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(field.at, value >>> 0, true)
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Messages that are a JavaScript runtime failure leaking through, not a sentence of ours. */
const FOREIGN_MESSAGE =
  /is not a function|Cannot read propert|Cannot set propert|is not iterable|Maximum call stack|\bundefined\b|\bNaN\b|\[object |Invalid array length|out of memory/

/** Analyses `bytes` as a dropped file named `name` and checks the invariants of any report. */
export async function analyzeMutant(name: string, bytes: Uint8Array): Promise<Report> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`analysis did not end within ${RUN_TIMEOUT_MS} ms`)),
      RUN_TIMEOUT_MS,
    )
  })
  try {
    const report = await Promise.race([
      analyze([memorySource(name, bytes)], { limits: FUZZ_LIMITS }),
      timeout,
    ])
    checkReport(report)
    return report
  } finally {
    clearTimeout(timer)
  }
}

export function checkReport(report: Report): void {
  expect(Array.isArray(report.files)).toBe(true)
  expect(report.summary.files).toBe(report.files.length)
  report.files.forEach((file, i) => {
    expect(file.id).toBe(i)
    expect(typeof file.path).toBe('string')
    expect(Number.isInteger(file.bytes) && file.bytes >= 0).toBe(true)
    expect(Number.isInteger(file.lines) && file.lines >= 0).toBe(true)
  })
  for (const error of report.errors) {
    expect(typeof error.path).toBe('string')
    expect(typeof error.message).toBe('string')
    expect(error.message.length).toBeGreaterThan(0)
    expect(error.message).not.toMatch(FOREIGN_MESSAGE)
    expect([undefined, 'error', 'warning', 'limit']).toContain(error.level)
  }
}

/** Property runner shared by the format tests: a fixed seed per format unless FUZZ_SEED is set. */
export function fuzzParams<T extends unknown[] = [Mutation[]]>(seed: number): fc.Parameters<T> {
  return { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? seed), endOnFailure: true }
}
