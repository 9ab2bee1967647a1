// The browser's Back and Forward buttons inside the page. Each step into the results (the results
// themselves, each treemap zoom level, the viewer) is a history entry, so Back closes the viewer,
// then zooms out, then returns to the landing page while the analysis stays in memory (Forward
// shows it again). The page reports what it shows; this keeps the entries in step with it, and on
// Back/Forward tells the page what to show. Reports that already match the current entry do
// nothing, so showing what an entry asks for never adds entries of its own.

export type Level = 'landing' | 'results' | 'zoom' | 'viewer'

export interface Entry {
  level: Level
  /** The treemap's zoom path at this entry. */
  zoom: readonly string[]
  /** The file open in the viewer (level 'viewer'). */
  fileId?: number
}

interface Stored extends Entry {
  /** Marks the page's own entries, and where each sits in the page's stack. */
  exposureExplorer: number
}

export interface HistoryTarget {
  /** Show the entry: landing page or results, zoom path, viewer open on a file or closed. */
  show(entry: Entry): void
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i])
const isPrefix = (a: readonly string[], b: readonly string[]) =>
  a.length < b.length && a.every((name, i) => name === b[i])

export class PageHistory {
  readonly #history: History
  readonly #target: HistoryTarget
  /** The page's entries from its landing entry up; `#pos` is the current one. */
  #stack: Entry[] = [{ level: 'landing', zoom: [] }]
  #pos = 0

  constructor(history: History, target: HistoryTarget) {
    this.#history = history
    this.#target = target
    this.#history.replaceState(this.#stored(0), '')
  }

  get current(): Entry {
    return this.#stack[this.#pos]!
  }

  /** The results (of a new analysis) are shown: one entry above the landing page. */
  results(): void {
    if (this.current.level === 'landing') this.#push({ level: 'results', zoom: [] })
    else if (this.#pos > 1) this.#go(1)
    else this.#replace({ level: 'results', zoom: [] })
  }

  /** The landing page is shown by the page itself ("Start over"). */
  landing(): void {
    if (this.#pos > 0) this.#go(0)
  }

  /** The treemap now shows `zoom`. */
  zoomed(zoom: readonly string[]): void {
    const now = this.current
    if (now.level === 'landing' || now.level === 'viewer' || same(now.zoom, zoom)) return
    if (isPrefix(now.zoom, zoom)) return this.#push({ level: 'zoom', zoom })
    // Zoomed out (Escape, breadcrumb): back to the entry of that level when there is one.
    for (let i = this.#pos - 1; i >= 1; i--) {
      const entry = this.#stack[i]!
      if (entry.level !== 'viewer' && same(entry.zoom, zoom)) return this.#go(i)
    }
    this.#replace({ level: now.level, zoom })
  }

  /** The viewer is open on `fileId` (null: closed). */
  viewer(fileId: number | null): void {
    const now = this.current
    if (fileId === null) {
      if (now.level === 'viewer') this.#go(this.#pos - 1)
    } else if (now.level === 'viewer') {
      if (now.fileId !== fileId) this.#replace({ ...now, fileId })
    } else if (now.level !== 'landing') this.#push({ level: 'viewer', zoom: now.zoom, fileId })
  }

  /** popstate: shows the entry the browser moved to. */
  popped(state: unknown): void {
    const pos =
      state && typeof state === 'object' && 'exposureExplorer' in state
        ? Number((state as Stored).exposureExplorer)
        : 0
    this.#pos = Math.max(0, Math.min(this.#stack.length - 1, pos))
    this.#target.show(this.current)
  }

  #stored(pos: number): Stored {
    return { ...this.#stack[pos]!, zoom: [...this.#stack[pos]!.zoom], exposureExplorer: pos }
  }
  #push(entry: Entry): void {
    this.#stack = this.#stack.slice(0, this.#pos + 1)
    this.#stack.push(entry)
    this.#pos++
    this.#history.pushState(this.#stored(this.#pos), '')
  }
  #replace(entry: Entry): void {
    this.#stack[this.#pos] = entry
    this.#history.replaceState(this.#stored(this.#pos), '')
  }
  /** Moves to entry `pos` (the browser answers with popstate, which shows it). */
  #go(pos: number): void {
    const delta = pos - this.#pos
    if (delta === 0) return
    // The stack follows at once, so reports made before the browser answers compare against it.
    this.#pos = pos
    this.#history.go(delta)
  }
}
