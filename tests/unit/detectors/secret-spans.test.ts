// secretSpans (what the viewer and the zip mask) runs only the detectors that make secret hits; on
// every text of the sample package each secret a full scan finds is on a span's lines, and every
// span holds a secret the full scan found.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { KeptTexts, MemoryLog } from '../../../src/core/kept-texts'
import { scanContent, secretSpans } from '../../../src/core/detectors'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'

describe('secretSpans', () => {
  it('masks what a full scan calls secret, on every text of the sample', async () => {
    const store = new KeptTexts(new MemoryLog())
    const report = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())], { store })
    const texts = new Map<number, string>()
    for (const file of report.files) {
      const text = await store.text(file.id)
      if (text !== null) texts.set(file.id, text)
    }
    let secrets = 0
    for (const [id, text] of texts) {
      const file = report.files[id]!
      const lineStarts = [0]
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1)
      const lineOf = (at: number) => lineStarts.filter((start) => start <= at).length
      const found = scanContent(file, text)
        .filter((f) => f.category === 'secrets' || f.rule === 'npmrc-with-auth')
        .map((f) => f.line)
      // Lines each span covers, from the one before its first (a key block's finding is placed on
      // its BEGIN line, the masked body starts below it).
      const spans = secretSpans(file.path, text).map((s) => [lineOf(s.start) - 1, lineOf(s.end - 1)] as const)
      const inside = (line: number, [from, to]: readonly [number, number]) => line >= from && line <= to
      for (const line of found)
        expect(
          spans.some((s) => inside(line, s)),
          `${file.path}:${line}`,
        ).toBe(true)
      for (const s of spans)
        expect(
          found.some((line) => inside(line, s)),
          file.path,
        ).toBe(true)
      secrets += found.length
    }
    expect(secrets).toBeGreaterThan(5)
  })
})
