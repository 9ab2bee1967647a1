// Findings in sources reconstructed from a map point at the original file: their line and column are
// positions in the source's own text (its `sourcesContent`), not in the map or the bundle.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { KeptTexts, MemoryLog } from '../../../src/core/kept-texts'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import { leakySources, sampleSecrets } from '../../../src/build/sample/leaks'

describe('finding positions in reconstructed sources', async () => {
  const store = new KeptTexts(new MemoryLog())
  const report = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())], { store })
  const texts = new Map<number, string>()
  for (const file of report.files) {
    const text = await store.text(file.id)
    if (text !== null) texts.set(file.id, text)
  }
  const originals = leakySources(sampleSecrets())
  const fromMap = report.findings.filter(
    (f) => f.line > 0 && f.fileId !== undefined && report.files[f.fileId]!.origin.at(-1)!.endsWith('.map'),
  )

  it('finds the planted leaks inside map sources', () => {
    const paths = new Set(fromMap.map((f) => f.path))
    for (const path of Object.keys(originals).filter((p) => p.startsWith('src/')))
      expect(paths, path).toContain(path)
  })

  it('each line/column/length span is the matched text of the original source', () => {
    expect(fromMap.length).toBeGreaterThan(5)
    for (const f of fromMap) {
      const original = originals[f.path] ?? texts.get(f.fileId!)!
      // The reconstructed content is the original file, byte for byte.
      if (originals[f.path] !== undefined) expect(texts.get(f.fileId!)).toBe(original)
      const line = original.split('\n')[f.line - 1]
      expect(line, `${f.rule} at ${f.path}:${f.line}`).toBeDefined()
      const span = line!.slice(f.column - 1, f.column - 1 + (f.length ?? 1))
      expect(span.length, `${f.rule} at ${f.path}:${f.line}:${f.column}`).toBeGreaterThan(0)
      // The excerpt is cut from that same line (secrets in it masked).
      const visible = f.excerpt.split('••••')[0]!.trim()
      if (visible.length >= 4) expect(line, f.rule).toContain(visible.slice(0, 12))
    }
  })

  it('a secret planted in a map source is located exactly', () => {
    const { githubToken } = sampleSecrets()
    const hit = fromMap.find((f) => f.category === 'secrets' && f.rule.startsWith('github'))
    expect(hit).toBeDefined()
    const line = originals[hit!.path]!.split('\n')[hit!.line - 1]!
    expect(line.slice(hit!.column - 1, hit!.column - 1 + hit!.length!)).toBe(githubToken)
  })
})
