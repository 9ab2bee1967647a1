// The rule engine shared by every category: rules are data (id, severity, keywords, one regex and
// optional value checks); a RuleSet runs the keyword prefilter once per text and then only the
// regexes whose keywords occurred. Categories with logic beyond one regex produce the same `Hit`s.
import type { Category, Severity } from '../report/model'
import { SEVERITIES } from '../report/model'
import type { TimeBudget } from './budget'
import { registerKeywords, scanKeywords, type KeywordHits } from './keyword-index'

export interface PatternRule {
  id: string
  category: Category
  title: string
  severity: Severity
  /** Lowercase ASCII; the regex runs only on texts containing one of them (case-insensitively).
   *  Every match of `pattern` must contain one. Empty: the rule always runs. */
  keywords: readonly string[]
  /** Every match begins with one of `keywords` (the regex opens with their alternation): the regex
   *  is tried only where one begins, as the prefilter's pass found them, instead of searching the
   *  whole text. The matches are the same; a property test holds each anchored rule to that. */
  anchored?: boolean
  /** With `anchored`: every match holds one of `keywords` this many characters after its start (the
   *  regex opens with a part of that fixed width, `[0-9a-f]{32}` before `-us`), so it is tried that
   *  far before each keyword's start. */
  anchorOffset?: number
  /** With `anchored`: every match begins where the identifier (a run of `[A-Za-z0-9_$]`) holding one
   *  of `keywords` begins, not at the keyword itself (`getFeatureValue(` for the keyword `feature`),
   *  and no match can begin inside another: the regex is tried at the start of each identifier that
   *  holds a keyword. */
  anchorAtIdentifier?: boolean
  /** A global regex. The named group `v` (or `v2`) is the sensitive value (what is redacted and highlighted);
   *  without it the whole match is. */
  pattern: RegExp
  /** Minimum Shannon entropy of the value, in bits per character. */
  minEntropy?: number
  /** Reject values that look like placeholders or documentation examples (default: secrets only). */
  rejectPlaceholders?: boolean
  /** The value lies after the match (a key block's body after its armour line): a hand-written scan
   *  from the match's end finds it, or returns null to drop the match. The finding is placed at the
   *  match's start, its redaction covers the value. */
  valueAfter?: (text: string, from: number) => { start: number; end: number } | null
  /** Further checks on the value; false drops the match. */
  validate?: (value: string, match: RegExpExecArray) => boolean
  /** Restricts the rule to program source or to everything else (config, env, docs). */
  appliesTo?: 'code' | 'non-code'
  /** Why it matters, one sentence; a function may name the value (never for secrets). */
  message: string | ((value: string) => string)
}

/** A match before it becomes a Finding: offsets into the scanned text. */
export interface Hit {
  rule: string
  category: Category
  severity: Severity
  start: number
  end: number
  message: string
  /** True when [start, end) is a secret value that every excerpt must redact. */
  secret: boolean
  /** Where the finding is placed when that is not `start` (a key block's armour line before its body). */
  at?: number
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) {
    const p = n / value.length
    bits -= p * Math.log2(p)
  }
  return bits
}

const PLACEHOLDER_WORDS =
  /example|sample|xxxx|your[_-]?|placeholder|dummy|changeme|change[_-]me|redacted|insert|replace|fake|foobar|<[^>]*>|\$\{|\{\{|%[A-Z_]+%|\*{3}|\.{3}|•/i

/** Documentation examples and template holes: `EXAMPLE`, `xxxx`, `your-api-key`, `<token>`,
 *  `${VAR}`, `{{ secret }}`, all the same character, or a long run like `abcdef`/`123456`. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true
  if (fewDistinct(value, 3)) return true
  let run = 1
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1)
    run = step === 1 || step === -1 || step === 0 ? run + 1 : 1
    if (run >= 7) return true
  }
  return false
}

/** Whether `value` has at most `most` distinct code points (stops at the first one more). */
function fewDistinct(value: string, most: number): boolean {
  const seen: number[] = []
  for (let i = 0; i < value.length;) {
    const c = value.codePointAt(i)!
    i += c > 0xffff ? 2 : 1
    if (seen.includes(c)) continue
    if (seen.length === most) return false
    seen.push(c)
  }
  return true
}

export function lowerSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)]
}

