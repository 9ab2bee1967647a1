// The file table's sliced sort gives the order of one plain sort by the same keys (ties by container
// chain and path), with the filter applied, and yields often enough to run in time slices.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ExposedFile, Kind } from '../../../src/core/report/model'
import { originOf, sortFiles, sortFilesSteps, type FileSortKey } from '../../../src/ui/files/sort-files'

const KEYS: FileSortKey[] = ['path', 'kind', 'bytes', 'lines', 'origin', 'findings']
const KINDS: Kind[] = ['first-party-source', 'bundle', 'source-map', 'other']

function file(
  id: number,
  path: string,
  origin: string[],
  kind: Kind,
  bytes: number,
  lines: number,
): ExposedFile {
  return { id, path, origin, kind, bytes, lines, hasContent: true }
}

/** The same order by Array.prototype.sort over the files' own fields. */
function reference(files: ExposedFile[], key: FileSortKey, descending: boolean, counts: Uint32Array) {
  // Container chain element by element (a chain before the longer ones it starts), then the path.
  const byChain = (a: ExposedFile, b: ExposedFile) => {
    for (let i = 0; i < Math.min(a.origin.length, b.origin.length); i++)
      if (a.origin[i] !== b.origin[i]) return a.origin[i]! < b.origin[i]! ? -1 : 1
    return a.origin.length - b.origin.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  }
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const primary: Record<FileSortKey, (a: ExposedFile, b: ExposedFile) => number> = {
    path: () => 0,
    kind: (a, b) => text(a.kind, b.kind),
    bytes: (a, b) => a.bytes - b.bytes,
    lines: (a, b) => a.lines - b.lines,
    origin: (a, b) => text(originOf(a), originOf(b)),
    findings: (a, b) => counts[a.id]! - counts[b.id]!,
  }
  const sign = descending ? -1 : 1
  return files.slice().sort((a, b) => sign * (primary[key](a, b) || byChain(a, b)))
}

const segment = fc.stringMatching(/^[a-c]{1,3}$/)
const files = fc
  .array(
    fc.record({
      path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
      origin: fc.array(segment, { maxLength: 2 }),
      kind: fc.constantFrom(...KINDS),
      bytes: fc.nat(50),
      lines: fc.nat(5),
      findings: fc.nat(3),
    }),
    { maxLength: 300 },
  )
  .map((rows) => {
    // Paths are unique within one container, as the core makes them.
    const seen = new Set<string>()
    return rows.filter((r) => {
      const key = [...r.origin, r.path].join('\u0000')
      return !seen.has(key) && seen.add(key)
    })
  })

describe('sortFilesSteps', () => {
  it('orders as one plain sort by the same keys, filtered', () => {
    fc.assert(
      fc.property(
        files,
        fc.constantFrom(...KEYS),
        fc.boolean(),
        fc.boolean(),
        (rows, key, desc, filtered) => {
          const all = rows.map((r, i) => file(i, r.path, r.origin, r.kind, r.bytes, r.lines))
          const counts = Uint32Array.from(rows.map((r) => r.findings))
          const filter = filtered ? (f: ExposedFile) => f.bytes % 2 === 0 : null
          const expected = reference(filter ? all.filter(filter) : all, key, desc, counts)
          expect(sortFiles(all, key, desc, counts, filter).map((f) => f.id)).toEqual(
            expected.map((f) => f.id),
          )
        },
      ),
    )
  })

  it('yields every few thousand steps on 100,000 files', () => {
    const all = Array.from({ length: 100_000 }, (_, i) =>
      file(
        i,
        `src/d-${i % 97}/f-${(i * 7919) % 100_000}.ts`,
        ['x.tgz', 'cli.js.map'],
        'first-party-source',
        i % 1000,
        1,
      ),
    )
    const steps = sortFilesSteps(all, null, 'path', false, new Uint32Array(all.length))
    let yields = 0
    let r = steps.next()
    for (; !r.done; r = steps.next()) yields++
    // Keying, ~13 merge passes and the final copy, each yielding every 2,048 units of work.
    expect(yields).toBeGreaterThan((all.length * 14) / 2048)
    expect(r.value.map((f) => f.path)).toEqual(all.map((f) => f.path).sort())
  })
})
