import { describe, expect, it } from 'vitest'
import { summarize } from '../../../src/core/report/summary'
import type { ExposedFile } from '../../../src/core/report/model'

const file = (
  id: number,
  path: string,
  origin: string[],
  kind: ExposedFile['kind'],
  lines: number,
): ExposedFile => ({
  id,
  path,
  origin,
  kind,
  bytes: lines * 10,
  lines,
  hasContent: true,
})

describe('summarize', () => {
  it('counts first-party sources and names the map they were reconstructed from', () => {
    const files = [
      file(0, 'package/cli.js.map', ['pkg.tgz'], 'source-map', 1),
      file(1, 'src/a.ts', ['pkg.tgz', 'package/cli.js.map'], 'first-party-source', 1200),
      file(2, 'src/b.ts', ['pkg.tgz', 'package/cli.js.map'], 'first-party-source', 34),
      file(3, 'node_modules/x/i.js', ['pkg.tgz', 'package/cli.js.map'], 'third-party-source', 99),
    ]
    const s = summarize(files, [])
    expect(s.firstPartySourceFiles).toBe(2)
    expect(s.firstPartySourceLines).toBe(1234)
    expect(s.kinds['third-party-source']).toEqual({ files: 1, bytes: 990 })
    expect(s.headline).toBe(
      '2 first-party source files · 1,234 lines · reconstructed from package/cli.js.map',
    )
  })

  it('does not count first-party sources without content', () => {
    const named = { ...file(0, 'src/a.ts', ['a.map'], 'first-party-source', 0), hasContent: false, bytes: 0 }
    const s = summarize([named], [])
    expect(s.firstPartySourceFiles).toBe(0)
    expect(s.headline).toBe('1 file exposed · no first-party source')
  })
})
