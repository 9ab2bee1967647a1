// Internal notes: comment rules on program source, email values in configuration files.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { RuleSet } from './engine'
import { CONFIG_EMAIL_RULE, INTERNAL_NOTE_RULES } from './rules/internal-notes'

const COMMENT_RULES = new RuleSet(INTERNAL_NOTE_RULES)
const CONFIG_RULES = new RuleSet([CONFIG_EMAIL_RULE])
const CONFIG_PATH =
  /(?:^|\/)(?:\.git\/[^/]+$|\.gitconfig$|\.env[^/]*$|\.npmrc$|\.pypirc$|\.netrc$)|\.(?:ini|cfg|conf|ya?ml|toml|properties)$/i

export function detectInternalNotes(context: ScanContext): Hit[] {
  const hits = COMMENT_RULES.scan(context.text, context.found)
  if (!context.isCode && CONFIG_PATH.test(context.path))
    hits.push(...CONFIG_RULES.scan(context.text, context.found))
  // One finding per span; a note and a ticket key on the same comment are different spans.
  return dropOverlaps(hits)
}
