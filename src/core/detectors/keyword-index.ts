// The keyword prefilter: one pass over the text finds which rule keywords occur, so a rule's regex
// runs only on texts that contain one of its keywords. The cost is one table lookup per character,
// whatever the number of rules (an Aho-Corasick automaton over case-folded ASCII: keywords are
// ASCII, and any other character simply sends the automaton back to its root state).

const ALPHABET = 128

export class KeywordIndex {
  readonly keywords: readonly string[]
  /** Character classes: the distinct characters of the keywords (case-folded) get 1..n, others 0. */
  readonly #classOf = new Uint8Array(ALPHABET)
  readonly #width: number
  /** Dense transition table: state * width + class -> next state. */
  readonly #next: Int32Array
  /** Keyword ids ending at each state (including via suffix links): ids[outStart[s] .. outStart[s+1]). */
  readonly #outStart: Int32Array
  readonly #outIds: Int32Array
  readonly #hasOut: Uint8Array

  constructor(keywords: readonly string[]) {
    this.keywords = keywords
    let width = 1
    for (const word of keywords) {
      for (const ch of word.toLowerCase()) {
        const code = ch.charCodeAt(0)
        if (code >= ALPHABET) throw new Error(`keyword "${word}" is not ASCII`)
        if (this.#classOf[code] === 0) {
          this.#classOf[code] = width++
          if (code >= 97 && code <= 122) this.#classOf[code - 32] = this.#classOf[code]
        }
      }
    }
    this.#width = width
    const goto: Map<number, number>[] = [new Map()]
    const ends: number[][] = [[]]
    keywords.forEach((word, id) => {
      let state = 0
      for (const ch of word.toLowerCase()) {
        const cls = this.#classOf[ch.charCodeAt(0)]
        let target = goto[state].get(cls)
        if (target === undefined) {
          target = goto.length
          goto.push(new Map())
          ends.push([])
          goto[state].set(cls, target)
        }
        state = target
      }
      ends[state].push(id)
    })
    const next = new Int32Array(goto.length * width)
    const fail = new Int32Array(goto.length)
    // Breadth-first: a state's failure link is the longest proper suffix that is also a prefix.
    const queue: number[] = []
    for (let c = 1; c < width; c++) {
      const target = goto[0].get(c)
      if (target !== undefined) {
        next[c] = target
        queue.push(target)
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]
      ends[state].push(...ends[fail[state]])
      for (let c = 1; c < width; c++) {
        const target = goto[state].get(c)
        if (target === undefined) {
          next[state * width + c] = next[fail[state] * width + c]
        } else {
          fail[target] = next[fail[state] * width + c]
          next[state * width + c] = target
          queue.push(target)
        }
      }
    }
    this.#next = next
    this.#outStart = new Int32Array(goto.length + 1)
    ends.forEach((e, s) => (this.#outStart[s + 1] = this.#outStart[s] + e.length))
    this.#outIds = Int32Array.from(ends.flat())
    this.#hasOut = Uint8Array.from(ends, (e) => (e.length > 0 ? 1 : 0))
  }

  /** The ids of the keywords that occur in `text`, compared case-insensitively. */
  find(text: string): Set<number> {
    const seen = new Uint8Array(this.keywords.length)
    const next = this.#next
    const classOf = this.#classOf
    const width = this.#width
    const outStart = this.#outStart
    const outIds = this.#outIds
    const hasOut = this.#hasOut
    let state = 0
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i)
      state = next[state * width + (c < ALPHABET ? classOf[c] : 0)]
      if (hasOut[state] === 1) for (let k = outStart[state]; k < outStart[state + 1]; k++) seen[outIds[k]] = 1
    }
    const found = new Set<number>()
    for (let id = 0; id < seen.length; id++) if (seen[id]) found.add(id)
    return found
  }
}

// One shared index for every detector's keywords, so each text is walked once per scan whatever the
// number of categories. Detectors register their keywords when their module loads; the index is
// (re)built on first use after a registration.
const registered = new Set<string>()
let shared: KeywordIndex | null = null

export function registerKeywords(words: Iterable<string>): void {
  for (const word of words) {
    const lower = word.toLowerCase()
    if (!registered.has(lower)) {
      registered.add(lower)
      shared = null
    }
  }
}

/** The registered keywords that occur in `text` (lowercase). */
export function findKeywords(text: string): Set<string> {
  shared ??= new KeywordIndex([...registered])
  const index = shared
  return new Set([...index.find(text)].map((id) => index.keywords[id]))
}
