// Build environment: absolute build paths in file contents and in the paths a map names. A home path
// in a comment of program source, or of a placeholder user (`/home/alice/…`, `/Users/you/…`), is a
// documentation example rather than a leaked user name: kept at info. A `sourceMappingURL=` or
// `sourceURL=` comment is the build's own directive, not documentation: its path stays a finding.
import type { ExposedFile, Finding } from '../report/model'
import { SEVERITIES } from '../report/model'
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { RuleSet } from './engine'
import { BUILD_ENVIRONMENT_RULES } from './rules/build-environment'
import { fileFinding } from './source-exposure'
import { subjectOf } from './subject'
import { inComment } from './text-utils'

export const BUILD_RULE_SET = new RuleSet(BUILD_ENVIRONMENT_RULES)

const HOME_RULE = /^user-home-path-/
const EXAMPLE_USER =
  /^(?:alice|bob|carol|dave|eve|you|your_?name|yourname|user|username|user_?name|me|my_?user|john|jane|jdoe|johndoe|janedoe|foo|bar|name|someone|somebody|example|test|demo)$/i
const USER_IN_PATH = /(?:^|[/\\])(?:Users|home)[/\\]+([^/\\]+)/i
const URL_DIRECTIVE = /[#@]\s?source(?:Mapping)?URL=\s*$/

/** The finding for a map's `sourceRoot` when it is an absolute build folder (a drive letter, a rooted
 *  path, a home folder), placed on `map` (the map file, or the script that holds an inline map) at
 *  `line` (0: the whole file): the most severe of the build rules that match it. */
export function sourceRootFinding(map: ExposedFile, root: string, line = 0): Finding | undefined {
  const text = `"sourceRoot":${JSON.stringify(root)}`
  const hits = BUILD_RULE_SET.scan(text)
  if (hits.length === 0) return undefined
  const hit = hits.reduce((a, b) => (SEVERITIES.indexOf(b.severity) < SEVERITIES.indexOf(a.severity) ? b : a))
  const subject = subjectOf(hit.rule, 'build-environment', text.slice(hit.start, hit.end), false)
  return {
    ...fileFinding(map, hit.rule, hit.severity, hit.message, 'build-environment'),
    line,
    excerpt: text.slice(0, 160),
    ...(subject !== undefined ? { subject } : {}),
  }
}

export function detectBuildEnvironment(context: ScanContext): Hit[] {
  const { text } = context
  return dropOverlaps(BUILD_RULE_SET.scan(text, context)).map((hit) => {
    if (!HOME_RULE.test(hit.rule)) return hit
    const user = USER_IN_PATH.exec(text.slice(hit.start, hit.end))?.[1] ?? ''
    const example = EXAMPLE_USER.test(user)
    const documented =
      context.isCode &&
      inComment(text, hit.start) &&
      !URL_DIRECTIVE.test(text.slice(Math.max(0, hit.start - 24), hit.start))
    if (!example && !documented) return hit
    return {
      ...hit,
      severity: 'info',
      message: `${example ? `"${user}" is a placeholder user name` : 'The path sits in a comment'}: most likely a documentation example, not a leaked build path.`,
    }
  })
}
