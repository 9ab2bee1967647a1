// Count-only scans (src/core/count-only.ts): once the report lists limits.maxFindings findings, texts
// are scanned for counts, and the report must be exactly what full scans of every text give: the same
// summary counts, listed findings, folds and limit entry, in line, on the CLI's threads and in the
// page's scan pool. The reference scans every text in full through a scan service that never asks
// for counts (the report as it was before count-only scans).
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { analyze, scanText, type AnalyzeOptions, type ScanService } from '../../../src/core/analyze'
import { exposureHash, listedHashes, mayBeListed } from '../../../src/core/count-only'
import { FindingList } from '../../../src/core/finding-list'
import { memorySource } from '../../../src/core/input/byte-source'
import type { Report } from '../../../src/core/report/model'
import { KeyedHash } from '../../../src/core/util/keyed-hash'
import { ThreadScanner } from '../../../src/cli/scan-threads'
import { PoolScanner, ScanPort } from '../../../src/worker/scan-pool'
import { serveScans } from '../../../src/worker/scan-serve'
import type { ScanRequest } from '../../../src/worker/protocol'
import { ROOT } from '../../bench/lib/inputs'
import { runCli } from '../cli/run-cli'
import { buildCalibratedFloodTgz } from '../../fixtures/lib/flood'

const SLOW = { timeout: 180_000 }
const BUNDLE = pathToFileURL(join(ROOT, 'node_modules/.cache/exposure-explorer/cli.mjs'))
/** Low enough that the limit is reached in the third of the flood's files. */
const LIMITS = { maxFindings: 2_500 }

/** Every text scanned in full, in line: what the report was before count-only scans. */
function fullScans(key?: Uint8Array): ScanService {
  const hasher = key && new KeyedHash(key)
  return {
    submit: (file, text, done) => done(scanText(file, text, hasher)),
    whenReady: () => null,
    drain: async () => {},
  }
}

const input = (manifestLast: boolean) => [
  memorySource('flood.tgz', buildCalibratedFloodTgz({ manifestLast })),
]

const ports: MessagePort[] = []
afterEach(() => {
  for (const port of ports.splice(0)) port.close()
  vi.restoreAllMocks()
})

/** Two in-process scan workers, and how many texts reached them marked count-only. `busyMs`: each
 *  batch waits that long before it is scanned, as on a busy worker, so batches are still held when the
 *  reading ends whatever the machine's load. */
function pool(busyMs = 0) {
  const seen = { counting: 0 }
  const scanPorts = Array.from({ length: 2 }, () => {
    const channel = new MessageChannel()
    ports.push(channel.port1, channel.port2)
    channel.port2.addEventListener('message', (event: MessageEvent<ScanRequest>) => {
      if (event.data.listed) seen.counting += event.data.texts.length
    })
    serveScans(channel.port2)
    const serve = channel.port2.onmessage!
    if (busyMs > 0)
      channel.port2.onmessage = (event) => setTimeout(() => serve.call(channel.port2, event), busyMs)
    return new ScanPort(channel.port1)
  })
  return { scanPorts, seen }
}

const totals = (report: Report) =>
  Object.values(report.summary.findings)
    .flatMap((c) => Object.values(c!))
    .reduce((a, b) => a + b, 0)

beforeAll(async () => {
  // Makes (or refreshes) the bundle the threads load.
  expect((await runCli(['--version'])).code).toBe(0)
}, 180_000)

describe('count-only scans past the listing limit', () => {
  for (const manifestLast of [false, true]) {
    const order = manifestLast ? 'package.json last' : 'package.json first'
    it(`give the report of full scans, in line, on threads and in the pool (${order})`, SLOW, async () => {
      const options: AnalyzeOptions = { limits: LIMITS }
      const reference = await analyze(input(manifestLast), { ...options, scanner: fullScans() })
      // The flood is past the limit, every calibration is in play, and repeats fold.
      expect(reference.findings).toHaveLength(LIMITS.maxFindings)
      expect(reference.summary.unlisted!.pastLimit).toBeGreaterThan(10_000)
      expect(reference.summary.unlisted!.repeats).toBeGreaterThan(0)
      expect(reference.summary.findings['internal-notes']!.info).toBeGreaterThan(0)
      expect(reference.summary.findings.secrets!.critical).toBeGreaterThan(0)
      expect(reference.summary.findings.secrets!.high).toBeGreaterThan(0)
      expect(totals(reference)).toBe(5 * 200 * 16)

      const counted = vi.spyOn(FindingList.prototype, 'addCounted')
      const inline = await analyze(input(manifestLast), options)
      expect(counted.mock.calls.length, 'texts scanned count-only in line').toBeGreaterThan(5)
      expect(JSON.stringify(inline)).toBe(JSON.stringify(reference))

      counted.mockClear()
      const threads = new ThreadScanner(BUNDLE, { threads: 2, batchChars: 20_000 })
      try {
        const threaded = await analyze(input(manifestLast), { ...options, scanner: threads })
        expect(threads.threadsStarted).toBe(2)
        expect(counted.mock.calls.length, 'texts scanned count-only on threads').toBeGreaterThan(0)
        expect(JSON.stringify(threaded)).toBe(JSON.stringify(reference))
      } finally {
        await threads.close()
      }

      counted.mockClear()
      const { scanPorts, seen } = pool()
      const pooled = await analyze(input(manifestLast), {
        ...options,
        scanner: new PoolScanner(scanPorts, undefined, 40_000, false),
      })
      expect(seen.counting, 'texts sent to the pool count-only').toBeGreaterThan(0)
      expect(counted.mock.calls.length).toBe(seen.counting)
      expect(JSON.stringify(pooled)).toBe(JSON.stringify(reference))

      // The reader scanning the batches left once it has read everything: the same report.
      const helped = new PoolScanner(pool(50).scanPorts, undefined, 40_000)
      const helpedReport = await analyze(input(manifestLast), { ...options, scanner: helped })
      expect(helped.scannedHere, 'texts the reader scanned').toBeGreaterThan(0)
      expect(JSON.stringify(helpedReport)).toBe(JSON.stringify(reference))
    })
  }

  it('give the report of full scans with keyed value hashes (a diff run)', SLOW, async () => {
    const key = new Uint8Array(32).fill(3)
    const options: AnalyzeOptions = { limits: LIMITS, match: { key } }
    const reference = await analyze(input(false), { ...options, scanner: fullScans(key) })
    expect(reference.findings.every((f) => f.valueHash !== undefined)).toBe(true)
    expect(JSON.stringify(await analyze(input(false), options))).toBe(JSON.stringify(reference))
  })
})

describe('the listed set', () => {
  const finding = { rule: 'r', excerpt: 'a line', valueHash: undefined }

  it('says "maybe" for every listed exposure whatever its severity, "no" for others', () => {
    const listed = listedHashes([finding, { ...finding, rule: 'q' }, finding])
    expect(listed).toHaveLength(2)
    expect(mayBeListed(listed, finding)).toBe(true)
    expect(mayBeListed(listed, { ...finding, rule: 'q' })).toBe(true)
    expect(mayBeListed(listed, { ...finding, excerpt: 'a line ' })).toBe(false)
    expect(mayBeListed(listed, { ...finding, valueHash: 'v' })).toBe(false)
    // The parts are kept apart: moving a character from one part to the next is another exposure.
    expect(exposureHash({ rule: 'ra', excerpt: 'b' })).not.toBe(exposureHash({ rule: 'r', excerpt: 'ab' }))
  })
})
