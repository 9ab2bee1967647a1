// A map's sourceRoot that is the absolute folder it was built in is a build-environment finding on
// the map (or on the script holding an inline map), at the line where the map writes it.
import { describe, expect, test } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { gzip } from '../../../src/build/sample/archives'
import { writeTar, type TarEntry } from '../../../src/build/sample/tar'

const map = (sourceRoot: string, pretty = false) =>
  JSON.stringify(
    { version: 3, file: 'a.js', sourceRoot, sources: ['a.ts'], names: [], mappings: 'AAAA' },
    null,
    pretty ? 2 : undefined,
  )

async function findingsOf(entries: TarEntry[]) {
  const tgz = gzip(writeTar([{ path: 'package/package.json', data: '{"name":"orbit"}' }, ...entries]))
  const report = await analyze([memorySource('orbit-1.0.0.tgz', tgz)])
  return report.findings
    .filter((f) => f.category === 'build-environment')
    .map((f) => `${f.path}:${f.line}:${f.rule}:${f.severity}`)
    .sort()
}

describe('sourceRoot', () => {
  test('an absolute build folder is a finding on the map, at its line', async () => {
    expect(
      await findingsOf([
        { path: 'package/dist/a.js.map', data: map('C:/Work/Projects/orbit/app/') },
        { path: 'package/dist/b.js.map', data: map('/Users/dana/code/orbit/', true) },
      ]),
    ).toEqual([
      'package/dist/a.js.map:1:map-absolute-source-root:low',
      'package/dist/b.js.map:4:user-home-path-macos:medium',
    ])
  })

  test('an inline map’s is on its script; a relative or URL root is none', async () => {
    const inline = `x()\n//# sourceMappingURL=data:application/json;base64,${btoa(map('D:\\ci\\orbit\\src'))}\n`
    expect(
      await findingsOf([
        { path: 'package/dist/c.js', data: inline },
        { path: 'package/dist/d.js.map', data: map('../src/') },
        { path: 'package/dist/e.js.map', data: map('webpack:///') },
        { path: 'package/dist/f.js.map', data: map('https://cdn.example.com/orbit/src/') },
      ]),
    ).toEqual(['package/dist/c.js:0:map-absolute-source-root:low'])
  })
})
