import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeSourcePath, takenPaths, uniquePath } from '../../../src/core/sourcemap'
import { sampleFacts } from '../../../src/build/sample/package'

describe('normalizeSourcePath', () => {
  it.each([
    // webpack: the namespace is dropped, './' removed
    ['webpack://orbit-cli/./src/a.ts', 'src/a.ts'],
    ['webpack:///src/a.ts', 'src/a.ts'],
    ['webpack://@acme/orbit-cli/./src/a.ts', 'src/a.ts'],
    ['webpack://@acme/orbit-cli/webpack/runtime/x', 'webpack/runtime/x'],
    ['webpack://@acme', '@acme'],
    ['webpack://@acme/x.js', 'x.js'],
    ['webpack:///./src/a.ts', 'src/a.ts'],
    ['webpack-internal:///./src/a.ts', 'src/a.ts'],
    ['webpack://app/webpack/runtime/make namespace object', 'webpack/runtime/make namespace object'],
    ['webpack://app/webpack/bootstrap', 'webpack/bootstrap'],
    ['webpack://app/(webpack)/buildin/global.js', '(webpack)/buildin/global.js'],
    ['webpack://app/external "fs"', 'external "fs"'],
    ['webpack://app/../src/a.ts', 'src/a.ts'],
    ['webpack:////home/jane/app/src/a.ts', 'src/a.ts'],
    ['turbopack:///[project]/src/app/page.tsx', 'src/app/page.tsx'],
    // relative: leading '..' dropped, '.' removed, inner '..' resolved
    ['../src/a.ts', 'src/a.ts'],
    ['../../x', 'x'],
    ['./src/./b/../a.ts', 'src/a.ts'],
    ['src//a.ts', 'src/a.ts'],
    ['src/a.ts', 'src/a.ts'],
    // absolute build paths: from node_modules, else from a source-root folder, else after a home/CI prefix
    ['file:///home/jane/build/src/a.ts', 'src/a.ts'],
    ['file:///home/jane/app/node_modules/react/index.js', 'node_modules/react/index.js'],
    ['/home/runner/work/orbit/orbit/packages/core/src/x.ts', 'packages/core/src/x.ts'],
    ['/home/jane/notes/a.ts', 'notes/a.ts'],
    ['/home/runner/work/orbit/orbit/index.ts', 'index.ts'],
    ['/builds/acme/orbit/main.ts', 'main.ts'],
    ['/etc/build/main.ts', 'etc/build/main.ts'],
    ['/opt/src', 'opt/src'],
    ['file:///C:/My%20Work/app/src/a.ts', 'src/a.ts'],
    ['file:///C:/tools/gen.ts', 'tools/gen.ts'],
    // Windows
    ['C:\\Users\\jane\\proj\\src\\a.ts', 'src/a.ts'],
    ['C:\\Users\\jane\\proj\\main.ts', 'proj/main.ts'],
    ['src\\util\\x.ts', 'src/util/x.ts'],
    // rollup / vite virtual ids
    ['\0commonjsHelpers.js', 'virtual/commonjsHelpers.js'],
    ['\0vite/preload-helper.js', 'virtual/vite/preload-helper.js'],
    [
      '\0commonjs-proxy:/home/jane/app/node_modules/ms/index.js',
      'virtual/commonjs-proxy/node_modules/ms/index.js',
    ],
    ['\0/home/jane/app/node_modules/ms/index.js?commonjs-module', 'virtual/node_modules/ms/index.js'],
    ['vite/preload-helper', 'vite/preload-helper'],
    ['/@vite/client', '@vite/client'],
    // queries dropped
    ['webpack://app/./src/App.vue?vue&type=script&lang=ts', 'src/App.vue'],
    ['src/a.ts?abc', 'src/a.ts'],
    ['../src/a.ts?v=123', 'src/a.ts'],
    // other schemes keep their host as a folder
    ['ng:///AppModule/AppComponent.html', 'AppModule/AppComponent.html'],
    ['ng://Lib/x.ts', 'Lib/x.ts'],
    ['https://cdn.example.com/js/a%20b.js', 'cdn.example.com/js/a b.js'],
    // empty names
    ['', '(unnamed)'],
    ['./', '(unnamed)'],
    ['\0', 'virtual/(unnamed)'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeSourcePath(raw)).toBe(expected)
  })

  it.each([
    ['src/a.ts', '../', 'src/a.ts'],
    ['a.ts', 'src', 'src/a.ts'],
    ['a.ts', 'src/', 'src/a.ts'],
    ['a.ts', 'webpack://app/./lib', 'lib/a.ts'],
    ['a.ts', 'file:///home/jane/build/src/', 'src/a.ts'],
    // absolute sources ignore sourceRoot
    ['webpack://app/./x.ts', 'src/', 'x.ts'],
    ['/home/jane/app/src/x.ts', 'lib/', 'src/x.ts'],
    ['C:\\app\\src\\x.ts', 'lib/', 'src/x.ts'],
    ['\0helper.js', 'lib/', 'virtual/helper.js'],
    ['a.ts', '', 'a.ts'],
    ['src/prompt.ts', 'webpack://', 'src/prompt.ts'],
    ['./src/main.ts', 'webpack:///', 'src/main.ts'],
    ['../node_modules/x/i.js', 'webpack://', 'node_modules/x/i.js'],
  ])('%j with sourceRoot %j -> %j', (raw, root, expected) => {
    expect(normalizeSourcePath(raw, root)).toBe(expected)
  })

  it('gives every source of the sample the path its facts require', () => {
    for (const map of sampleFacts().maps) {
      for (const source of map.sources) {
        // The first section of the index map has sourceRoot '../'.
        const root = source.raw.startsWith('src/plugins/') ? '../' : undefined
        expect(normalizeSourcePath(source.raw, root)).toBe(source.path)
      }
    }
  })
})