/** Rules compiled with their keyword prefilter. */
export class RuleSet {
  readonly rules: readonly PatternRule[]
  /** Sticky twins of the anchored rules' patterns, tried at each keyword start. */
  readonly #sticky = new Map<PatternRule, RegExp>()
  /** Positions in `rules` of the rules each keyword wakes, and of those without keywords: a text's
   *  few found keywords pick the candidates, where testing every rule's keywords against them cost
   *  more than the regexes on a map's 200,000 small sources. */
  readonly #byKeyword = new Map<string, number[]>()
  readonly #always: number[] = []

  constructor(rules: readonly PatternRule[]) {
    this.rules = rules
    rules.forEach((rule, at) => {
      if (rule.keywords.length === 0) this.#always.push(at)
      for (const keyword of new Set(rule.keywords)) {
        const list = this.#byKeyword.get(keyword)
        if (list) list.push(at)
        else this.#byKeyword.set(keyword, [at])
      }
      if (!rule.pattern.global) throw new Error(`rule ${rule.id}: pattern must be global`)
      if (rule.anchorAtIdentifier && !rule.anchored)
        throw new Error(`rule ${rule.id}: anchorAtIdentifier needs anchored`)
      if (rule.anchored) {
        if (rule.keywords.length === 0) throw new Error(`rule ${rule.id}: an anchored rule needs keywords`)
        // Starts are recorded under the lowercase keyword; another spelling would never be found.
        if (rule.keywords.some((k) => k !== k.toLowerCase()))
          throw new Error(`rule ${rule.id}: keywords must be lowercase`)
        this.#sticky.set(rule, new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'y'))
      }
      registerKeywords(rule.keywords, rule.anchored)
    })
  }

  /** The rules whose keywords occur in the text; `found` is the prefilter's, shared by all sets. */
  candidates(found: ReadonlySet<string>, isCode?: boolean): PatternRule[] {
    let picked: number[] = this.#always
    for (const keyword of found) {
      const list = this.#byKeyword.get(keyword)
      if (list === undefined) continue
      if (picked === this.#always) picked = picked.slice()
      for (const at of list) picked.push(at)
    }
    if (picked.length === 0) return []
    // In table order, once each (the order is the callers' priority among overlapping hits).
    if (picked !== this.#always) picked = [...new Set(picked)].sort((a, b) => a - b)
    const rules: PatternRule[] = []
    for (const at of picked) {
      const rule = this.rules[at]
      if (rule.appliesTo === undefined || isCode === undefined || (rule.appliesTo === 'code') === isCode)
        rules.push(rule)
    }
    return rules
  }

  /** Every accepted match of the candidate rules in `text` (`isCode` undefined: rules of both kinds).
   *  `keys` is the prefilter's pass over `text`, shared by all sets (a ScanContext is one, and
   *  carries the text's time budget: once it is spent, the scan stops and returns what it found). */
  scan(
    text: string,
    keys: KeywordHits & { budget?: TimeBudget } = scanKeywords(text),
    isCode?: boolean,
  ): Hit[] {
    const hits: Hit[] = []
    const { budget } = keys
    for (const rule of this.candidates(keys.found, isCode)) {
      if (budget?.spent(rule.id)) break
      const sticky = this.#sticky.get(rule)
      if (sticky) {
        const starts = startsOf(rule, keys)
        const from = rule.anchorAtIdentifier ? identifierStarts(text, starts) : starts
        runAnchored(rule, sticky, text, from, hits, budget)
      } else runRule(rule, text, hits, budget)
    }
    return hits
  }
}

/** Every accepted match of `rules` in `text`, each rule searching the whole text (for texts the
 *  shared keyword pass did not see, such as a comment body cut out of a file). */
export function runRules(rules: readonly PatternRule[], text: string, budget?: TimeBudget): Hit[] {
  const hits: Hit[] = []
  for (const rule of rules) {
    if (budget?.spent(rule.id)) break
    runRule(rule, text, hits, budget)
  }
  return hits
}

/** Matches between two looks at the clock (a look costs about as much as a short match). */
const CLOCK_EVERY = 64

function runRule(rule: PatternRule, text: string, hits: Hit[], budget?: TimeBudget): void {
  const pattern = rule.pattern
  pattern.lastIndex = 0
  let n = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) pattern.lastIndex++
    accept(rule, m, hits)
    if (++n % CLOCK_EVERY === 0 && budget?.spent(rule.id)) return
  }
  // The last exec (the one that found nothing more) may be what took the time.
  budget?.spent(rule.id)
}

/** The matches runRule finds, when every match begins at one of `starts` (ascending): the sticky
 *  pattern is tried at each start past the previous match, as the global search would go on. */
