// Feature flags and roadmap hints: SDK and hand-rolled flag lookups, environment toggles, codenames,
// and model identifiers in files that evaluate flags.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { RuleSet } from './engine'
import { FEATURE_FLAG_RULES, MODEL_NAME_RULE } from './rules/feature-flags'

const FLAG_RULES = new RuleSet(FEATURE_FLAG_RULES)
const MODEL_RULES = new RuleSet([MODEL_NAME_RULE])

export function detectFeatureFlags(context: ScanContext): Hit[] {
  const hits = FLAG_RULES.scan(context.text, context)
  if (hits.length > 0) for (const hit of MODEL_RULES.scan(context.text, context)) hits.push(hit)
  return dropOverlaps(hits)
}
