// The text a file table row shows, made once per file and kept while the row is likely to come back
// into view: a dragged scrollbar passes the same rows again, and every string made on a scroll frame
// is garbage the collector later collects in a frame of its own, on a heap holding every file.
import type { ExposedFile } from '../../core/report/model'
import { formatBytes, formatCount } from '../../core/report/present'
import { chainParts } from '../findings/location'
import { originOf } from './sort-files'

export interface RowText {
  /** The path cut before its base name (the head gives way when the cell is narrow). */
  head: string
  tail: string
  /** The whole container chain and path. */
  title: string
  size: string
  lines: string
  origin: string
  findings: string
}

export function rowText(file: ExposedFile, findings: number): RowText {
  const place = chainParts([], file.path)
  return {
    head: place.head,
    tail: place.tail,
    title: file.origin.length > 0 ? `${file.origin.join(' › ')} › ${file.path}` : file.path,
    size: formatBytes(file.bytes),
    lines: formatCount(file.lines),
    origin: originOf(file),
    findings: formatCount(findings),
  }
}

/** Row texts by file id for one list and its finding counts, dropped all at once past `limit`
 *  entries so the kept text stays a small multiple of a screenful of drag steps. */
export class RowTexts {
  readonly #counts: ArrayLike<number>
  readonly #limit: number
  #byId = new Map<number, RowText>()

  constructor(counts: ArrayLike<number>, limit = 8192) {
    this.#counts = counts
    this.#limit = limit
  }

  get(file: ExposedFile): RowText {
    let text = this.#byId.get(file.id)
    if (!text) {
      if (this.#byId.size >= this.#limit) this.#byId = new Map()
      text = rowText(file, this.#counts[file.id] ?? 0)
      this.#byId.set(file.id, text)
    }
    return text
  }
}
