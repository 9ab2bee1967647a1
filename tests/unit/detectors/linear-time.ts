// Worst-case inputs per rule and the measure of how a rule's time grows with them. A rule runs in
// linear time when its milliseconds per KB stay flat as the input grows; a backtracking pattern
// (a group that can split a run many ways, an unbounded run whose closing part never comes, retried
// from every start inside the run) shows as ms/KB that grows with the size. The inputs are pumped:
// one unit — a piece of the rule (a keyword or a literal of its pattern) followed by a filler —
// repeated up to the size, then a character no pattern expects, so every attempt runs to the end.
import { RuleSet, type PatternRule } from '../../../src/core/detectors/engine'
import { scanKeywords } from '../../../src/core/detectors/keyword-index'

/** What follows a piece in a pumped unit: characters of the usual token and separator classes. */
const FILLERS = ['', 'a', '0', '-', '.', ' ', '=', ': ', ' a: ', '\\n', '\n']
const TAIL = '\u0001'
const BREAK = '\u2400'

/** The rule's keywords and the literal runs of its pattern (`sig=`, `Encryption: `, `.eyJ`…). */
export function pieces(rule: PatternRule): string[] {
  // Escapes that stand for a class or an assertion, classes, group openers and counts are not
  // literal text: each becomes a break (a character that occurs in no pattern).
  const literals = rule.pattern.source
    .replace(/\\[dDsSwWbBnrtfv]|\\k<\w+>|\\[pPu]\{[^}]*\}/g, BREAK)
    .replace(/\[(?:\\.|[^\]\\])*\]/g, BREAK)
    .replace(/\(\?(?:<?[=!]|:|<\w+>)/g, BREAK)
    .replace(/\{\d+(?:,\d*)?\}/g, BREAK)
    .replace(/\\(.)/g, '$1')
    .split(/[\u2400()|?*+^$]/)
    .filter((s) => s.length >= 2)
  return [...new Set([...rule.keywords, ...literals])]
}

/** The pumped units of a rule: each piece with each filler. */
export function pumpUnits(rule: PatternRule): string[] {
  const units = new Set<string>()
  for (const piece of pieces(rule)) for (const filler of FILLERS) units.add(piece + filler)
  return [...units]
}

export function pumped(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes - 1) + TAIL
}

/** Fewest milliseconds the set takes on `text` scanned `times` times over (the prefilter's pass is
 *  made once, outside the time: it is shared by every rule and measured on its own), of
 *  `tries` tries: the minimum leaves out what a loaded machine adds (other processes, a collection). */
function timeScan(set: RuleSet, text: string, times: number, tries = 2): number {
  const keys = scanKeywords(text)
  let best = Infinity
  for (let t = 0; t < tries; t++) {
    const start = performance.now()
    for (let i = 0; i < times; i++) set.scan(text, keys)
    best = Math.min(best, performance.now() - start)
  }
  return best
}

export interface Growth {
  unit: string
  /** ms per KB on the small and the large input. */
  small: number
  large: number
  /** large ÷ small: about 1 for a linear rule, the size ratio for a quadratic one. */
  ratio: number
}

const KB = 1024
/** Below this many ms per KB (50 MB/s) a rule is fast whatever its ratio: timer noise, not growth. */
export const FAST_MS_PER_KB = 0.02
/** ms/KB grown this much from the small size means super-linear: linear rules stay under 1.5×
 *  (measured on every rule), a quadratic one reaches 4× at the first step. */
export const GROWN = 3

const growthOf = (unit: string, small: number, large: number): Growth => ({
  unit,
  small,
  large,
  ratio: large / Math.max(small, 1e-6),
})

/**
 * ms/KB of `rule` on `unit` pumped to `smallBytes` (scanned `largeBytes / smallBytes` times, so both
 * sides scan the same amount) and to `largeBytes`, through the sizes between (×4 each): a growing
 * rule stops at the first size where it has grown past GROWN× (a quadratic pattern grows 4× per
 * step, and stopping there costs a second instead of a minute at the large size).
 */
export function growth(rule: PatternRule, unit: string, smallBytes = 16 * KB, largeBytes = 256 * KB): Growth {
  const set = new RuleSet([rule])
  const text = pumped(unit, smallBytes)
  // One scan first: a slow one is measured as it is (repeating it would only cost time).
  const once = timeScan(set, text, 1, 1)
  const times = once > 5 ? 1 : largeBytes / smallBytes
  const small = timeScan(set, text, times, 3) / ((times * smallBytes) / KB)
  let large = small
  for (let size = smallBytes * 4; size <= largeBytes; size *= 4) {
    large = timeScan(set, pumped(unit, size), 1, 2) / (size / KB)
    if (large > small * GROWN && large > FAST_MS_PER_KB) break
  }
  return growthOf(unit, small, large)
}

/** growth(), measured again while it looks grown (up to three times), keeping the least: a burst of
 *  load from other processes passes, a super-linear rule grows every time. */
function confirmed(rule: PatternRule, unit: string, smallBytes?: number, largeBytes?: number): Growth {
  let least = growth(rule, unit, smallBytes, largeBytes)
  for (let i = 0; i < 2 && least.ratio > GROWN && least.large > FAST_MS_PER_KB; i++) {
    const again = growth(rule, unit, smallBytes, largeBytes)
    if (again.ratio < least.ratio) least = again
  }
  return least
}

/** The unit on which the rule's ms/KB grows most, with its figures. Every unit is screened at 2 KB
 *  against 16 KB (cheap); the few whose time grows there are measured in full by `growth`. */
export function worstGrowth(rule: PatternRule, smallBytes?: number, largeBytes?: number): Growth {
  const set = new RuleSet([rule])
  let worst: Growth = growthOf('', 0, 0)
  for (const unit of pumpUnits(rule)) {
    const short = pumped(unit, 2 * KB)
    set.scan(short, scanKeywords(short)) // compile and warm the regex
    const small = timeScan(set, short, 8) / ((16 * KB) / KB)
    const large = timeScan(set, pumped(unit, 16 * KB), 1) / 16
    const g =
      large > small * 2 && large > FAST_MS_PER_KB
        ? confirmed(rule, unit, smallBytes, largeBytes)
        : growthOf(unit, small, large)
    if (g.large > FAST_MS_PER_KB && g.ratio > worst.ratio) worst = g
    else if (worst.unit === '' && g.large > worst.large) worst = g
    // One input that grows this much settles it: the rest would only take long.
    if (worst.ratio > GROWN && worst.large > FAST_MS_PER_KB) break
  }
  return worst
}
