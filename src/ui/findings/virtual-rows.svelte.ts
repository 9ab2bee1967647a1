// Hand-made virtualization for the page's long tables (findings, files): fixed-height rows, so the
// rows in view are a division of the scroll offset; only those plus a small margin exist in the DOM
// (after speedscope's scrollable list), so 1,000,000 rows scroll like 100.

export class VirtualRows {
  readonly rowHeight: number
  /** Rows rendered above and below the viewport, so fast scrolling does not show blanks. Few: every
   *  row in the DOM is restyled and laid out again when the data changes. */
  readonly margin: number
  readonly #count: () => number
  scrollTop = $state(0)
  viewportHeight = $state(400)
  #body: HTMLElement | null = null

  constructor(count: () => number, rowHeight = 30, margin = 8) {
    this.#count = count
    this.rowHeight = rowHeight
    this.margin = margin
  }

  /** First rendered row (inclusive). */
  get first(): number {
    return Math.max(0, Math.floor(this.scrollTop / this.rowHeight) - this.margin)
  }
  /** Last rendered row (exclusive). The same number of rows at every offset (but the last rows of
   *  the table): scrolling then changes rows' text only, and never adds or removes a row, which made
   *  the browser lay out more than the rows. */
  get last(): number {
    const span = Math.ceil(this.viewportHeight / this.rowHeight) + 1 + 2 * this.margin
    return Math.min(this.#count(), this.first + span)
  }

  /** Attachment for the scrolling body: follows its height (from a ResizeObserver's entries, not
   *  clientHeight, which would force a layout of the whole page when the table mounts) and scroll. */
  readonly body = (node: HTMLElement) => {
    this.#body = node
    const ro = new ResizeObserver(([entry]) => {
      if (entry) this.viewportHeight = entry.contentRect.height
    })
    ro.observe(node)
    const onscroll = () => (this.scrollTop = node.scrollTop)
    node.addEventListener('scroll', onscroll, { passive: true })
    return () => {
      ro.disconnect()
      node.removeEventListener('scroll', onscroll)
      if (this.#body === node) this.#body = null
    }
  }

  /** Scrolls row `index` into the rendered window (nearest edge); false when out of range. */
  reveal(index: number): boolean {
    const body = this.#body
    if (!body || index < 0 || index >= this.#count()) return false
    const top = index * this.rowHeight
    if (top < body.scrollTop) body.scrollTop = top
    else if (top + this.rowHeight > body.scrollTop + this.viewportHeight)
      body.scrollTop = top + this.rowHeight - this.viewportHeight
    this.scrollTop = body.scrollTop
    return true
  }

  /** Moves focus to row `index` (its element carries data-index), scrolling it into view first. */
  focus(index: number): void {
    if (!this.reveal(index)) return
    requestAnimationFrame(() => this.#body?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus())
  }
  /** ArrowDown/ArrowUp on row `index` moves focus to the next/previous row; true when it did. */
  arrow(event: KeyboardEvent, index: number): boolean {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false
    event.preventDefault()
    this.focus(index + (event.key === 'ArrowDown' ? 1 : -1))
    return true
  }
}
