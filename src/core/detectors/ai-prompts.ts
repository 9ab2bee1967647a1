// AI prompts: long natural-language string and template literals addressed to a model — system
// prompts, agent instructions, tool descriptions. Works on any bundler's output, minified or not:
// from each anchor phrase ("you are", "the user", "<system>" …) it finds the enclosing literal by
// its quotes, checks that the literal reads as prose, and scores how strongly it addresses a model.
// Prompt files (prompts/*.md, *.prompt, *.txt named like prompts) count as a whole.
import type { ScanContext } from './context'
import type { Hit } from './engine'
import { registerKeywords } from './keyword-index'

const ANCHORS = [
  'you are',
  "you're",
  'your task',
  'your goal',
  'your role',
  'the user',
  'you will',
  'you must',
  'you should',
  '<system',
  '<instructions',
  'system prompt',
  'as an ai',
  'this tool',
  'use this',
  'when you',
]
registerKeywords(ANCHORS)

/** Phrases that address a model, with weights; a literal needs MIN_SCORE. */
const SIGNALS: [RegExp, number][] = [
  [/\byou are\b|\byou're\b/i, 2],
  [/\byour (?:task|goal|role|job|purpose)\b/i, 2],
  [/<\/?(?:system|instructions?|context|example|tool|rules)>|\bsystem prompt\b/i, 2],
  [/\b(?:use|call) this tool\b|\bthis tool (?:is|lets|allows|can|will)\b/i, 2],
  [/\bask the user\b|\bthe user(?:'s)?\b/i, 1],
  [/\bassistant\b|\bAI\b|\blanguage model\b|\bLLM\b|\bagent\b|\bmodel\b/, 1],
  [/\b(?:you (?:must|should|will)|when you)\b/i, 1],
  [/\b(?:never|always|do not|don't|avoid|prefer|make sure)\b/i, 1],
  [/\b(?:respond|reply|answer|output|return) (?:with|in|only)\b/i, 1],
  [/\btools?\b/i, 1],
]
const MIN_SCORE = 4
/** A prompt speaks to the model: second person, or prompt markup. */
const ADDRESSED = /\byour?\b|<\/?(?:system|instructions)>/i
const MIN_LENGTH = 80
/** A short literal that tells a model who it is: "You are Nova, Acme's planning assistant." or
 *  "You are an expert code reviewer." (a name and a comma, or a role). Longer ones are scored as prose. */
const IDENTITY =
  /^You are (?:[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3},|an? (?:[\w-]+ ){0,4}?(?:assistant|agent|model|AI|bot|CLI|expert|engineer|reviewer|planner|researcher|writer|classifier|summarizer)\b)[^\n]*$/
const MAX_IDENTITY = 300
const MAX_LITERAL = 50_000
/** Anchors examined per file: bounds the work on hostile input (a megabyte of "you are"). */
const MAX_ANCHORS = 5_000
const PROMPT_FILE =
  /(?:^|\/)(?:[^/]*prompts?[^/]*\/[^/]+\.(?:md|txt)|[^/]*\.prompt(?:\.md)?|[^/]*(?:system|agent)[-_]?prompt[^/]*\.(?:md|txt))$/i
/** Every PROMPT_FILE match holds this word: a literal is found far faster than PROMPT_FILE fails
 *  (it tries each '/' and the start; 15% of the scan of a map's 200,000 small sources). */
const PROMPT_WORD = /prompt/i

export function detectAiPrompts(context: ScanContext): Hit[] {
  const { text } = context
  if (PROMPT_WORD.test(context.path) && PROMPT_FILE.test(context.path)) return wholeFile(text)
  if (!context.isCode && !/\.(?:json|html?)$/i.test(context.path)) return []
  if (!ANCHORS.some((a) => context.found.has(a))) return []
  const hits: Hit[] = []
  let covered = -1 // anchors inside the last literal examined are skipped
  const memo: ScanMemo = { noOpenerBefore: -1, noCloserFrom: new Map(), budget: 8 * text.length + 1_000_000 }
  for (const at of anchorPositions(text, context.found).slice(0, MAX_ANCHORS)) {
    if (at < covered) continue
    if (memo.budget <= 0) break // hostile text: stop rather than go quadratic
    const literal = enclosingLiteral(text, at, memo)
    if (!literal) continue
    covered = literal.end
    const body = text.slice(literal.start + 1, literal.end)
    const score = body.length < MIN_LENGTH || !readsAsProse(body) || isDocComment(body) ? 0 : scoreOf(body)
    if (score < MIN_SCORE || !ADDRESSED.test(body)) {
      if (body.length <= MAX_IDENTITY && IDENTITY.test(body))
        hits.push({
          rule: 'ai-identity-prompt',
          category: 'ai-prompts',
          severity: 'medium',
          start: literal.start + 1,
          end: literal.end,
          message:
            'A one-line identity prompt ("You are …") tells a model who it is: the opening of a system prompt.',
          secret: false,
        })
      continue
    }
    hits.push({
      rule: 'ai-prompt-literal',
      category: 'ai-prompts',
      severity: score >= 6 ? 'medium' : 'low',
      start: literal.start + 1,
      end: literal.end,
      message: `A ${body.length.toLocaleString('en-US')}-character prompt addressed to a model (system prompt, agent or tool instructions) is embedded in the code.`,
      secret: false,
    })
  }
  return hits
}

/** Offsets of the anchors that the prefilter saw, lowercase or capitalised, in increasing order.
 *  Native indexOf per present anchor is much faster than one regex alternation over the text. */
function anchorPositions(text: string, found: ReadonlySet<string>): number[] {
  const positions: number[] = []
  for (const anchor of ANCHORS) {
    if (!found.has(anchor)) continue
    for (const form of [anchor, anchor[0].toUpperCase() + anchor.slice(1)]) {
      for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) positions.push(i)
      if (form[0] === form[0].toUpperCase()) break // '<system' has no capital form
    }
  }
  return positions.sort((a, b) => a - b)
}

function wholeFile(text: string): Hit[] {
  const start = text.search(/\S/)
  if (start < 0 || scoreOf(text.slice(0, 20_000)) < MIN_SCORE) return []
  return [
    {
      rule: 'ai-prompt-file',
      category: 'ai-prompts',
      severity: 'medium',
      start,
      end: text.length,
      message: 'A prompt file addressed to a model ships in the artifact.',
      secret: false,
    },
  ]
}

export const scoreOf = (body: string): number =>
  SIGNALS.reduce((n, [re, weight]) => n + (re.test(body) ? weight : 0), 0)

/** Prose, not code between two strings: mostly letters and spaces, few code punctuation marks. */
function readsAsProse(literal: string): boolean {
  const body = literal.replace(/\$\{[^}]{0,80}\}/g, 'x') // template holes are words, not code
  let letters = 0
  let code = 0
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 32 || c === 10) letters++
    else if (c === 59 || c === 123 || c === 125 || c === 61) code++ // ; { } =
  }
  const words = body.split(/\s+/).length
  return letters / body.length >= 0.75 && code / body.length <= 0.01 && words >= 12
}

/** Backticks inside JSDoc/line comments (`code` spans) are not template literals. */
function isDocComment(body: string): boolean {
  const lines = body.split('\n')
  return lines.length > 1 && lines.filter((l) => /^\s*(?:\*|\/\/)/.test(l)).length * 2 >= lines.length - 1
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c)
const isEscaped = (text: string, i: number) => {
  let n = 0
  while (i - 1 - n >= 0 && text[i - 1 - n] === '\\') n++
  return n % 2 === 1
}

/** The string or template literal around `at`: [start, end] are its quote positions. A quote that
 *  opens a literal is not preceded by a letter (apostrophes in "don't" are), and '…' / "…" literals
 *  do not span raw newlines. */
function enclosingLiteral(text: string, at: number, memo: ScanMemo): { start: number; end: number } | null {
  // Between an earlier failed anchor and its floor there is no opener: stop there.
  const floor = Math.max(0, at - MAX_LITERAL, memo.noOpenerBefore)
  memo.budget -= 2 * MAX_LITERAL
  let start = -1
  for (let i = at - 1; i >= floor; i--) {
    const c = text[i]
    if (c === '\n') {
      // Only a template literal spans raw newlines: jump to the previous backtick (or give up).
      i = text.lastIndexOf('`', i) + 1
      if (i === 0 || i - 1 < floor) return null
    } else if (c === '`' || c === '"' || c === "'") {
      if (!isEscaped(text, i) && !(c === "'" && isWordChar(text[i - 1]))) {
        start = i
        break
      }
    }
  }
  if (start < 0) {
    memo.noOpenerBefore = at
    return null
  }
  const quote = text[start]
  const noCloser = memo.noCloserFrom.get(quote)
  if (noCloser !== undefined && at >= noCloser) return null
  const ceiling = Math.min(text.length, at + MAX_LITERAL)
  for (let i = at; i < ceiling; i++) {
    const c = text[i]
    if (c === '\n' && quote !== '`') return null
    if (c === quote && !isEscaped(text, i) && !(quote === "'" && isWordChar(text[i + 1])))
      return { start, end: i }
  }
  if (ceiling === text.length) memo.noCloserFrom.set(quote, at) // no closer from here to the end
  return null
}

/** What earlier anchors of the same text proved, so hostile text costs linear time. */
interface ScanMemo {
  /** No literal opener lies between the floor of that scan and this offset. */
  noOpenerBefore: number
  /** For a quote character: no closing quote lies from this offset to the end of the text. */
  noCloserFrom: Map<string, number>
  /** Characters the literal search may still visit in this text (each anchor is charged its bound). */
  budget: number
}