function runAnchored(
  rule: PatternRule,
  sticky: RegExp,
  text: string,
  starts: ArrayLike<number>,
  hits: Hit[],
  budget?: TimeBudget,
): void {
  let from = 0
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]
    if (start < from) continue
    if (i % CLOCK_EVERY === CLOCK_EVERY - 1 && budget?.spent(rule.id)) return
    sticky.lastIndex = start
    const m = sticky.exec(text)
    if (m === null) continue
    from = m[0].length === 0 ? start + 1 : sticky.lastIndex
    accept(rule, m, hits)
  }
}

/** Where the rule's matches may begin (its keywords' starts less its anchorOffset), ascending. */
function startsOf(rule: PatternRule, keys: KeywordHits): ArrayLike<number> {
  const lists: (readonly number[])[] = []
  for (const keyword of rule.keywords) {
    const list = keys.starts.get(keyword)
    if (list) lists.push(list)
  }
  const offset = rule.anchorOffset ?? 0
  if (lists.length <= 1 && offset === 0) return lists[0] ?? []
  // A typed array sorts numerically, natively.
  const starts = Int32Array.from(lists.flat()).sort()
  if (offset === 0) return starts
  let first = 0
  while (first < starts.length && starts[first]! < offset) first++
  return starts.subarray(first).map((at) => at - offset)
}

/** The start of the identifier (a run of `[A-Za-z0-9_$]`) each of `starts` (ascending offsets of
 *  keywords, which begin with a letter) lies in, once each, ascending. A walk back from one start
 *  stops at the one before it: reaching it means both lie in one identifier, so no character is
 *  walked over twice. */
function identifierStarts(text: string, starts: ArrayLike<number>): number[] {
  const out: number[] = []
  let previous = -1
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i]!
    let start = at
    while (start > previous && start > 0 && isIdentifierCode(text.charCodeAt(start - 1))) start--
    if (start !== previous) out.push(start)
    previous = at
  }
  return out
}

const isIdentifierCode = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24

/** Records the match as a hit unless the rule's checks reject its value. */
function accept(rule: PatternRule, m: RegExpExecArray, hits: Hit[]): void {
  const isSecret = rule.category === 'secrets'
  const after = rule.valueAfter?.(m.input, m.index + m[0].length)
  if (after === null) return
  // `v2` names the value in a second alternative (duplicate group names are too new to rely on).
  const group = m.groups?.v ?? m.groups?.v2
  const value = after ? m.input.slice(after.start, after.end) : (group ?? m[0])
  const offset = after ? after.start - m.index : group === undefined ? 0 : m[0].indexOf(value)
  // A key body judges its own placeholders (real unencrypted keys hold long runs of `A`).
  if ((rule.rejectPlaceholders ?? (isSecret && !rule.valueAfter)) && isPlaceholder(value)) return
  if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) return
  if (rule.validate && !rule.validate(value, m)) return
  const start = m.index + offset
  const hit: Hit = {
    rule: rule.id,
    category: rule.category,
    severity: rule.severity,
    start,
    end: start + value.length,
    message: typeof rule.message === 'string' ? rule.message : rule.message(value),
    secret: isSecret,
  }
  if (after) hit.at = m.index
  hits.push(hit)
}

/** 1-based line and column of offsets in one text; the line table is built on first use. */
export class LineIndex {
  readonly #text: string
  readonly #from: LineFrom
  #starts: number[] | null = null

  /** Lines of `text`; with `from`, those from the line holding offset `from.from` on (numbered from
   *  `from.line`, starting at `from.lineStart`, which may lie before the text), up to the line after
   *  offset `from.to`: offsets asked for lie in [from, to]. */
  constructor(text: string, from: LineFrom = { from: 0, to: Infinity, line: 1, lineStart: 0 }) {
    this.#text = text
    this.#from = from
  }

  /** 1-based line and column of `offset`, and the offsets where its line starts and ends. */
  position(offset: number): { line: number; column: number; lineStart: number; lineEnd: number } {
    const text = this.#text
    if (this.#starts === null) {
      const { from, to, lineStart } = this.#from
      const starts = [lineStart]
      for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1)
        if (i >= to) break
      }
      this.#starts = starts
    }
    const starts = this.#starts
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid] <= offset) low = mid
      else high = mid - 1
    }
    const lineEnd = low + 1 < starts.length ? starts[low + 1] - 1 : text.length
    return { line: this.#from.line + low, column: offset - starts[low] + 1, lineStart: starts[low], lineEnd }
  }
}

/** Where a LineIndex starts (see its constructor). */
export interface LineFrom {
  from: number
  to: number
  line: number
  lineStart: number
}
