// A per-text time budget for the detectors. A JavaScript regex cannot be interrupted, so the budget
// is checked between rules, between a rule's matches and between detectors: with every rule linear
// in its input, no single step runs long, and a text that still takes too long ends as "not fully
// scanned", naming the rule that was running, instead of holding up the whole artifact.

/** Milliseconds a text may take: 10 s, plus 5 s per MB. A normal scan of a megabyte takes 5 to 30 ms
 *  and the densest text known (a megabyte of distinct lines with five findings each) about 0.5 s of
 *  CPU, so this is a backstop for a rule that is not linear, not a deadline for a slow machine. The
 *  clock is wall time, because the time this catches is spent inside one regular expression, where no
 *  count of steps can be kept, and neither host has a clock of its own thread's CPU; so the budget
 *  is wide enough for load: on 2 cores shared with a dozen busy processes (load 24) that dense
 *  megabyte took 5.4 s, and a 30 ms scan was seen to take 1.2 s. */
export function scanBudgetMs(textLength: number): number {
  return 10_000 + (5000 * textLength) / (1024 * 1024)
}

export class TimeBudget {
  readonly ms: number
  readonly #deadline: number
  /** The rule or detector that was running when the time ran out; null while within budget. */
  stoppedAt: string | null = null

  constructor(ms: number) {
    this.ms = ms
    this.#deadline = performance.now() + ms
  }

  /** True once the time has run out; the first call that finds it so records `what`. */
  spent(what: string): boolean {
    if (this.stoppedAt !== null) return true
    if (performance.now() < this.#deadline) return false
    this.stoppedAt = what
    return true
  }
}
