// Which files are sources a map rebuilt: a file counts when its origin chain is exactly a source
// map's chain, not when only the last container's name matches (two maps of the same name in
// different archives), and the count agrees with the list the zip and `--extract` write.
import { describe, expect, it } from 'vitest'
import { reconstructedSourceCount, reconstructedSources } from '../../../src/core/report/extract'
import type { ExposedFile } from '../../../src/core/report/model'

let nextId = 0
const file = (path: string, origin: string[], container?: ExposedFile['container']): ExposedFile => ({
  id: nextId++,
  path,
  origin,
  kind: 'first-party-source',
  bytes: 10,
  lines: 1,
  hasContent: true,
  ...(container ? { container } : {}),
})

const files: ExposedFile[] = [
  file('a.tgz', [], 'tar'),
  file('package/cli.js.map', ['a.tgz'], 'source-map'),
  file('src/one.ts', ['a.tgz', 'package/cli.js.map']),
  file('src/two.ts', ['a.tgz', 'package/cli.js.map']),
  // A map of the same name inside another archive: its sources count under it, not under the first.
  file('b.tgz', [], 'tar'),
  file('package/cli.js.map', ['b.tgz'], 'source-map'),
  file('src/three.ts', ['b.tgz', 'package/cli.js.map']),
  // Named like a map's content but under a container that is no map.
  file('package/cli.js.map', ['c.zip']),
  file('src/four.ts', ['c.zip', 'package/cli.js.map']),
  file('package/cli.js', ['a.tgz']),
]

describe('reconstructed sources', () => {
  it('lists the sources whose origin is a source map, each under its own map', () => {
    const entries = reconstructedSources(files)
    expect(entries.map((e) => [e.file.path, e.map, e.out])).toEqual([
      ['src/one.ts', 'a.tgz › package/cli.js.map', 'package/cli.js.map/src/one.ts'],
      ['src/two.ts', 'a.tgz › package/cli.js.map', 'package/cli.js.map/src/two.ts'],
      ['src/three.ts', 'b.tgz › package/cli.js.map', 'package/cli.js.map/src/three.ts'],
    ])
  })

  it('counts what it lists', () => {
    expect(reconstructedSourceCount(files)).toBe(3)
    expect(reconstructedSourceCount(files.slice(0, 4))).toBe(2)
    expect(reconstructedSourceCount(files.slice(7))).toBe(0)
    expect(reconstructedSources(files.slice(0, 4)).map((e) => e.out)).toEqual(['src/one.ts', 'src/two.ts'])
  })
})
