// The file table's sort at 1,000,000 rows, off the page: generated files shaped like a large map's
// sources (container chain, folders, sizes, line counts, findings), filtered and sorted by each key
// through sortFilesSteps in slices of the page's budget (SLICE_MS), reporting the longest slice, the
// number of slices and the total time (a slice's wall time includes waiting for a core on a
// loaded machine; its CPU time, from process.cpuUsage, is the work's own, GC included). The page runs the same generator with runSliced, so its
// longest task while sorting is this slice plus the rendering of one frame.
//   npx tsx tests/bench/file-sort-1m.ts [--rows 1000000]
import { loadavg } from 'node:os'
import type { ExposedFile } from '../../src/core/report/model'
import { sortFilesSteps, type FileSortKey } from '../../src/ui/files/sort-files'
import { SLICE_MS } from '../../src/ui/treemap/slices'

const at = process.argv.indexOf('--rows')
const rows = at >= 0 ? Number(process.argv[at + 1]) : 1_000_000

const t0 = performance.now()
const files: ExposedFile[] = []
for (let i = 0; i < rows; i++) {
  const first = i % 2 === 0
  files.push({
    id: i,
    path: first
      ? `src/mod-${i % 97}/part-${i % 13}/unit-${i}.ts`
      : `node_modules/pkg-${i % 401}/lib/file-${i}.js`,
    origin: ['big.tgz', 'package/cli.js.map'],
    kind: first ? 'first-party-source' : 'third-party-source',
    bytes: (i * 2654435761) % 40_000,
    lines: (i * 40503) % 900,
    hasContent: true,
  })
}
const counts = new Uint32Array(rows).map((_, i) => (i % 17 === 0 ? i % 5 : 0))
console.log(`generated ${rows.toLocaleString('en-US')} files in ${Math.round(performance.now() - t0)} ms`)

const cases: [FileSortKey, boolean, ((f: ExposedFile) => boolean) | null][] = [
  ['bytes', true, null],
  ['path', false, null],
  ['kind', false, null],
  ['findings', true, null],
  ['path', false, (f) => f.path.includes('mod-1')],
]
for (const [key, descending, filter] of cases) {
  const steps = sortFilesSteps(files, filter, key, descending, counts)
  let slices = 0
  let longest = 0
  let longestCpu = 0
  let busy = 0
  let result: ExposedFile[]
  for (;;) {
    const start = performance.now()
    const cpu = process.cpuUsage()
    let r = steps.next()
    while (!r.done && performance.now() - start < SLICE_MS) r = steps.next()
    const took = performance.now() - start
    slices++
    busy += took
    longest = Math.max(longest, took)
    const used = process.cpuUsage(cpu)
    longestCpu = Math.max(longestCpu, (used.user + used.system) / 1000)
    if (r.done) {
      result = r.value
      break
    }
  }
  console.log(
    `${key}${descending ? ' desc' : ''}${filter ? ' filtered' : ''}: ${result.length.toLocaleString('en-US')} rows, ` +
      `${slices} slices, longest ${longest.toFixed(1)} ms (CPU ${longestCpu.toFixed(1)} ms), total ${Math.round(busy)} ms (load ${loadavg()[0].toFixed(2)})`,
  )
}
