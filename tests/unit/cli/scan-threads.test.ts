// The CLI's scan threads (src/cli/scan-threads.ts) against the one-thread analysis: the same report
// whatever the batch size and in-flight cap, no thread for a small input, and a dying thread costs
// warnings, never a hang. The threads load the CLI's real bundle, which bin.js makes on first use.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import type { ExposedFile, Report } from '../../../src/core/report/model'
import { findingsIn, type ScanResult } from '../../../src/core/analyze'
import { ThreadScanner, scanThreadCount } from '../../../src/cli/scan-threads'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import { ROOT } from '../../bench/lib/inputs'
import { runCli } from './run-cli'

const SLOW = { timeout: 180_000 }
const BUNDLE = pathToFileURL(join(ROOT, 'node_modules/.cache/exposure-explorer/cli.mjs'))
const sample = () => [memorySource(SAMPLE_FILE_NAME, buildSamplePackage())]
/** A token-shaped value (made up) the secrets rules find. */
const SECRET = 'ghp_' + 'Zq8v3Rk2Lw9XaT7n3M5pQ1sB4dF6gH8jK0mN'
const FIELDS = ['tool', 'input', 'summary', 'files', 'findings', 'errors'] as const

let inline: Report
let dir: string
beforeAll(async () => {
  // Makes (or refreshes) the bundle the threads load.
  expect((await runCli(['--version'])).code).toBe(0)
  inline = await analyze(sample())
  dir = await mkdtemp(join(tmpdir(), 'ee-threads-'))
}, 180_000)
afterAll(() => rm(dir, { recursive: true, force: true }))

/** analyze() with `scanner`, counting how often it made the reading wait. */
async function analyzeWith(scanner: ThreadScanner): Promise<{ report: Report; waits: number }> {
  let waits = 0
  const counting = {
    submit: scanner.submit.bind(scanner),
    drain: scanner.drain.bind(scanner),
    whenReady() {
      const wait = scanner.whenReady()
      if (wait) waits++
      return wait
    },
  }
  try {
    return { report: await analyze(sample(), { scanner: counting }), waits }
  } finally {
    await scanner.close()
  }
}

