// The keyword prefilter: one pass over the text finds which rule keywords occur, so a rule's regex
// runs only on texts that contain one of its keywords. The cost is one table lookup per character,
// whatever the number of rules (an Aho-Corasick automaton over case-folded ASCII: keywords are
// ASCII, and any other character simply sends the automaton back to its root state).
//
// Anchor keywords also have their positions noted: a rule whose every match begins with one of its
// keywords (PatternRule.anchored) tries its regex only there, instead of searching the whole text
// for a case-insensitive alternation of common words such as "token" (a third of the scan's time on
// the incident's sources went to one such search).

const ALPHABET = 128

export class KeywordIndex {
  readonly keywords: readonly string[]
  /** Character classes: the distinct characters of the keywords (case-folded) get 1..n, others 0.
   *  One entry per UTF-16 code unit (64 KB), so the hot loop looks a character up without first
   *  checking that it is ASCII (0.8-0.9x the time of find over the incident's sources). */
  readonly #classOf = new Uint8Array(65536)
  readonly #width: number
  /** Dense transition table: state * width + class -> next state. */
  readonly #next: Int32Array
  /** Keyword ids ending at each state (including via suffix links): ids[outStart[s] .. outStart[s+1]). */
  readonly #outStart: Int32Array
  readonly #outIds: Int32Array
  /** Premultiplied offset of the first state with output. */
  readonly #firstOutput: number
  /** Scratch for find(): [offset - firstOutput] is 1 once an output state was reached (cleared
   *  again before find returns; one index is used by one thread at a time). */
  readonly #reached: Uint8Array
  /** Scratch for find(): the reached entries of #reached, in the order first reached (so the end of
   *  a call visits those, not every output state: a map's 200,000 small sources paid for that). */
  readonly #reachedList: Int32Array
  /** [offset - firstOutput] is 1 for an output state that ends an anchor keyword. */
  readonly #endsAnchor: Uint8Array
  /** [id] is 1 for an anchor keyword. */
  readonly #isAnchor: Uint8Array

  /** `anchors`: the keywords (lowercase) whose positions `find` reports when asked. */
  constructor(keywords: readonly string[], anchors: ReadonlySet<string> = new Set()) {
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
    // Renumber so that states with output come last (one comparison tells them apart in the hot
    // loop) and store transitions premultiplied by the width (no multiplication per character).
    const order = [...ends.keys()].sort(
      (a, b) => Number(ends[a].length > 0) - Number(ends[b].length > 0) || a - b,
    )
    const rank = new Int32Array(order.length)
    order.forEach((state, r) => (rank[state] = r))
    this.#next = new Int32Array(next.length)
    for (let state = 0; state < goto.length; state++) {
      for (let c = 0; c < width; c++)
        this.#next[rank[state] * width + c] = rank[next[state * width + c]] * width
    }
    const firstOut = order.findIndex((state) => ends[state].length > 0)
    this.#firstOutput = (firstOut < 0 ? order.length : firstOut) * width
    this.#reached = new Uint8Array(order.length * width - this.#firstOutput)
    this.#reachedList = new Int32Array(order.length - (firstOut < 0 ? order.length : firstOut))
    this.#outStart = new Int32Array(order.length + 1)
    order.forEach((state, r) => (this.#outStart[r + 1] = this.#outStart[r] + ends[state].length))
    this.#outIds = Int32Array.from(order.flatMap((state) => ends[state]))
    this.#isAnchor = Uint8Array.from(keywords, (word) => Number(anchors.has(word.toLowerCase())))
    this.#endsAnchor = new Uint8Array(this.#reached.length)
    order.forEach((state, r) => {
      if (ends[state].some((id) => this.#isAnchor[id] === 1))
        this.#endsAnchor[r * width - this.#firstOutput] = 1
    })
  }

  /** The ids of the keywords that occur in `text`, compared case-insensitively. With `starts`, also
   *  where each anchor keyword begins: starts.get(keyword) lists its offsets in ascending order. */
  find(text: string, starts?: Map<string, number[]>): Set<number> {
    const next = this.#next
    const classOf = this.#classOf
    const reached = this.#reached
    const reachedList = this.#reachedList
    let reachedCount = 0
    const endsAnchor = this.#endsAnchor
    const firstOutput = this.#firstOutput
    /** Pairs of (offset of the keyword's last character, state offset) for anchor states. */
    const anchorEnds: number[] = []
    // The hot loop only notes which output states it reached (one store); their keywords are read
    // once afterwards. Walking a state's outputs at every hit cost a third of the loop's time on
    // minified bundles, where states such as "the " or "token" are reached thousands of times.
    let offset = 0 // state * width
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i)
      offset = next[offset + classOf[c]]
      if (offset >= firstOutput) {
        const at = offset - firstOutput
        if (reached[at] === 0) {
          reached[at] = 1
          reachedList[reachedCount++] = at
        }
        if (endsAnchor[at] === 1) anchorEnds.push(i, offset)
      }
    }
    const found = new Set<number>()
    const width = this.#width
    const outStart = this.#outStart
    const outIds = this.#outIds
    for (let j = 0; j < reachedCount; j++) {
      const at = reachedList[j]
      reached[at] = 0
      const state = (at + firstOutput) / width
      for (let k = outStart[state]; k < outStart[state + 1]; k++) found.add(outIds[k])
    }
    if (starts) this.#collectStarts(anchorEnds, starts)
    return found
  }

  #collectStarts(anchorEnds: readonly number[], starts: Map<string, number[]>): void {
    const width = this.#width
    const outStart = this.#outStart
    const outIds = this.#outIds
    for (let j = 0; j < anchorEnds.length; j += 2) {
      const last = anchorEnds[j]
      const state = anchorEnds[j + 1] / width
      for (let k = outStart[state]; k < outStart[state + 1]; k++) {
        const id = outIds[k]
        if (this.#isAnchor[id] === 0) continue
        const keyword = this.keywords[id]
        const list = starts.get(keyword)
        const start = last + 1 - keyword.length
        if (list) list.push(start)
        else starts.set(keyword, [start])
      }
    }
  }
}

// One shared index for every detector's keywords, so each text is walked once per scan whatever the
// number of categories. Detectors register their keywords when their module loads; the index is
// (re)built on first use after a registration.
const registered = new Set<string>()
const anchors = new Set<string>()
let shared: KeywordIndex | null = null

/** `anchor`: also note where the words begin (see KeywordHits.starts). */
export function registerKeywords(words: Iterable<string>, anchor = false): void {
  for (const word of words) {
    const lower = word.toLowerCase()
    if (!registered.has(lower) || (anchor && !anchors.has(lower))) {
      registered.add(lower)
      if (anchor) anchors.add(lower)
      shared = null
    }
  }
}

/** What the prefilter's one pass over a text found. */
export interface KeywordHits {
  /** The registered keywords that occur in the text (lowercase). */
  found: ReadonlySet<string>
  /** Where each anchor keyword that occurs begins, ascending offsets. */
  starts: ReadonlyMap<string, readonly number[]>
}

function sharedIndex(): KeywordIndex {
  shared ??= new KeywordIndex([...registered], anchors)
  return shared
}

/** One pass of the shared index over `text`: the keywords it holds and where anchors begin. */
export function scanKeywords(text: string): KeywordHits {
  const index = sharedIndex()
  const starts = new Map<string, number[]>()
  const found = new Set<string>()
  for (const id of index.find(text, starts)) found.add(index.keywords[id])
  return { found, starts }
}
