// Feature flags and roadmap hints: compile-time gates (bundler `feature()` macros, feature defines),
// SDK and hand-rolled gate helpers, gate names in constants, environment toggles, codenames, and
// model identifiers close to a gate on its line (an unreleased model sits behind one; a public model
// id alone is not a finding).
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { LineIndex, RuleSet } from './engine'
import { FEATURE_FLAG_RULES, MODEL_NAME_RULE } from './rules/feature-flags'
import { lowerBound } from '../util/order'

const FLAG_RULES = new RuleSet(FEATURE_FLAG_RULES)
const MODEL_RULES = new RuleSet([MODEL_NAME_RULE])

/** A model id counts as next to a gate within this many characters on the same line. */
const MODEL_NEAR_GATE = 200

/** The value in ascending `sorted` (non-empty) closest to `offset`. */
function nearest(sorted: readonly number[], offset: number): number {
  const low = Math.min(
    lowerBound(sorted, offset, (n) => n),
    sorted.length - 1,
  )
  const after = sorted[low]
  const before = sorted[low - 1]
  return before !== undefined && offset - before < Math.abs(after - offset) ? before : after
}

export function detectFeatureFlags(context: ScanContext): Hit[] {
  const { text } = context
  const hits = FLAG_RULES.scan(text, context)
  if (hits.length === 0) return hits
  // Gate hits by offset, for a binary search of the nearest one.
  const gates = hits
    .filter((h) => h.rule !== 'codename' && h.rule !== 'codename-assignment')
    .map((h) => h.start)
    .sort((a, b) => a - b)
  if (gates.length === 0) return hits
  const lines = new LineIndex(text)
  for (const hit of MODEL_RULES.scan(text, context)) {
    const near = nearest(gates, hit.start)
    if (
      Math.abs(near - hit.start) <= MODEL_NEAR_GATE &&
      lines.position(near).line === lines.position(hit.start).line
    )
      hits.push(hit)
  }
  return dropOverlaps(hits)
}
