// Texts scanned once: a file whose text equals an earlier file's, at a path with the same facts for
// the detectors (pathFacts), gets that file's scan result placed at its own path instead of a scan of
// its own. A package that ships one file many times (copies of a licence, a vendored file in every
// sub-package, or a flood of one file 4,000 times) costs one scan per distinct text, not per copy.
// Texts are compared whole, never by a hash alone: a text crafted to collide must not borrow a clean
// text's result. What is kept is bounded (MAX_KEPT_CHARS of text, PER_BUCKET texts per bucket), so
// hostile input costs at most a few whole-text comparisons per file and a bounded amount of memory.
import type { ScanResult } from './analysis-contract'
import type { ExposedFile, Finding } from './report/model'

/** Texts shorter than this are scanned anyway (a scan of them costs about what the lookup does). */
export const MIN_SAME_TEXT_CHARS = 1024
/** Characters of text kept for comparison, in all; the oldest texts are forgotten first. */
const MAX_KEPT_CHARS = 16 * 1024 * 1024
/** Texts kept per bucket (length, facts and a sample of characters): a lookup compares at most these. */
const PER_BUCKET = 4
/** Characters sampled from each end and at eight points between them for the bucket key. */
const SAMPLE = 16

/** One distinct text: its scan result once known, kept as scanned (before the report changes it). */
export class SameText {
  result: ScanResult | undefined
  /** Per marking (first- or third-party, with or without an open-source licence): the findings as the
   *  report takes them, and their keys. */
  readonly marked: ({ findings: Finding[]; keys: string[] } | undefined)[] = []

  /** `text`: the text, or the UTF-8 of its spelling (a map source's JSON literal); `chars`: its
   *  length as a string. */
  constructor(
    readonly text: string | Uint8Array,
    readonly facts: string,
    readonly chars = text.length,
  ) {}

  /** Keeps the result (copies of its findings: the report edits the ones it takes). */
  settle(result: ScanResult): void {
    const copy = (findings: Finding[]) => findings.map((f) => ({ ...f }))
    this.result = Array.isArray(result)
      ? copy(result)
      : { ...result, ...(result.findings ? { findings: copy(result.findings) } : {}) }
  }

  /** The result for `file`, an equal text at another path: the same findings placed at its path. */
  resultFor(file: ExposedFile): ScanResult {
    const result = this.result!
    if (Array.isArray(result)) return placeAt(result, file)
    return result.findings ? { ...result, findings: placeAt(result.findings, file) } : { ...result }
  }
}

/** Copies of `findings` placed in `file`. */
export function placeAt(findings: readonly Finding[], file: ExposedFile): Finding[] {
  return findings.map((f) => ({ ...f, path: file.path, origin: file.origin, fileId: file.id }))
}

export class SameTexts {
  readonly #buckets = new Map<string, SameText[]>()
  /** Kept texts, oldest first, with their bucket keys. */
  readonly #order: { key: string; entry: SameText }[] = []
  #orderHead = 0
  #chars = 0

  /** The earlier equal text with the same facts (`first: false`), or a new entry this text is now
   *  kept as (`first: true`), or undefined when it is too short or its bucket is full. `facts` may
   *  be a function, called only for a text long enough to look up. `text` may be the UTF-8 of a
   *  spelling (a JSON literal, never taken for a string: the callers' facts tell them apart) whose
   *  length as a string is `chars`. */
  find(
    text: string | Uint8Array,
    facts: string | (() => string),
    chars = text.length,
  ): { entry: SameText; first: boolean } | undefined {
    if (chars < MIN_SAME_TEXT_CHARS || chars > MAX_KEPT_CHARS) return undefined
    if (typeof facts === 'function') facts = facts()
    const key = `${facts}\0${chars}\0${sample(text)}`
    const bucket = this.#buckets.get(key)
    if (bucket) {
      for (const entry of bucket) if (same(entry.text, text)) return { entry, first: false }
      if (bucket.length >= PER_BUCKET) return undefined
    }
    // Bytes are kept as a copy of their own: the caller's may be moved to another thread.
    const entry = new SameText(typeof text === 'string' ? text : text.slice(), facts, chars)
    if (bucket) bucket.push(entry)
    else this.#buckets.set(key, [entry])
    this.#order.push({ key, entry })
    this.#chars += chars
    while (this.#chars > MAX_KEPT_CHARS) this.#forgetOldest()
    return { entry, first: true }
  }

  #forgetOldest(): void {
    const { key, entry } = this.#order[this.#orderHead]
    this.#order[this.#orderHead++] = undefined!
    this.#chars -= entry.chars
    const bucket = this.#buckets.get(key)!
    bucket.splice(bucket.indexOf(entry), 1)
    if (bucket.length === 0) this.#buckets.delete(key)
    if (this.#orderHead > 1024 && this.#orderHead * 2 > this.#order.length) {
      this.#order.splice(0, this.#orderHead)
      this.#orderHead = 0
    }
  }
}

/** Characters (or bytes) from both ends and eight points between: texts that differ there never
 *  share a bucket. */
function sample(text: string | Uint8Array): string {
  const part =
    typeof text === 'string'
      ? (at: number, end?: number) => text.slice(at, end)
      : (at: number, end?: number) => String.fromCharCode(...text.subarray(at, end))
  const parts = [part(0, SAMPLE), part(-SAMPLE)]
  const step = Math.floor(text.length / 9)
  for (let i = 1; i <= 8; i++) parts.push(part(i * step, i * step + SAMPLE))
  return parts.join('')
}

/** Whether two kept texts are equal (a string never equals bytes). */
function same(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
