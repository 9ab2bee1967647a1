// Texts past the parted size (parted-scan.ts) are read from their bytes and scanned in parts, in
// line and through a scan service that gets their bytes alone: the report is the one a whole-text
// read gives. Parts are forced small here so the sample package's scripts and maps are parted.
import { afterEach, describe, expect, test } from 'vitest'
import { analyze, scanMoved, type ScanResult, type ScanService } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { setPartSizes } from '../../../src/core/parted-scan'
import type { ExposedFile } from '../../../src/core/report/model'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'

const sample = () => [memorySource(SAMPLE_FILE_NAME, buildSamplePackage())]

/** Scans on a microtask, as a thread would: bytes when given and its whole buffer, else the text. */
class BytesService implements ScanService {
  partedTexts = 0
  #open: Promise<void>[] = []
  submit(file: ExposedFile, text: string, done: (r: ScanResult) => void, bytes?: Uint8Array): void {
    const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    if (text === '') {
      expect(own).toBe(true)
      this.partedTexts++
    }
    const content = own ? (bytes.buffer as ArrayBuffer) : text
    this.#open.push(Promise.resolve().then(() => done(scanMoved(file, content))))
  }
  whenReady = () => null
  drain = async () => void (await Promise.all(this.#open))
}

afterEach(() => setPartSizes(undefined))

describe('texts scanned in parts', () => {
  test('give the report of whole texts, in line and through a scan service', async () => {
    const whole = JSON.stringify(await analyze(sample()))
    setPartSizes({ from: 2048, part: 1024, overlap: 4096 })
    expect(JSON.stringify(await analyze(sample()))).toBe(whole)
    const service = new BytesService()
    expect(JSON.stringify(await analyze(sample(), { scanner: service }))).toBe(whole)
    expect(service.partedTexts).toBeGreaterThan(2)
  })
})
