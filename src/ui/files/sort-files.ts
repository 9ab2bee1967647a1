// Filtering and sorting for the file table, as a generator that yields every STEP units of work, so
// the page runs it in time slices (treemap/slices.ts runSliced) and 1,000,000 files never make one
// long task. Keys are computed once per file, then indices are merge-sorted bottom-up (no string
// building inside the comparator, no recursion, every pass interruptible).
import type { ExposedFile, Finding } from '../../core/report/model'

export type FileSortKey = 'path' | 'kind' | 'bytes' | 'lines' | 'origin' | 'findings'

/** Units of work (files keyed, elements merged) between two yields: small enough that a slice can
 *  stop within its budget, large enough that yielding costs nothing measurable. */
const STEP = 2048

/** Where a file came from: the innermost container (a map, an archive), or the input itself. */
export function originOf(file: ExposedFile): string {
  return file.origin.length > 0 ? file.origin[file.origin.length - 1]! : 'the input'
}

/** Findings per file id. */
export function findingCounts(findings: readonly Finding[], fileCount: number): Uint32Array {
  const counts = new Uint32Array(fileCount)
  for (const f of findings) if (f.fileId !== undefined && f.fileId < fileCount) counts[f.fileId]!++
  return counts
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Each file's place in path order, by position in the list, kept per list: every sort breaks ties
 *  by it, so the string sort is paid once per list and later sorts compare numbers only. */
const pathRanks = new WeakMap<readonly ExposedFile[], Uint32Array>()

function* pathRankSteps(all: readonly ExposedFile[]): Generator<void, Uint32Array, void> {
  const cached = pathRanks.get(all)
  if (cached) return cached
  const n = all.length
  const keys = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    const f = all[i]!
    // Container by container, then the path: a container's own files before those of the ones inside it.
    keys[i] = f.origin.length > 0 ? `${f.origin.join('\u0000')}\u0000\u0001${f.path}` : `\u0001${f.path}`
    if (i % STEP === STEP - 1) yield
  }
  const order = yield* mergeSortSteps(n, (a, b) => byText(keys[a]!, keys[b]!))
  const rank = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    rank[order[i]!] = i
    if (i % STEP === STEP - 1) yield
  }
  pathRanks.set(all, rank)
  return rank
}

/** Small whole numbers in the text order of `text(i)` for i < n (equal texts, equal numbers). */
function* ordinalSteps(n: number, text: (i: number) => string): Generator<void, Float64Array, void> {
  const texts = new Array<string>(n)
  const distinct = new Set<string>()
  for (let i = 0; i < n; i++) {
    distinct.add((texts[i] = text(i)))
    if (i % STEP === STEP - 1) yield
  }
  const number = new Map([...distinct].sort(byText).map((t, i) => [t, i]))
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    values[i] = number.get(texts[i]!)!
    if (i % STEP === STEP - 1) yield
  }
  return values
}

/** The files passing `filter` (all when null), in the order of `key` (ties by container chain and
 *  path), reversed when `descending`. Yields between steps; returns the sorted files. */
export function* sortFilesSteps(
  all: readonly ExposedFile[],
  filter: ((file: ExposedFile) => boolean) | null,
  key: FileSortKey,
  descending: boolean,
  counts: Uint32Array,
): Generator<void, ExposedFile[], void> {
  const rank = yield* pathRankSteps(all)
  // Positions in `all` of the files shown.
  let kept = new Uint32Array(all.length)
  let n = 0
  for (let i = 0; i < all.length; i++) {
    if (!filter || filter(all[i]!)) kept[n++] = i
    if (i % STEP === STEP - 1) yield
  }
  kept = kept.subarray(0, n)
  const sorted = new Array<ExposedFile>(n)
  if (key === 'path') {
    // Path order is the ranks' order: place each file at its rank, then read the places in order.
    const byRank = new Int32Array(all.length).fill(-1)
    for (let i = 0; i < n; i++) {
      byRank[rank[kept[i]!]!] = kept[i]!
      if (i % STEP === STEP - 1) yield
    }
    let k = 0
    for (let r = 0; r < byRank.length; r++) {
      const p = byRank[descending ? byRank.length - 1 - r : r]!
      if (p >= 0) sorted[k++] = all[p]!
      if (r % STEP === STEP - 1) yield
    }
    return sorted
  }
  const values =
    key === 'kind' || key === 'origin'
      ? yield* ordinalSteps(n, (i) => (key === 'kind' ? all[kept[i]!]!.kind : originOf(all[kept[i]!]!)))
      : new Float64Array(n)
  const ties = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const f = all[kept[i]!]!
    ties[i] = rank[kept[i]!]!
    if (key === 'bytes') values[i] = f.bytes
    else if (key === 'lines') values[i] = f.lines
    else if (key === 'findings') values[i] = counts[f.id] ?? 0
    if (i % STEP === STEP - 1) yield
  }
  const sign = descending ? -1 : 1
  const order = yield* mergeSortSteps(n, (a, b) => sign * (values[a]! - values[b]! || ties[a]! - ties[b]!))
  for (let i = 0; i < n; i++) {
    sorted[i] = all[kept[order[i]!]!]!
    if (i % STEP === STEP - 1) yield
  }
  return sorted
}

/** The indices 0..n-1 in `compare` order (stable), by bottom-up merge sort; yields every STEP. */
function* mergeSortSteps(
  n: number,
  compare: (a: number, b: number) => number,
): Generator<void, Uint32Array, void> {
  let from = new Uint32Array(n)
  let to = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    from[i] = i
    if (i % STEP === STEP - 1) yield
  }
  // Runs of RUN elements by insertion sort first: fewer passes, and cheap on short runs.
  const RUN = 16
  let work = 0
  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(start + RUN, n)
    for (let i = start + 1; i < end; i++) {
      const v = from[i]!
      let j = i - 1
      while (j >= start && compare(from[j]!, v) > 0) {
        from[j + 1] = from[j]!
        j--
      }
      from[j + 1] = v
    }
    work += RUN * 4
    if (work >= STEP) {
      work = 0
      yield
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const mid = Math.min(left + width, n)
      const right = Math.min(left + 2 * width, n)
      let i = left
      let j = mid
      let k = left
      while (k < right) {
        to[k++] = i < mid && (j >= right || compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!
        if (++work >= STEP) {
          work = 0
          yield
        }
      }
    }
    const swap = from
    from = to
    to = swap
  }
  return from
}

/** sortFilesSteps run to its end at once (small lists, tests). */
export function sortFiles(
  files: readonly ExposedFile[],
  key: FileSortKey,
  descending: boolean,
  counts: Uint32Array,
  filter: ((file: ExposedFile) => boolean) | null = null,
): ExposedFile[] {
  const steps = sortFilesSteps(files, filter, key, descending, counts)
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}
