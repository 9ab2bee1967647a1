// Internal notes: the comment rules of rules/internal-notes.ts run on comment bodies, which one pass
// finds per comment syntax (// and /* */ in C-family code, # in scripts and config, <!-- --> in
// markup); email values in configuration files are matched anywhere.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit, PatternRule } from './engine'
import { RuleSet, runRules } from './engine'
import { registerKeywords } from './keyword-index'
import { CONFIG_EMAIL_RULE, INTERNAL_NOTE_RULES } from './rules/internal-notes'

const NOTE_RULES = new RuleSet(INTERNAL_NOTE_RULES)
registerKeywords(['//', '/*', '#', '<!--'])
const CONFIG_RULES = new RuleSet([CONFIG_EMAIL_RULE])
const CONFIG_PATH =
  /(?:^|\/)(?:\.git\/[^/]+$|\.gitconfig$|\.env[^/]*$|\.npmrc$|\.pypirc$|\.netrc$)|\.(?:ini|cfg|conf|ya?ml|toml|properties)$/i
const HASH_COMMENTS =
  /(?:^|\/)(?:Dockerfile|Makefile|\.env[^/]*|\.gitconfig|\.npmrc|config)$|\.(?:py|rb|sh|bash|zsh|pl|r|ya?ml|toml|ini|cfg|conf|properties)$/i
const MARKUP = /\.(?:html?|xml|svg|vue|svelte|md)$/i

/** What detectInternalNotes reads of a path (see pathFacts in index.ts). */
export const notePathFacts = (path: string): string =>
  `${HASH_COMMENTS.test(path) ? 'H' : '-'}${MARKUP.test(path) ? 'M' : '-'}${CONFIG_PATH.test(path) ? 'C' : '-'}`
/** Longest comment body examined; longer block comments (licences, embedded docs) are cut. */
const MAX_BODY = 4000

/** A keyword with a letter, found in any case. */
const CASELESS = /[a-z]/

const SLASH_COMMENT = /\/[/*]/g
const HASH_COMMENT = /(?:^|[ \t])#(?![!{])/gm
const MARKUP_COMMENT = /<!--/g

export function detectInternalNotes(context: ScanContext): Hit[] {
  const { text, found } = context
  const hits: Hit[] = []
  const rules = NOTE_RULES.candidates(found)
  // Each comment body is short (MAX_BODY): the budget is looked at between bodies only, not also
  // before and after each rule on one (on the release's map sources that was 352,000 looks at the
  // clock, 220,000 of them between the rules on one comment; in a browser each is a call into it).
  const onBody = (start: number, end: number) => {
    if (!context.budget?.spent('internal-notes'))
      scanBody(text, start, Math.min(end, start + MAX_BODY), rules, hits)
  }
  if (context.isCode && (found.has('//') || found.has('/*'))) {
    SLASH_COMMENT.lastIndex = 0
    for (let m = SLASH_COMMENT.exec(text); m; m = SLASH_COMMENT.exec(text)) {
      const bodyStart = m.index + 2
      if (m[0] === '/*') {
        let end = text.indexOf('*/', bodyStart)
        if (end < 0) end = text.length
        onBody(bodyStart, end)
        SLASH_COMMENT.lastIndex = end + 2
      } else if (text[m.index - 1] !== ':' && text[m.index - 1] !== '\\') {
        let end = text.indexOf('\n', bodyStart)
        if (end < 0) end = text.length
        onBody(bodyStart, Math.min(end, bodyStart + 300))
        SLASH_COMMENT.lastIndex = end
      }
    }
  }
  if (HASH_COMMENTS.test(context.path) && found.has('#')) {
    HASH_COMMENT.lastIndex = 0
    for (let m = HASH_COMMENT.exec(text); m; m = HASH_COMMENT.exec(text)) {
      const bodyStart = m.index + m[0].length
      let end = text.indexOf('\n', bodyStart)
      if (end < 0) end = text.length
      onBody(bodyStart, end)
      HASH_COMMENT.lastIndex = end
    }
  }
  if (MARKUP.test(context.path) && found.has('<!--')) {
    MARKUP_COMMENT.lastIndex = 0
    for (let m = MARKUP_COMMENT.exec(text); m; m = MARKUP_COMMENT.exec(text)) {
      let end = text.indexOf('-->', m.index + 4)
      if (end < 0) end = text.length
      onBody(m.index + 4, end)
      MARKUP_COMMENT.lastIndex = end
    }
  }
  if (!context.isCode && CONFIG_PATH.test(context.path))
    for (const hit of CONFIG_RULES.scan(text, context)) hits.push(hit)
  // One finding per span; a note and a ticket key on the same comment are different spans.
  return dropOverlaps(hits)
}

/** Runs the comment rules on text[start, end) and records hits at their offsets in `text`. */
function scanBody(
  text: string,
  start: number,
  end: number,
  rules: readonly PatternRule[],
  hits: Hit[],
): void {
  if (end - start < 3) return
  const body = text.slice(start, end)
  // The text's keywords woke these rules; a body that holds none of a rule's keywords holds none of
  // its matches either (an e-mail rule's regex on every comment of a text with one `@` somewhere
  // was a tenth of the detectors' time on a large map's sources).
  let lower: string | undefined
  const inBody: PatternRule[] = []
  for (const rule of rules) {
    let holds = rule.keywords.length === 0
    for (let k = 0; !holds && k < rule.keywords.length; k++) {
      const keyword = rule.keywords[k]!
      holds = CASELESS.test(keyword)
        ? (lower ??= body.toLowerCase()).includes(keyword)
        : body.includes(keyword)
    }
    if (holds) inBody.push(rule)
  }
  if (inBody.length === 0) return
  // The hits are new: moved to their offsets in `text` in place.
  for (const hit of runRules(inBody, body)) {
    hit.start += start
    hit.end += start
    if (hit.at !== undefined) hit.at += start
    hits.push(hit)
  }
}
