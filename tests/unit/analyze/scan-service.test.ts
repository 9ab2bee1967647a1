// analyze() with a scan service (the CLI's threads, here a fake that scans on a later microtask):
// a map's sources go to the service as they are decoded, before the map is listed, while it has
// room; once it is full they wait until the map is listed, as they do without a service. Either way
// the report is the one analyze() makes without a service.
import { describe, expect, test } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { scanText, type ScanResult, type ScanService } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import type { ContentStore } from '../../../src/core/kept-texts'
import type { ExposedFile } from '../../../src/core/report/model'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'

const sample = () => [memorySource(SAMPLE_FILE_NAME, buildSamplePackage())]
const FIELDS = ['tool', 'input', 'summary', 'files', 'findings', 'errors'] as const

/** Scans on a microtask; notes, for each text of a map source, whether the source had been listed
 *  yet (its range handed to the host's store) when it was submitted. */
class FakeService implements ScanService {
  readonly handed = new Set<number>()
  submittedBeforeListed = 0
  submittedAfterListed = 0
  #open = 0
  #idle: (() => void)[] = []

  constructor(private readonly full: boolean) {}

  submit(file: ExposedFile, text: string, done: (result: ScanResult) => void): void {
    if (file.rawSource !== undefined) {
      if (this.handed.has(file.id)) this.submittedAfterListed++
      else this.submittedBeforeListed++
    }
    this.#open++
    queueMicrotask(() => {
      done(scanText(file, text))
      if (--this.#open === 0) for (const wake of this.#idle.splice(0)) wake()
    })
  }

  whenReady(): Promise<void> | null {
    // "Full" lets the reading go on at once but says so, as a service at its cap does.
    return this.full ? Promise.resolve() : null
  }

  drain(): Promise<void> {
    return this.#open === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve))
  }
}

async function analyzeWith(service: FakeService) {
  const store: ContentStore = { put: () => 0, assign: (id) => service.handed.add(id) }
  return analyze(sample(), { scanner: service, store })
}

describe('analyze with a scan service', () => {
  test.each([
    ['takes a map source as it is decoded while the service has room', false],
    ['leaves the sources until the map is listed while the service is full', true],
  ] as const)('%s', async (_name, full) => {
    const service = new FakeService(full)
    const report = await analyzeWith(service)
    const { submittedBeforeListed: before, submittedAfterListed: after } = service
    // Room: every source before its text reaches the host; full: every one after.
    expect(full ? after : before).toBeGreaterThan(10)
    expect(full ? before : after).toBe(0)
    const inline = await analyze(sample())
    for (const field of FIELDS) expect(report[field], field).toEqual(inline[field])
  })
})
