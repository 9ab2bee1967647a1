// AI prompts: long natural-language string and template literals addressed to a model — system
// prompts, agent instructions, tool descriptions. Works on any bundler's output, minified or not:
// from each anchor phrase ("you are", "the user", "<system>" …) it finds the enclosing literal by
// its quotes, checks that the literal reads as prose, and scores how strongly it addresses a model.
// Prompt files (prompts/*.md, *.prompt, *.txt named like prompts) count as a whole.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { registerKeywords } from './keyword-index'
import { ANCHORS, anchorsExamined, type PartOfText } from './prompt-anchors'
import { baseName } from './text-utils'

export { ANCHORS, anchorPositions } from './prompt-anchors'
registerKeywords([...ANCHORS, 'prompt'])

/** Phrases that address a model, with weights; a literal needs MIN_SCORE. */
const SIGNALS: [RegExp, number][] = [
  // "You are an assistant", "you are given": who the model is; "you are using" may be a developer.
  [/\b(?:you are|you're) (?:an?|the|now|tasked|given|helping|acting|responsible|part of)\b/i, 2],
  [/\byou are\b|\byou're\b/i, 1],
  [/\byour (?:task|goal|role|job|purpose)\b/i, 2],
  [/<\/?(?:system|instructions?|context|example|tool|rules)>|\bsystem prompt\b/i, 2],
  [/\b(?:use|call) this tool\b|\bthis tool (?:is|lets|allows|can|will)\b/i, 2],
  [/\bask the user\b|\bthe user(?:'s)?\b/i, 1],
  [/\bassistant\b|\bAI\b|\blanguage model\b|\bLLM\b|\bagent\b|\bmodel\b/, 1],
  [/\b(?:you (?:must|should|will)|when you)\b/i, 1],
  [/\b(?:never|always|do not|don't|avoid|prefer|make sure)\b/i, 1],
  [/\b(?:respond|reply|answer|output|return) (?:with|in|only)\b/i, 1],
  [/\btools?\b/i, 1],
  [/\b(?:you (?:have access to|will be given|are given|are tasked)|your (?:response|answer|output))\b/i, 2],
  [/\b(?:ONLY|MUST)\b|\b(?:Output|Return|Respond with|Reply with) (?:only|the exact|JSON|a JSON)\b/, 1],
]
/** The headings of a structured instruction (`Context:`, `Task:`, `Output:` at line starts): two
 *  different ones weigh as much as a second-person opening. */
const HEADING = /^[ \t#*]*(Task|Context|Instructions?|Goal|Role|Input|Output|Rules|Constraints)\s*:/gim
const MIN_SCORE = 4
/** A prompt speaks to the model: second person, prompt markup, or the headings of an instruction. */
const ADDRESSED = /\byour?\b|<\/?(?:system|instructions)>|^\s*(?:Task|Instructions?)\s*:/im
/** A literal that opens by telling the model who or what it is, or what its task is, is a prompt
 *  even when it goes on to quote commands or JSON (after an optional markdown heading). "You are"
 *  and a verb ("You are using an old version") is a message to a developer. */
const OPENING =
  /^(?:#[^\n]{0,80}\n\s*)?(?:(?:You are|You're) (?:an?|the|now|tasked|given|helping|acting|responsible|part of|[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}[,.])|Your (?:task|job|goal|role)|As an? [\w -]{0,40}?(?:assistant|agent|AI|model)|(?:The )?Assistant is an? )\b/
/** The code before a literal names it a prompt: `systemPrompt: `, `const REVIEW_PROMPT = (args) => `,
 *  `instructions = [`, `prompt = asSystemPrompt([`. */
const NAMED_PROMPT =
  /(?:prompt|instructions?)\w*['"]?\s*[:=]\s*(?:\([^()]{0,80}\)(?:\s*:\s*\w+)?\s*=>\s*)?(?:\w+\(\s*)?(?:\[\s*)?$/i
/** Where a literal (or an array of literals) named a prompt begins: the name's end. */
const NAMED_PROMPT_START =
  /(?:prompt|instructions?)\w*['"]?\s*[:=]\s*(?:\([^()]{0,80}\)(?:\s*:\s*\w+)?\s*=>\s*)?(?:\w+\(\s*)?(?<array>\[\s*)?(?=[`'"])/gi
/** A named prompt that opens with an instruction ("Generate a short name …", "Summarize the …"). */
const IMPERATIVE =
  /^(?:Generate|Write|Summarize|Analy[sz]e|Extract|Classify|Return|Output|Respond|Answer|Translate|Rewrite|Identify|Given|Create|List|Review|Determine|Decide)\b/
/** Named prompts examined per file. */
const MAX_NAMED = 1_000
/** A file whose name says it holds prompts (`prompt.js`, `prompts.ts`, `agent_prompts.py`). */
const PROMPT_MODULE = /prompt/i
/** Shorter than MIN_LENGTH is a label or a message; a named prompt may be one sentence. */
const MIN_NAMED_LENGTH = 60
const MIN_LENGTH = 80
/** A short literal that tells a model who it is: "You are Nova, Acme's planning assistant." or
 *  "You are an expert code reviewer." (a name and a comma, or a role). Longer ones are scored as prose. */
const IDENTITY =
  /^You are (?:[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3},|an? (?:[\w-]+ ){0,4}?(?:assistant|agent|model|AI|bot|CLI|expert|engineer|reviewer|planner|researcher|writer|classifier|summarizer)\b)[^\n]*$/
const MAX_IDENTITY = 300
const MAX_LITERAL = 50_000
const PROMPT_FILE =
  /(?:^|\/)(?:[^/]*prompts?[^/]*\/[^/]+\.(?:md|txt)|[^/]*\.prompt(?:\.md)?|[^/]*(?:system|agent)[-_]?prompt[^/]*\.(?:md|txt))$/i
/** Every PROMPT_FILE match holds this word: a literal is found far faster than PROMPT_FILE fails
 *  (it tries each '/' and the start; 15% of the scan of a map's 200,000 small sources). */
const PROMPT_WORD = /prompt/i
const DATA_FILE = /\.(?:json|html?)$/i

/** What detectAiPrompts reads of a path (see pathFacts in index.ts). */
export const promptPathFacts = (path: string): string =>
  `${PROMPT_WORD.test(path) && PROMPT_FILE.test(path) ? 'P' : '-'}${DATA_FILE.test(path) ? 'D' : '-'}` +
  `${PROMPT_MODULE.test(baseName(path)) ? 'M' : '-'}`

export function detectAiPrompts(context: ScanContext): Hit[] {
  const { text } = context
  if (PROMPT_WORD.test(context.path) && PROMPT_FILE.test(context.path)) return wholeFile(text)
  if (!context.isCode && !DATA_FILE.test(context.path)) return []
  if (!context.found.has('prompt') && !ANCHORS.some((a) => context.found.has(a))) return []
  const hits: Hit[] = context.isCode && context.found.has('prompt') ? namedPrompts(text, context.part) : []
  let covered = -1 // anchors inside the last literal examined are skipped
  const memo: ScanMemo = { noOpenerBefore: -1, noCloserFrom: new Map(), budget: 8 * text.length + 1_000_000 }
  const promptModule = PROMPT_MODULE.test(context.name)
  for (const at of anchorsExamined(text, context.found, context.part)) {
    if (at < covered) continue
    if (memo.budget <= 0) break // hostile text: stop rather than go quadratic
    const literal = enclosingLiteral(text, at, memo)
    if (!literal) continue
    const body = text.slice(literal.start + 1, literal.end)
    const words = body.trimStart()
    const opens = OPENING.test(words)
    const named =
      promptModule || NAMED_PROMPT.test(text.slice(Math.max(0, literal.start - 160), literal.start))
    const prose =
      body.length >= (named ? MIN_NAMED_LENGTH : MIN_LENGTH) &&
      readsAsProse(body, opens || named) &&
      !isDocComment(body)
    // A literal that reads as prose is one: the anchors inside it are done. Anything else may be
    // code between two literals (a closing quote taken for an opening one), so the next anchor
    // looks again.
    if (prose) covered = literal.end
    const score = prose ? scoreOf(body) + (opens ? 2 : 0) + (named ? 2 : 0) : 0
    // The hit starts at the prompt's first words, not at its quote or the blank line after it.
    const start = literal.start + 1 + (body.length - words.length)
    if (score < MIN_SCORE || !(named || ADDRESSED.test(body))) {
      if (body.length <= MAX_IDENTITY && IDENTITY.test(body))
        hits.push({
          rule: 'ai-identity-prompt',
          category: 'ai-prompts',
          severity: 'medium',
          start,
          end: literal.end,
          message:
            'A one-line identity prompt ("You are …") tells a model who it is: the opening of a system prompt.',
          secret: false,
        })
      continue
    }
    hits.push(promptHit(start, literal.end, body.length, score))
  }
  return dropOverlaps(hits)
}

/** Literals the code names a prompt (`const PLANNER_PROMPT = [`…`, `…`].join(' ')`): prose of at
 *  least MIN_NAMED_LENGTH with one more sign of an instruction is a prompt, whatever its anchors. An
 *  array of literals is read as one text. */
function namedPrompts(text: string, part?: PartOfText): Hit[] {
  const hits: Hit[] = []
  NAMED_PROMPT_START.lastIndex = 0
  const caps = part?.caps
  let n = 0
  for (let m = NAMED_PROMPT_START.exec(text); m; m = NAMED_PROMPT_START.exec(text)) {
    if (!part || !caps) {
      if (n++ >= MAX_NAMED) break
    } else {
      // A start is counted in the part it lies in; those past the part give hits past it.
      if (m.index >= part.to || part.offset + m.index >= caps.namedStop) break
      if (m.index >= part.from) {
        if (caps.named >= MAX_NAMED) {
          caps.namedStop = part.offset + m.index
          break
        }
        caps.named++
      }
    }
    const parts = literalsFrom(text, m.index + m[0].length, m.groups!.array !== undefined)
    if (parts.length === 0) continue
    const body = parts.map((p) => text.slice(p.start + 1, p.end)).join(' ')
    const words = body.trimStart()
    if (body.length < MIN_NAMED_LENGTH || !readsAsProse(body, true) || isDocComment(body)) continue
    // A question is what a command-line prompt asks its user ("Which package manager …?").
    if (body.trimEnd().endsWith('?')) continue
    const score =
      scoreOf(body) + 2 + (OPENING.test(words) ? 2 : ADDRESSED.test(body) || IMPERATIVE.test(words) ? 1 : 0)
    if (score < MIN_SCORE - 1) continue
    const first = text.slice(parts[0].start + 1, parts[0].end)
    const start = parts[0].start + 1 + (first.length - first.trimStart().length)
    hits.push(promptHit(start, parts[parts.length - 1].end, body.length, score))
    NAMED_PROMPT_START.lastIndex = Math.max(NAMED_PROMPT_START.lastIndex, parts[parts.length - 1].end)
  }
  return hits
}

function promptHit(start: number, end: number, length: number, score: number): Hit {
  return {
    rule: 'ai-prompt-literal',
    category: 'ai-prompts',
    severity: score >= 6 ? 'medium' : 'low',
    start,
    end,
    message: `A ${length.toLocaleString('en-US')}-character prompt addressed to a model (system prompt, agent or tool instructions) is embedded in the code.`,
    secret: false,
  }
}

/** The literal starting at `at` (a quote), or with `array` the literals of an array from there,
 *  up to MAX_LITERAL characters in all. */
function literalsFrom(text: string, at: number, array: boolean): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = []
  const limit = Math.min(text.length, at + MAX_LITERAL)
  let i = at
  while (i < limit) {
    const quote = text[i]
    if (quote !== '`' && quote !== '"' && quote !== "'") break
    let end = i + 1
    while (end < limit && !(text[end] === quote && !isEscaped(text, end))) {
      if (text[end] === '\n' && quote !== '`') return parts
      end++
    }
    if (end >= limit) break
    parts.push({ start: i, end })
    if (!array) break
    i = end + 1
    while (i < limit && /[\s,]/.test(text[i])) i++
  }
  return parts
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
  SIGNALS.reduce((n, [re, weight]) => n + (re.test(body) ? weight : 0), 0) + headingScore(body)

function headingScore(body: string): number {
  const seen = new Set<string>()
  for (const m of body.matchAll(HEADING)) {
    seen.add(m[1].toLowerCase())
    if (seen.size >= 2) return 2
  }
  return seen.size
}

/** Prose, not code between two strings: mostly letters and spaces, few code punctuation marks
 *  (a prompt that opens by addressing the model may quote more commands and JSON). */
function readsAsProse(literal: string, opens = false): boolean {
  const body = literal.replace(/\$\{[^}]{0,80}\}/g, 'x') // template holes are words, not code
  let letters = 0
  let code = 0
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 32 || c === 10) letters++
    else if (c === 59 || c === 123 || c === 125 || c === 61) code++ // ; { } =
  }
  const words = body.split(/\s+/).length
  const [minLetters, maxCode] = opens ? [0.6, 0.03] : [0.75, 0.01]
  return letters / body.length >= minLetters && code / body.length <= maxCode && words >= 10
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
  // Each anchor is charged what it visits (or could have: the jumps of lastIndexOf).
  memo.budget -= at - (start < 0 ? floor : start)
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
    if (
      (c === '\n' && quote !== '`') ||
      (c === quote && !isEscaped(text, i) && !(quote === "'" && isWordChar(text[i + 1])))
    ) {
      memo.budget -= i - at
      return c === quote ? { start, end: i } : null
    }
  }
  memo.budget -= ceiling - at
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
