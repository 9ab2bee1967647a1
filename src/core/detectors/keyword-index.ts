// The keyword prefilter: one pass over the text finds which rule keywords occur, so a rule's regex
// runs only on texts that contain one of its keywords. The cost is one table lookup per character,
// whatever the number of rules (an Aho-Corasick automaton over case-folded ASCII: keywords are
// ASCII, and any other character simply sends the automaton back to its root state).

const ALPHABET = 128

export class KeywordIndex {
  readonly keywords: readonly string[]
  /** Dense transition table: state * ALPHABET + char -> next state. */
  readonly #next: Int32Array
  /** For each state, the keyword ids that end there (including via suffix links), or null. */
  readonly #output: (number[] | null)[]

  constructor(keywords: readonly string[]) {
    this.keywords = keywords
    const goto: Map<number, number>[] = [new Map()]
    const ends: number[][] = [[]]
    keywords.forEach((word, id) => {
      let state = 0
      for (const ch of word.toLowerCase()) {
        const code = ch.charCodeAt(0)
        if (code >= ALPHABET) throw new Error(`keyword "${word}" is not ASCII`)
        let target = goto[state].get(code)
        if (target === undefined) {
          target = goto.length
          goto.push(new Map())
          ends.push([])
          goto[state].set(code, target)
        }
        state = target
      }
      ends[state].push(id)
    })
    const next = new Int32Array(goto.length * ALPHABET)
    const fail = new Int32Array(goto.length)
    const output: (number[] | null)[] = ends.map((e) => (e.length ? e : null))
    // Breadth-first: a state's failure link is the longest proper suffix that is also a prefix.
    const queue: number[] = []
    for (let c = 0; c < ALPHABET; c++) {
      const target = goto[0].get(c)
      if (target !== undefined) {
        next[c] = target
        queue.push(target)
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]
      const failOut = output[fail[state]]
      if (failOut) output[state] = [...(output[state] ?? []), ...failOut]
      for (let c = 0; c < ALPHABET; c++) {
        const target = goto[state].get(c)
        if (target === undefined) {
          next[state * ALPHABET + c] = next[fail[state] * ALPHABET + c]
        } else {
          fail[target] = next[fail[state] * ALPHABET + c]
          next[state * ALPHABET + c] = target
          queue.push(target)
        }
      }
    }
    this.#next = next
    this.#output = output
  }

  /** The ids of the keywords that occur in `text`, compared case-insensitively. */
  find(text: string): Set<number> {
    const found = new Set<number>()
    const next = this.#next
    const output = this.#output
    let state = 0
    for (let i = 0, n = text.length; i < n; i++) {
      let c = text.charCodeAt(i)
      if (c >= ALPHABET) c = 0
      else if (c >= 65 && c <= 90) c += 32
      state = next[state * ALPHABET + c]
      const out = output[state]
      if (out !== null) for (const id of out) found.add(id)
    }
    return found
  }
}
