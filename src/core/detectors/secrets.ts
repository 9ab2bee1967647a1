// Secrets: the rule table of rules/secrets.ts, run behind the keyword prefilter. Overlapping matches
// (a GitHub token that is also a "generic secret assignment") keep the most specific rule only.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import { RuleSet } from './engine'
import type { Hit } from './engine'
import { SECRET_RULES } from './rules/secrets'

const SECRETS = new RuleSet(SECRET_RULES)
const ORDER = new Map(SECRET_RULES.map((rule, i) => [rule.id, i]))

export function detectSecrets(context: ScanContext): Hit[] {
  const hits = SECRETS.scan(context.text, context, context.isCode)
  hits.sort((a, b) => ORDER.get(a.rule)! - ORDER.get(b.rule)!)
  return dropOverlaps(hits)
}
