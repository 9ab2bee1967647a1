// The incident generator at a tiny scale: read the tarball back with the floor's own tar walker and
// check the shape and the facts it promises (the benchmark's correctness check relies on them).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'fflate'
import { SourceMapConsumer } from 'source-map-js'
import { afterAll, describe, expect, it } from 'vitest'
import { createFloor, parseMapInPieces, TarWalk, type TarMember } from '../../bench/floor/floor-core'
import { incidentFacts, writeArtifact, writeManyFiles, writeManySources } from '../../fixtures/make-incident'

const dir = mkdtempSync(join(tmpdir(), 'ee-incident-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function members(file: string): TarMember[] {
  const out: TarMember[] = []
  new TarWalk((m) => out.push(m)).push(gunzipSync(readFileSync(file)))
  return out
}

interface RawMap {
  sources: string[]
  sourcesContent: string[]
  mappings: string
}

/** For every module: its first (up to) three carried lines map back to lines 1-3, column 0, of its
 *  source, and the bundle text there is that source line. Returns the number of lines checked. */
function checkMappings(map: RawMap, bundle: string): number {
  const consumer = new SourceMapConsumer(map as never)
  const lines = bundle.split('\n')
  let checked = 0
  map.sources.forEach((raw, i) => {
    const header = `/***/ ${JSON.stringify(raw)}: ((module, exports, __webpack_require__) => { `
    const line = lines.findIndex((l) => l.includes(header))
    expect(line).toBeGreaterThanOrEqual(0)
    const text = lines[line]
    const source = map.sourcesContent[i].split('\n')
    let column = text.indexOf(header) + header.length
    for (let l = 0; l < Math.min(3, Math.ceil(source.length * 0.25)); l++) {
      const pos = consumer.originalPositionFor({ line: line + 1, column })
      expect(pos).toMatchObject({ line: l + 1, column: 0 })
      expect(pos.source!.endsWith(raw.split('/./')[1])).toBe(true)
      expect(text.slice(column, column + source[l].length)).toBe(source[l])
      column += source[l].length + 1
      checked++
    }
  })
  return checked
}

describe('incident generator (scale 0.01)', () => {
  const out = join(dir, 'incident.tgz')
  const written = writeArtifact('incident', out, 0.01)
  const all = members(out)
  const byPath = new Map(all.map((m) => [m.path, m]))
  const mapText = new TextDecoder().decode(byPath.get('package/cli.js.map')!.data)
  const map = JSON.parse(mapText) as RawMap

  it('writes the members the facts promise, binaries starting with ELF magic', () => {
    expect(all.length).toBe(written.facts.members)
    expect([...byPath.keys()]).toEqual(
      expect.arrayContaining(['package/package.json', 'package/cli.js', 'package/.npmrc']),
    )
    const binaries = all.filter((m) => m.path.endsWith('.node'))
    expect(binaries.length).toBeGreaterThan(0)
    for (const b of binaries) expect([...b.data.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46])
    expect(written.facts).toEqual(JSON.parse(readFileSync(`${out}.facts.json`, 'utf8')).facts)
  })

  it('has first-party sources and lines exactly as the facts say', () => {
    const facts = incidentFacts(0.01)
    expect(map.sources.length).toBe(facts.sources)
    let files = 0
    let lines = 0
    map.sources.forEach((raw, i) => {
      if (!raw.includes('/./src/')) return
      files++
      lines += map.sourcesContent[i].split('\n').length
    })
    expect(files).toBe(facts.firstPartySourceFiles)
    expect(lines).toBe(facts.firstPartySourceLines)
    expect(written.sourceTextBytes).toBe(map.sourcesContent.reduce((n, s) => n + Buffer.byteLength(s), 0))
  })

  it('plants the leaks the facts list', () => {
    for (const leak of written.facts.leaks.filter((l) => l.value)) {
      const i = map.sources.findIndex((raw) => raw.endsWith(`/./${leak.path}`))
      const text = i >= 0 ? map.sourcesContent[i] : new TextDecoder().decode(byPath.get(leak.path)!.data)
      expect(text).toContain(leak.value)
    }
  })

  it('maps the minified bundle back to the source lines it carries', () => {
    const bundle = new TextDecoder().decode(byPath.get('package/cli.js')!.data)
    expect(checkMappings(map, bundle)).toBeGreaterThan(50)
    expect(bundle.split('\n').at(-1)).toBe('//# sourceMappingURL=cli.js.map')
  })

  it('parses the same sources whole and in pieces, and the floor agrees', () => {
    const t = { gunzipTar: 0, decode: 0, parse: 0, total: 0 }
    const pieces = parseMapInPieces(byPath.get('package/cli.js.map')!.data, t)
    expect(pieces.sources).toBe(map.sources.length)
    expect(pieces.chars).toBe(map.sourcesContent.reduce((n, s) => n + s.length, 0))
    for (const forcePieces of [false, true]) {
      const floor = createFloor({ forcePieces })
      const bytes = readFileSync(out)
      for (let at = 0; at < bytes.length; at += 4096)
        floor.push(bytes.subarray(at, at + 4096), at + 4096 >= bytes.length)
      const result = floor.finish()
      expect(result).toMatchObject({
        members: all.length,
        sources: pieces.sources,
        sourceTextChars: pieces.chars,
      })
      expect(result.mode).toBe(forcePieces ? 'pieces' : 'whole')
    }
  })
})

describe('many-files and many-sources generators', () => {
  it('writes exactly the requested number of members', () => {
    const out = join(dir, 'many-files.tgz')
    const written = writeManyFiles(out, 300)
    const all = members(out)
    expect(all.length).toBe(300)
    expect(written.facts.members).toBe(300)
    const js = all.filter((m) => m.path.endsWith('.js'))
    expect(js.length).toBe(written.facts.firstPartySourceFiles)
    const lines = js.reduce((n, m) => n + new TextDecoder().decode(m.data).split('\n').length, 0)
    expect(lines).toBe(written.facts.firstPartySourceLines)
  })

  it('writes a map with the requested number of sources, half first-party', () => {
    const out = join(dir, 'many-sources.tgz')
    const written = writeManySources(out, 500)
    const map = members(out).find((m) => m.path.endsWith('.map'))!
    const parsed = JSON.parse(new TextDecoder().decode(map.data)) as RawMap
    expect(parsed.sources.length).toBe(500)
    expect(parsed.sources.filter((s) => s.includes('/./src/')).length).toBe(
      written.facts.firstPartySourceFiles,
    )
  })
})
