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
import type { Report } from '../../../src/core/report/model'
import { ThreadScanner, scanThreadCount } from '../../../src/cli/scan-threads'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import { ROOT } from '../../bench/lib/inputs'
import { runCli } from './run-cli'

const SLOW = { timeout: 180_000 }
const BUNDLE = pathToFileURL(join(ROOT, 'node_modules/.cache/exposure-explorer/cli.mjs'))
const sample = () => [memorySource(SAMPLE_FILE_NAME, buildSamplePackage())]
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
