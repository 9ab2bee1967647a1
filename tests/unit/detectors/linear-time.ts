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

/** Milliseconds of CPU this process has used. A scan is timed by it, not by the wall clock: on a
 *  machine shared with busy processes the wall time of a scan grows with the time it waits for a
 *  core, its CPU time hardly does. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Fewest milliseconds (of CPU) the set takes on `text` scanned `times` times over (the prefilter's pass is
 *  made once, outside the time: it is shared by every rule and measured on its own), of
 *  `tries` tries: the minimum leaves out what a loaded machine adds (other processes, a collection). */
function timeScan(set: RuleSet, text: string, times: number, tries = 2): number {
  const keys = scanKeywords(text)
  let best = Infinity
  for (let t = 0; t < tries; t++) {
    const start = cpuMs()
    for (let i = 0; i < times; i++) set.scan(text, keys)
    best = Math.min(best, cpuMs() - start)
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
/** The small and the large input of a measure are this many times apart in size: a rule whose time
 *  is quadratic in its input grows as much in ms/KB, a linear one stays flat. */
export const SIZE_STEP = 16
/** ms/KB grown this much over SIZE_STEP× the input means super-linear: the deliberately backtracking
 *  rule of the test grows ~16×, linear rules stay under 1.5× (measured on every rule), so either side
 *  is far from it. */
export const GROWN = 4

const growthOf = (unit: string, small: number, large: number): Growth => ({
  unit,
  small,
  large,
  ratio: large / Math.max(small, 1e-6),
})

/** Turns of a paired measure: each figure is the least of this many, or of two when a turn takes
 *  longer than SLOW_TURN_MS (a super-linear rule on the large input: its growth is plain already). */
const TURNS = 4
const SLOW_TURN_MS = 1000
/** A turn scans each input over and over until about this much CPU time, so a fast rule is timed
 *  on more than the few microseconds one scan takes. */
const TURN_MS = 10

/**
 * ms/KB of `set` on `small` and on `large`, measured in turns: in each turn the small text is scanned
 * as many times as it takes to scan as much as the large one, then the large one (each as many times
 * again as it takes to fill TURN_MS). Each figure is the least of TURNS turns, in CPU time (cpuMs).
 * The two are measured alternately, so what load still adds to CPU time (a colder cache, a
 * collection) falls on both alike or, a burst, on some turns only (the least leaves it out); measured
 * one after the other, a load that rose between them read as growth.
 */
export function pairedMsPerKb(set: RuleSet, small: string, large: string): [number, number] {
  const smallKeys = scanKeywords(small)
  const largeKeys = scanKeywords(large)
  const once = timeScan(set, large, 1, 1)
  const repeat = Math.max(1, Math.min(1000, Math.ceil(TURN_MS / Math.max(once, 0.01))))
  const times = repeat * Math.max(1, Math.round(large.length / small.length))
  let bestSmall = Infinity
  let bestLarge = Infinity
  for (let turn = 0; turn < TURNS; turn++) {
    const start = cpuMs()
    for (let i = 0; i < times; i++) set.scan(small, smallKeys)
    const between = cpuMs()
    for (let i = 0; i < repeat; i++) set.scan(large, largeKeys)
    const end = cpuMs()
    bestSmall = Math.min(bestSmall, (between - start) / ((times * small.length) / KB))
    bestLarge = Math.min(bestLarge, (end - between) / ((repeat * large.length) / KB))
    if (turn >= 1 && end - start > SLOW_TURN_MS) break
  }
  return [bestSmall, bestLarge]
}

/**
 * ms/KB of `rule` on `unit` pumped to `smallBytes` and to SIZE_STEP times that, measured paired
 * (pairedMsPerKb). One step of 16× in size (1 KB to 16 KB) tells a quadratic rule from a linear one
 * by 16× against 1×, where steps of 4× up to 256 KB told them by 4× against a limit of 3× and cost
 * seconds of backtracking on the large inputs.
 */
export function growth(rule: PatternRule, unit: string, smallBytes = 1 * KB): Growth {
  const set = new RuleSet([rule])
  const text = pumped(unit, smallBytes)
  set.scan(text, scanKeywords(text)) // compile and warm the regex
  const [small, large] = pairedMsPerKb(set, text, pumped(unit, smallBytes * SIZE_STEP))
  return growthOf(unit, small, large)
}

/** growth(), measured again while it looks grown (up to three times), keeping the least: a load that
 *  changed during one measure passes, a super-linear rule grows every time. */
function confirmed(rule: PatternRule, unit: string, smallBytes?: number): Growth {
  let least = growth(rule, unit, smallBytes)
  for (let i = 0; i < 2 && least.ratio > GROWN && least.large > FAST_MS_PER_KB; i++) {
    const again = growth(rule, unit, smallBytes)
    if (again.ratio < least.ratio) least = again
  }
  return least
}

/** The unit on which the rule's ms/KB grows most, with its figures. Every unit is screened at 2 KB
 *  against 16 KB (cheap); the few whose time grows there are measured in full by `growth`. */
export function worstGrowth(rule: PatternRule, smallBytes?: number): Growth {
  const set = new RuleSet([rule])
  let worst: Growth = growthOf('', 0, 0)
  for (const unit of pumpUnits(rule)) {
    const short = pumped(unit, 2 * KB)
    set.scan(short, scanKeywords(short)) // compile and warm the regex
    const small = timeScan(set, short, 8) / ((16 * KB) / KB)
    const large = timeScan(set, pumped(unit, 16 * KB), 1) / 16
    const g =
      large > small * 2 && large > FAST_MS_PER_KB
        ? confirmed(rule, unit, smallBytes)
        : growthOf(unit, small, large)
    if (g.large > FAST_MS_PER_KB && g.ratio > worst.ratio) worst = g
    else if (worst.unit === '' && g.large > worst.large) worst = g
    // One input that grows this much settles it: the rest would only take long.
    if (worst.ratio > GROWN && worst.large > FAST_MS_PER_KB) break
  }
  return worst
}
