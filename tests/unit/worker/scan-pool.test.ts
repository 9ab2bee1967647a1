// The page's scan pool (src/worker/scan-pool.ts, scan-serve.ts) against the reader scanning in line:
// the same report, byte for byte, with one scan worker and with several, for the sample package
// (a map's sources, findings of every category) and a flood (folded exposures, whose listed places
// must not depend on which worker answers first), also when the reader scans the batches no worker
// took before the reading ended. The workers are in-process MessagePorts here, so
// every batch crosses as a real structured clone, and large members as transferred buffers.
import { afterEach, describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { BATCHES_PER_WORKER, PoolScanner, ScanPort } from '../../../src/worker/scan-pool'
import { serveScans } from '../../../src/worker/scan-serve'
import type { ScanRequest } from '../../../src/worker/protocol'
import type { ExposedFile } from '../../../src/core/report/model'
import { buildFloodTgz } from '../../fixtures/lib/flood'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'

const open: MessagePort[] = []
afterEach(() => {
  for (const port of open.splice(0)) port.close()
})

/** `count` scan workers' ports, and what their requests carried. */
function pool(count: number) {
  const seen = { texts: 0, transferred: 0, literals: 0, requests: 0, mostSent: 0 }
  const ports = Array.from({ length: count }, () => {
    const channel = new MessageChannel()
    open.push(channel.port1, channel.port2)
    channel.port2.addEventListener('message', (event: MessageEvent<ScanRequest>) => {
      seen.requests++
      for (const text of event.data.texts) {
        seen.texts++
        if (text instanceof ArrayBuffer) seen.transferred++
        else if (typeof text !== 'string') seen.literals++
      }
    })
    serveScans(channel.port2)
    const port = new ScanPort(channel.port1)
    const send = port.send.bind(port)
    port.send = (...args) => {
      seen.mostSent = Math.max(seen.mostSent, port.batches)
      send(...args)
    }
    return port
  })
  return { ports, seen }
}

const inputs = {
  sample: () => [memorySource(SAMPLE_FILE_NAME, buildSamplePackage())],
  flood: () => [memorySource('flood.tgz', buildFloodTgz({ files: 16, lines: 600, unique: true }))],
}

describe('the scan pool', () => {
  for (const [name, input] of Object.entries(inputs)) {
    it(`gives the in-line report byte for byte with one scan worker and with three (${name})`, async () => {
      const inline = JSON.stringify(await analyze(input()))
      const one = pool(1)
      const three = pool(3)
      const only = (ports: ScanPort[]) => new PoolScanner(ports, undefined, undefined, false)
      const withOne = JSON.stringify(await analyze(input(), { scanner: only(one.ports) }))
      const withThree = JSON.stringify(await analyze(input(), { scanner: only(three.ports) }))
      expect(withOne).toBe(inline)
      expect(withThree).toBe(inline)
      // The reader scans the batches left once it has read everything, beside one worker: the same report.
      const helped = new PoolScanner(pool(1).ports, undefined, 20_000)
      expect(JSON.stringify(await analyze(input(), { scanner: helped }))).toBe(inline)
      expect(helped.scannedHere).toBeGreaterThan(0)
      expect(JSON.parse(inline).findings.length).toBeGreaterThan(20)
      // Every text went to the workers, spread over several requests.
      expect(one.seen.texts).toBeGreaterThan(10)
      expect(three.seen.requests).toBeGreaterThan(2)
      // A worker is never sent more than its share; the rest waited in the reader.
      expect(one.seen.mostSent).toBeLessThanOrEqual(BATCHES_PER_WORKER)
      // The map's sources crossed as their JSON literals' bytes.
      if (name === 'sample') expect(one.seen.literals).toBeGreaterThan(10)
      if (name === 'flood') {
        expect(one.seen.requests).toBeGreaterThan(BATCHES_PER_WORKER)
        // Each 90 KB member crossed as its own buffer, moved rather than copied.
        expect(three.seen.transferred).toBe(16)
        expect(JSON.parse(inline).folds?.length).toBeGreaterThan(0)
      }
    })
  }

  it('holds no more text than a caller asks for when its bound is tighter than the pool’s own', async () => {
    const scanner = new PoolScanner(pool(1).ports)
    const file = { id: 1, path: 'a.js', origin: [] } as unknown as ExposedFile
    let scanned = false
    scanner.submit(file, 'x'.repeat(100_000), () => (scanned = true), undefined)
    expect(scanner.whenReady(), 'the pool’s own bound').toBeNull()
    expect(scanner.whenReady(200_000)).toBeNull()
    const wait = scanner.whenReady(50_000)
    expect(wait, 'a tighter bound').not.toBeNull()
    await scanner.drain()
    await wait
    expect(scanned).toBe(true)
    expect(scanner.whenReady(50_000)).toBeNull()
  })

  it('gives the in-line report with a match key (the compare page): keyed hashes made in the workers', async () => {
    const key = new Uint8Array(32).fill(7)
    const inline = JSON.stringify(await analyze(inputs.sample(), { match: { key } }))
    const { ports } = pool(2)
    const pooled = JSON.stringify(
      await analyze(inputs.sample(), { match: { key }, scanner: new PoolScanner(ports, key) }),
    )
    expect(pooled).toBe(inline)
    expect(inline).toContain('"valueHash"')
  })
})
