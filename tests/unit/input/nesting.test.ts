import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { gzip, zip } from '../../../src/build/sample/archives'
import { writeTar } from '../../../src/build/sample/tar'
import { chains, CHUNK_SIZES, encoder, run } from './helpers'

/** a.zip › b.tgz › c.zip › d.tgz › leaf.txt: four containers deep. */
function nested(): Uint8Array {
  const d = gzip(writeTar([{ path: 'leaf.txt', data: 'deep' }]))
  const c = zip([{ path: 'd.tgz', data: d, stored: true }])
  const b = gzip(writeTar([{ path: 'c.zip', data: c }]))
  return zip([
    { path: 'b.tgz', data: b },
    { path: 'side.txt', data: 'side' },
  ])
}

describe('nesting', () => {
  it.each(CHUNK_SIZES)(
    'opens nested containers to any depth within the limit (chunks of %i)',
    async (chunkBytes) => {
      const report = await run('a.zip', nested(), { chunkBytes })
      expect(chains(report)).toEqual([
        'a.zip › b.tgz',
        'a.zip › b.tgz › c.zip',
        'a.zip › b.tgz › c.zip › d.tgz',
        'a.zip › b.tgz › c.zip › d.tgz › leaf.txt',
        'a.zip › side.txt',
      ])
      expect(report.files.slice(0, 3).map((f) => f.container)).toEqual(['gzip', 'zip', 'gzip'])
      expect(report.errors).toEqual([])
    },
  )

  it('stops at limits.maxDepth: the container past it is listed, not opened', async () => {
    const report = await run('a.zip', nested(), { limits: { maxDepth: 3 } })
    expect(chains(report)).toEqual([
      'a.zip › b.tgz',
      'a.zip › b.tgz › c.zip',
      'a.zip › b.tgz › c.zip › d.tgz',
      'a.zip › side.txt',
    ])
    expect(report.files[2].container).toBeUndefined()
    expect(report.errors).toEqual([
      {
        path: 'a.zip › b.tgz › c.zip › d.tgz',
        message: expect.stringMatching(
          /nested 4 containers deep, past limits\.maxDepth \(3\); raise limits\.maxDepth/,
        ),
        level: 'limit',
        unscanned: true,
      },
    ])
  })

  it('counts a source map as a nesting level', async () => {
    const map = JSON.stringify({ version: 3, sources: ['a.ts'], sourcesContent: ['x'], mappings: '' })
    const report = await run('p.tgz', gzip(writeTar([{ path: 'x.js.map', data: map }])), {
      limits: { maxDepth: 1 },
    })
    expect(chains(report)).toEqual(['p.tgz › x.js.map'])
    expect(report.errors[0]).toMatchObject({ path: 'p.tgz › x.js.map', level: 'limit' })
  })

  it('stops at limits.maxEntries and keeps the files before it', async () => {
    const files = Array.from({ length: 30 }, (_, i) => ({ path: `f${i}.txt`, data: `${i}` }))
    const report = await run('many.tgz', gzip(writeTar(files)), { limits: { maxEntries: 12 } })
    expect(chains(report)).toEqual(files.slice(0, 12).map((f) => `many.tgz › ${f.path}`))
    expect(report.errors).toEqual([
      {
        path: 'many.tgz › f12.txt',
        message: expect.stringMatching(/more than 12 files \(limits\.maxEntries\); raise limits\.maxEntries/),
        level: 'limit',
        unscanned: true,
      },
    ])
  })

  it('stops when the signal aborts, keeping what was read', async () => {
    const files = Array.from({ length: 50 }, (_, i) => ({ path: `f${i}.txt`, data: 'x'.repeat(2000) }))
    const controller = new AbortController()
    let seen = 0
    const report = await analyze(
      [memorySource('big.tgz', gzip(writeTar(files)))],
      { signal: controller.signal, chunkBytes: 1024, scan: false },
      {
        files: (batch) => {
          seen += batch.length
          if (seen >= 1) controller.abort()
        },
      },
    )
    expect(report.files.length).toBeGreaterThan(0)
    expect(report.files.length).toBeLessThan(50)
    expect(report.errors).toEqual([
      { path: '', message: expect.stringMatching(/^Cancelled/), level: 'warning', unscanned: true },
    ])
  })

  it('treats several sources as one artifact: files and archives side by side', async () => {
    const report = await analyze(
      [
        memorySource('dist/a.js', encoder.encode('a()\n')),
        memorySource('dist/pkg.tgz', gzip(writeTar([{ path: 'package/b.js', data: 'b()' }]))),
      ],
      { scan: false },
    )
    expect(chains(report)).toEqual(['dist/a.js', 'dist/pkg.tgz › package/b.js'])
    expect(report.input.name).toBe('dist/a.js, dist/pkg.tgz')
  })
})

describe('unreadable sources', () => {
  it('reports a source whose reads fail and goes on with the next', async () => {
    const broken = {
      name: 'gone.tgz',
      size: 1000,
      read: async () => {
        throw new Error('NotReadableError: the file changed on disk')
      },
    }
    const report = await analyze([broken, memorySource('ok.txt', encoder.encode('fine'))], { scan: false })
    expect(chains(report)).toEqual(['ok.txt'])
    expect(report.errors).toEqual([
      {
        path: 'gone.tgz',
        message: 'Reading stopped: NotReadableError: the file changed on disk',
        level: 'error',
        unscanned: true,
      },
    ])
  })
})