describe('ThreadScanner', () => {
  it(
    'gives the one-thread report with tiny batches over two threads and a tiny in-flight cap',
    SLOW,
    async () => {
      const scanner = new ThreadScanner(BUNDLE, { threads: 2, batchChars: 3000, maxInFlightChars: 20_000 })
      const { report, waits } = await analyzeWith(scanner)
      expect(scanner.threadsStarted).toBe(2)
      expect(waits).toBeGreaterThan(0)
      expect(inline.findings.length).toBeGreaterThan(50)
      for (const field of FIELDS) expect(report[field], field).toEqual(inline[field])
    },
  )

  it('gives the same report when every thread is retired after each batch', SLOW, async () => {
    const scanner = new ThreadScanner(BUNDLE, {
      threads: 2,
      batchChars: 3000,
      maxInFlightChars: 3000,
      retireAfterChars: 1,
    })
    const { report } = await analyzeWith(scanner)
    expect(scanner.threadsStarted).toBeGreaterThan(2)
    for (const field of FIELDS) expect(report[field], field).toEqual(inline[field])
  })

  it(
    'lets one text past the in-flight cap, so the reading goes on while a thread scans it',
    SLOW,
    async () => {
      const scanner = new ThreadScanner(BUNDLE, {
        threads: 1,
        batchChars: 1000,
        maxInFlightChars: 10_000,
        aloneChars: 100_000,
      })
      const file = (id: number) => ({ id, path: `dist/part-${id}.js` }) as ExposedFile
      const results: ScanResult[] = []
      // A secret at the start of each text: the thread decoded the bytes it was handed.
      const text = (n: number) => `const key = "${SECRET}";\n` + 'x'.repeat(n)
      const bytes = (n: number) => new TextEncoder().encode(text(n))
      try {
        scanner.submit(file(1), text(50_000), (r) => results.push(r), bytes(50_000))
        expect(scanner.whenReady(), 'one text past the cap').toBeNull()
        scanner.submit(file(2), text(50_000), (r) => results.push(r), bytes(50_000))
        expect(scanner.whenReady(), 'a second one').not.toBeNull()
        await scanner.drain()
        expect(scanner.whenReady()).toBeNull()
        // Past aloneChars the reading waits, even for one text.
        scanner.submit(file(3), text(200_000), (r) => results.push(r))
        expect(scanner.whenReady(), 'a text past aloneChars').not.toBeNull()
        await scanner.drain()
      } finally {
        await scanner.close()
      }
      expect(results).toHaveLength(3)
      for (const result of results) expect(findingsIn(result).map((f) => f.category)).toContain('secrets')
    },
  )

  it(
    'holds a batch back while the full scans in flight may fill the list, then scans it count-only',
    SLOW,
    async () => {
      const file = (id: number) => ({ id, path: `dist/part-${id}.js` }) as ExposedFile
      const text = `const key = "${SECRET}";\n`
      const results: ScanResult[] = []
      const asked: number[] = []
      // The list is full once the first text's result is taken; until then the one in flight may fill it.
      let full = false
      const query = Object.assign(() => (full ? new Uint32Array(0) : undefined), {
        fillsWith: (chars: number) => {
          asked.push(chars)
          return !full
        },
      })
      const scanner = new ThreadScanner(BUNDLE, { threads: 2, batchChars: 1 })
      try {
        scanner.submit(file(1), text, (r) => ((full = true), results.push(r)), undefined, query)
        scanner.submit(file(2), text, (r) => results.push(r), undefined, query)
        await scanner.drain()
      } finally {
        await scanner.close()
      }
      // Two idle threads, yet the second batch waited for the first: it was scanned count-only.
      expect(asked).toEqual([text.length])
      expect(scanner.threadsStarted).toBe(1)
      expect(Array.isArray(results[0])).toBe(true)
      expect(findingsIn(results[0]!).map((f) => f.category)).toContain('secrets')
      expect(results[1]).toMatchObject({ counted: { secrets: { critical: 1 } } })
    },
  )

  it('starts no thread for an input with less text than one batch', SLOW, async () => {
    const scanner = new ThreadScanner(BUNDLE, { threads: 2, batchChars: 64 * 1024 * 1024 })
    const { report } = await analyzeWith(scanner)
    expect(scanner.threadsStarted).toBe(0)
    for (const field of FIELDS) expect(report[field], field).toEqual(inline[field])
  })

  it(
    'a thread that dies fails its texts with a warning; the analysis ends with every file listed',
    SLOW,
    async () => {
      const dying = join(dir, 'dying.mjs')
      await writeFile(dying, 'process.exit(3)\n')
      const scanner = new ThreadScanner(pathToFileURL(dying), { threads: 1, batchChars: 3000 })
      const { report } = await analyzeWith(scanner)
      expect(report.files).toEqual(inline.files)
      const lost = report.errors.filter((e) => e.message.includes('the scan thread stopped: exit code 3'))
      expect(lost.length).toBeGreaterThan(0)
      expect(lost.every((e) => e.level === 'warning' && e.message.startsWith('Not scanned'))).toBe(true)
      expect(report.findings.length).toBeLessThan(inline.findings.length)
    },
  )
})

describe('scanThreadCount', () => {
  it('takes EE_SCAN_THREADS when it is a whole number, else at most 2', () => {
    expect(scanThreadCount({ EE_SCAN_THREADS: '0' })).toBe(0)
    expect(scanThreadCount({ EE_SCAN_THREADS: '3' })).toBe(3)
    const auto = scanThreadCount({})
    expect(auto).toBeGreaterThanOrEqual(1)
    expect(auto).toBeLessThanOrEqual(2)
    expect(scanThreadCount({ EE_SCAN_THREADS: 'many' })).toBe(auto)
  })
})