describe('normalizeSourcePath: invariants (property)', () => {
  const segment = fc.constantFrom(
    '..',
    '.',
    '',
    'src',
    'a.ts',
    'node_modules',
    'C:',
    'x?v=1',
    ' ',
    '~',
    '\0x',
    'é',
  )
  const separator = fc.constantFrom('/', '\\', '//')
  const prefix = fc.constantFrom(
    '',
    '/',
    'webpack://app/',
    'webpack:///',
    'file:///',
    'ng://',
    '\0',
    'C:\\',
    'https://h/',
  )
  const rawPath = fc
    .tuple(prefix, fc.array(fc.tuple(segment, separator), { maxLength: 8 }))
    .map(([head, parts]) => head + parts.map(([s, sep]) => s + sep).join(''))

  it('always gives a relative, clean, non-empty path, and is idempotent on its own output', () => {
    fc.assert(
      fc.property(
        fc.oneof(rawPath, fc.string()),
        fc.option(fc.oneof(rawPath, fc.string()), { nil: undefined }),
        (raw, root) => {
          const path = normalizeSourcePath(raw, root)
          expect(path.length).toBeGreaterThan(0)
          expect(path.startsWith('/')).toBe(false)
          expect(path).not.toMatch(/\\|\0/)
          expect(path.split('/')).not.toContain('..')
          expect(path.split('/')).not.toContain('.')
          expect(path.split('/')).not.toContain('')
          if (!path.includes(':') && !path.includes('?')) expect(normalizeSourcePath(path)).toBe(path)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('uniquePath', () => {
  it('suffixes duplicates before the extension and records each result', () => {
    const taken = takenPaths()
    expect(uniquePath('src/a.ts', taken)).toBe('src/a.ts')
    expect(uniquePath('src/a.ts', taken)).toBe('src/a (2).ts')
    expect(uniquePath('src/a.ts', taken)).toBe('src/a (3).ts')
    expect(uniquePath('src/a (2).ts', taken)).toBe('src/a (2) (2).ts')
    expect(uniquePath('src.d/Makefile', taken)).toBe('src.d/Makefile')
    expect(uniquePath('src.d/Makefile', taken)).toBe('src.d/Makefile (2)')
    expect(uniquePath('.env', taken)).toBe('.env')
    expect(uniquePath('.env', taken)).toBe('.env (2)')
    expect(taken.used.size).toBe(8)
  })
})

describe('uniquePath on many copies', () => {
  it('names the nth copy "(n)" in time linear in the copies', () => {
    const taken = takenPaths()
    uniquePath('src/a (3).ts', taken) // a real source already holding a suffix is skipped over
    const names = Array.from({ length: 40_000 }, () => uniquePath('src/a.ts', taken))
    expect(names.slice(0, 4)).toEqual(['src/a.ts', 'src/a (2).ts', 'src/a (4).ts', 'src/a (5).ts'])
    expect(names.at(-1)).toBe('src/a (40001).ts')
    expect(new Set(names).size).toBe(40_000)
  })
})
