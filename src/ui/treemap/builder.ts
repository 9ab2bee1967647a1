// When the tree is rebuilt: at most every MIN_REBUILD_MS (longer when a build is slow) while batches
// stream in, each build run in time slices (slices.ts) so none is one long task, a newer filter
// abandoning a running build, and the final report's recolouring refreshed in place.
import type { ExposedFile } from '../../core/report/model'
import { NO_DATA, type AreaData } from './modes'
import { layoutViewSteps, type LayoutNode } from './layout'
import { runSliced } from './slices'
import {
  buildTreeSteps,
  existingPrefix,
  findNode,
  refreshKinds,
  sameShape,
  type FileTree,
  type SizeBy,
} from './tree'

/** Rebuilds while files stream in come at most this often, and at least REBUILD_FACTOR × the last
 *  build's cost apart: on 2 cores every ms the page spends rebuilding is taken from the worker. */
const MIN_REBUILD_MS = 400
const REBUILD_FACTOR = 5

export type Filter = ((f: ExposedFile) => boolean) | null

/** What a layout was made for: it is reused only while all of these still hold. */
export interface LayoutKey {
  zoom: string[]
  width: number
  height: number
  sizeBy: SizeBy
  labelHeight: number
}

export const sameKey = (a: LayoutKey, b: LayoutKey): boolean =>
  a.width === b.width &&
  a.height === b.height &&
  a.sizeBy === b.sizeBy &&
  a.labelHeight === b.labelHeight &&
  a.zoom.join('\u0000') === b.zoom.join('\u0000')

/** A build's result: the tree and, when the canvas had a size, its layout for `key`. */
export interface Prepared {
  tree: FileTree
  layout: LayoutNode | null
  key: LayoutKey
  files: readonly ExposedFile[]
  filter: Filter
}

export interface BuilderHost {
  /** The layout key of the moment for a zoom that exists in the new tree. */
  keyFor(zoom: string[]): LayoutKey
  /** The zoom the view shows now. */
  zoom(): readonly string[]
  built(prepared: Prepared): void
  /** The final report recoloured files of the same shape: `tree` was refreshed in place. */
  refreshed(tree: FileTree, files: readonly ExposedFile[]): void
}

export class TreeBuilder {
  #host: BuilderHost
  #files: readonly ExposedFile[] = []
  #filter: Filter = null
  #data: AreaData = NO_DATA
  #built: { files: readonly ExposedFile[]; filter: Filter; data: AreaData; tree: FileTree } | null = null
  #timer: ReturnType<typeof setTimeout> | null = null
  #lastBuild = -Infinity
  #cost = 0
  /** Bumped to abandon a build that is running in slices. */
  #id = 0
  #building: { filter: Filter } | null = null

  constructor(host: BuilderHost) {
    this.#host = host
  }

  /** The files the current tree was built from (null before the first build). */
  get builtFiles(): readonly ExposedFile[] | null {
    return this.#built?.files ?? null
  }

  get files(): readonly ExposedFile[] {
    return this.#files
  }

  setData(files: readonly ExposedFile[], filter: Filter, data: AreaData = this.#data) {
    const newData = data !== this.#data
    this.#files = files
    this.#filter = filter
    this.#data = data
    const built = this.#built
    if (built && built.files === files && built.filter === filter && built.data === data) return
    if (this.#building) {
      // More streamed files: let the running build finish; it schedules the next one. A new filter
      // makes it useless: drop it and start over.
      if (this.#building.filter === filter && !newData) return
      this.#id++
      this.#building = null
    }
    if (this.#timer) return // a build is already scheduled and will take the latest data
    // The final report only recoloured some files: refresh kinds in place, keep the layout.
    if (
      built &&
      filter === null &&
      built.filter === null &&
      built.data === data &&
      sameShape(built.files, files)
    )
      return this.#refresh(built.tree, files)
    const interval = Math.max(MIN_REBUILD_MS, REBUILD_FACTOR * this.#cost)
    const wait = built ? Math.max(0, this.#lastBuild + interval - performance.now()) : 0
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#build()
    }, wait)
  }

  destroy() {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#id++
    this.#building = null
  }

  #build() {
    const files = this.#files
    const filter = this.#filter
    const data = this.#data
    this.#run(this.#steps(files, filter, data), filter, (prepared, busyMs) => {
      this.#built = { files, filter, data, tree: prepared.tree }
      this.#lastBuild = performance.now()
      // The next rebuild waits REBUILD_FACTOR × what this one cost (build and layout).
      this.#cost = busyMs
      this.#host.built(prepared)
    })
  }

  #refresh(tree: FileTree, files: readonly ExposedFile[]) {
    this.#run(refreshKinds(tree, files), null, () => {
      this.#built = { files, filter: null, data: this.#built?.data ?? NO_DATA, tree }
      this.#host.refreshed(tree, files)
    })
  }

  /** Steps `steps` in time slices as the current build (a newer one abandons it), hands the result to
   *  `finish`, then schedules a build of any batches that arrived meanwhile (throttled as usual). */
  #run<T>(steps: Generator<void, T, void>, filter: Filter, finish: (value: T, busyMs: number) => void) {
    const id = ++this.#id
    const files = this.#files
    const data = this.#data
    this.#building = { filter }
    void runSliced(steps, () => id !== this.#id).then((done) => {
      if (!done || id !== this.#id) return
      this.#building = null
      finish(done.value, done.busyMs)
      if (this.#files !== files || this.#filter !== filter || this.#data !== data)
        this.setData(this.#files, this.#filter, this.#data)
    })
  }

  /** The tree, then its layout for the zoom, size and measure of the moment: both in slices. */
  *#steps(files: readonly ExposedFile[], filter: Filter, data: AreaData): Generator<void, Prepared, void> {
    const tree = yield* buildTreeSteps(files, filter, data)
    const key = this.#host.keyFor(existingPrefix(tree, this.#host.zoom()))
    const prepared: Prepared = { tree, layout: null, key, files, filter }
    if (key.width === 0 || key.height === 0) return prepared
    const view = findNode(tree, key.zoom) ?? tree.root
    prepared.layout = yield* layoutViewSteps(tree, view, key)
    return prepared
  }
}
