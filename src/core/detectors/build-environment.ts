// Build environment: absolute build paths in file contents and in the paths a map names.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { RuleSet } from './engine'
import { BUILD_ENVIRONMENT_RULES } from './rules/build-environment'

export const BUILD_RULE_SET = new RuleSet(BUILD_ENVIRONMENT_RULES)

export function detectBuildEnvironment(context: ScanContext): Hit[] {
  return dropOverlaps(BUILD_RULE_SET.scan(context.text, context))
}
