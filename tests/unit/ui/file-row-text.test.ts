// The file table's row text: what each cell shows for a file, made once per file and kept within a
// bound while the same list and finding counts are shown.
import { describe, expect, it } from 'vitest'
import type { ExposedFile } from '../../../src/core/report/model'
import { chainParts } from '../../../src/ui/findings/location'
import { RowTexts, rowText } from '../../../src/ui/files/row-text'

const file = (id: number, path: string, origin: string[] = [], bytes = 2048, lines = 12345): ExposedFile => ({
  id,
  path,
  origin,
  kind: 'first-party-source',
  bytes,
  lines,
  hasContent: true,
})

describe('rowText', () => {
  it('cuts the path before its base name and titles the row with the whole chain', () => {
    const text = rowText(file(0, 'src/lib/a.ts', ['pkg.tgz', 'dist/cli.js.map']), 1234)
    expect(text).toEqual({
      head: 'src/lib/',
      tail: 'a.ts',
      title: 'pkg.tgz › dist/cli.js.map › src/lib/a.ts',
      size: '2.0 KB',
      lines: '12,345',
      origin: 'dist/cli.js.map',
      findings: '1,234',
    })
  })

  it('names the input as the origin of a top-level file', () => {
    const text = rowText(file(0, 'index.js'), 0)
    expect(text.title).toBe('index.js')
    expect(text.origin).toBe('the input')
    expect([text.head, text.tail]).toEqual(['', 'index.js'])
  })
})

describe('RowTexts', () => {
  it('gives each file its own text with its finding count, the same object when asked again', () => {
    const counts = new Uint32Array([0, 7, 0])
    const files = [file(0, 'a/x.ts'), file(1, 'b/y.ts'), file(2, 'c/z.ts')]
    const texts = new RowTexts(counts)
    const first = files.map((f) => texts.get(f))
    expect(first.map((t) => t.tail)).toEqual(['x.ts', 'y.ts', 'z.ts'])
    expect(first.map((t) => t.findings)).toEqual(['0', '7', '0'])
    files.forEach((f, i) => expect(texts.get(f)).toBe(first[i]))
  })

  it('starts over past its limit and still gives the right text', () => {
    const files = Array.from({ length: 10 }, (_, i) => file(i, `d/f${i}.ts`, [], i))
    const texts = new RowTexts(new Uint32Array(10), 4)
    const kept = texts.get(files[0]!)
    for (const f of files.slice(1)) expect(texts.get(f).tail).toBe(`f${f.id}.ts`)
    const again = texts.get(files[0]!)
    expect(again).not.toBe(kept)
    expect(again).toEqual(kept)
  })
})

describe('chainParts', () => {
  it('cuts after the last folder or container, whichever is later, and keeps a bare name whole', () => {
    expect(chainParts([], 'index.js')).toEqual({ head: '', tail: 'index.js' })
    expect(chainParts(['a.tgz'], 'index.js', ':3:4')).toEqual({ head: 'a.tgz › ', tail: 'index.js:3:4' })
    expect(chainParts(['a.tgz', 'dist/x.map'], 'src/b.ts')).toEqual({
      head: 'a.tgz › dist/x.map › src/',
      tail: 'b.ts',
    })
    expect(chainParts(['dir/a.tgz'], 'b.ts')).toEqual({ head: 'dir/a.tgz › ', tail: 'b.ts' })
  })
})
