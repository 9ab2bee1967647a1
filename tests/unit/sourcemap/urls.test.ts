import { describe, expect, it } from 'vitest'
import {
  decodeDataURL,
  findSourceMappingURL,
  readSourceMap,
  resolveMapURL,
} from '../../../src/core/sourcemap'
import { sampleFacts } from '../../../src/build/sample/package'

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined)

describe('findSourceMappingURL', () => {
  it.each([
    ['a()\n//# sourceMappingURL=a.js.map', 'a.js.map'],
    ['a()\n//# sourceMappingURL=a.js.map\n', 'a.js.map'],
    ['a()\r\n//# sourceMappingURL=a.js.map  \r\n', 'a.js.map'],
    ['a()\n  //# sourceMappingURL=indented.map', 'indented.map'],
    ['a()\n//@ sourceMappingURL=legacy.map', 'legacy.map'],
    ['a()\n//#sourceMappingURL=nospace.map', 'nospace.map'],
    ['.a{}\n/*# sourceMappingURL=a.css.map */', 'a.css.map'],
    ['.a{}\n/*# sourceMappingURL=a.css.map*/\n', 'a.css.map'],
    ['//# sourceMappingURL=first.map\nb()\n//# sourceMappingURL=last.map\n', 'last.map'],
    ['//# sourceMappingURL=data:application/json;base64,eyJ9\n', 'data:application/json;base64,eyJ9'],
  ])('%j -> %j', (source, url) => {
    expect(findSourceMappingURL(source)).toBe(url)
  })

  it.each([
    ['a()'],
    ['a() //# sourceMappingURL=not-at-line-start.map'],
    ['var s = "//# sourceMappingURL=in-a-string.map"'],
    ['// # sourceMappingURL=space-before-hash.map'],
    ['/*# sourceMappingURL=unclosed.map'],
    ['//# sourceMappingURL=\n'],
    ['# sourceMappingURL=no-comment.map'],
  ])('%j -> undefined', (source) => {
    expect(findSourceMappingURL(source)).toBeUndefined()
  })

  it('ignores a marker inside code after the real comment, and finds the earlier real one', () => {
    const source = '//# sourceMappingURL=real.map\nx = "a //# sourceMappingURL=fake.map"'
    expect(findSourceMappingURL(source)).toBe('real.map')
  })
})

describe('decodeDataURL', () => {
  const json = '{"version":3,"sources":["é.ts"]}'
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(json)))

  it('decodes base64 with or without charset, tolerating whitespace, url-safe letters and missing padding', () => {
    expect(text(decodeDataURL(`data:application/json;base64,${base64}`))).toBe(json)
    expect(text(decodeDataURL(`data:application/json;charset=utf-8;base64,${base64}`))).toBe(json)
    expect(text(decodeDataURL(`DATA:application/json;charset=UTF-8;BASE64,${base64}`))).toBe(json)
    expect(text(decodeDataURL(`data:;base64,${base64.replace(/=+$/, '')}`))).toBe(json)
    expect(text(decodeDataURL(`data:;base64,${base64.slice(0, 8)}\n${base64.slice(8)}`))).toBe(json)
    expect(
      text(decodeDataURL('data:;base64,' + btoa('\xfb\xff').replaceAll('+', '-').replaceAll('/', '_'))),
    ).toBe(text(new Uint8Array([0xfb, 0xff])))
  })

  it('decodes percent-encoded data byte by byte', () => {
    expect(text(decodeDataURL('data:application/json,' + encodeURIComponent(json)))).toBe(json)
    expect(text(decodeDataURL('data:application/json,{"a":"100%"}'))).toBe('{"a":"100%"}')
    expect(text(decodeDataURL('data:,%7B%22%C3%A9%22%7D'))).toBe('{"é"}')
  })

  it('transcodes a non-UTF-8 charset to UTF-8', () => {
    expect(text(decodeDataURL('data:application/json;charset=iso-8859-1,%7B%22%E9%22%7D'))).toBe('{"é"}')
  })

  it('returns undefined for what is not a readable data: URL', () => {
    expect(decodeDataURL('cli.js.map')).toBeUndefined()
    expect(decodeDataURL('https://x/data:a,b')).toBeUndefined()
    expect(decodeDataURL('data:application/json;base64')).toBeUndefined()
    expect(decodeDataURL('data:;base64,@@@@')).toBeUndefined()
  })

  it("reads the sample's inline map", () => {
    const facts = sampleFacts()
    const inline = facts.mapReferences.find((r) => r.resolution === 'inline')!
    const bytes = decodeDataURL(inline.url)!
    const paths: string[] = []
    readSourceMap(bytes, (e) => paths.push(e.path))
    expect(paths).toEqual(facts.maps.find((m) => m.path === inline.path)!.sources.map((s) => s.path))
  })
})

describe('resolveMapURL', () => {
  it.each([
    ['package/dist/cli.js', 'cli.js.map', 'package/dist/cli.js.map'],
    ['package/dist/cli.js', './maps/cli.js.map', 'package/dist/maps/cli.js.map'],
    ['package/dist/cli.js', '../maps/cli.js.map', 'package/maps/cli.js.map'],
    ['package/dist/cli.js', 'cli.js.map?v=123#x', 'package/dist/cli.js.map'],
    ['package/dist/cli.js', 'my%20cli.js.map', 'package/dist/my cli.js.map'],
    ['package/dist/cli.js', '/static/cli.js.map', 'static/cli.js.map'],
    ['cli.js', 'cli.js.map', 'cli.js.map'],
  ])('%j + %j -> %j', (from, url, expected) => {
    expect(resolveMapURL(from, url)).toBe(expected)
  })

  it.each([
    ['https://sourcemaps.acme.internal/a.js.map'],
    ['http://localhost/a.js.map'],
    ['//cdn.example.com/a.js.map'],
    ['file:///home/jane/a.js.map'],
    ['data:application/json;base64,e30='],
    ['C:\\maps\\a.js.map'],
    ['../../../a.js.map'],
    [''],
  ])('%j -> undefined', (url) => {
    expect(resolveMapURL('package/dist/cli.js', url)).toBeUndefined()
  })

  it("resolves the sample's sibling references and refuses its external one", () => {
    for (const ref of sampleFacts().mapReferences) {
      const resolved = resolveMapURL(ref.path, ref.url)
      if (ref.resolution === 'inline' || ref.resolution === 'external') expect(resolved).toBeUndefined()
      else expect(resolved).toBe(ref.path.replace(/[^/]+$/, ref.url))
    }
  })
})
