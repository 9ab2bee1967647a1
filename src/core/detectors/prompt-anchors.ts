// Where the prompt detector looks: the anchor phrases that address a model, found in one pass; and
// for a text scanned in parts, the caps per text (anchors, named prompts) carried between its parts.
import { escapeRegExp } from './text-utils'
import { lowerBound } from '../util/order'

/** Phrases that address a model: where a prompt literal is looked for. */
export const ANCHORS = [
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
  'you have access',
  'your response',
  'assistant is',
  'task:',
  'instruction',
  'respond with',
  'answer the',
]
/** Anchors examined per file: bounds the work on hostile input (a megabyte of "you are"). */
export const MAX_ANCHORS = 5_000

/** A part of a text scanned in parts (see findings.ts TextPart) with the counts carried between parts,
 *  so that the caps per text (MAX_ANCHORS, MAX_NAMED) stop where they stop in the whole text. */
export interface PartOfText {
  from: number
  to: number
  offset: number
  caps: PromptCaps
}

/** What the parts before have counted: anchors and named-prompt starts in their own ranges, and the
 *  whole-text offset of the named-prompt start that met MAX_NAMED. */
export class PromptCaps {
  anchors = 0
  named = 0
  namedStop = Infinity
}

/** The anchors a text's scan examines: its first MAX_ANCHORS; in a part's window, those of the whole
 *  text's first MAX_ANCHORS that lie in the window. */
export function anchorsExamined(text: string, found: ReadonlySet<string>, part?: PartOfText): number[] {
  if (!part) return anchorPositions(text, found, MAX_ANCHORS)
  const { caps } = part
  if (caps.anchors >= MAX_ANCHORS) return []
  const all = anchorPositions(text, found)
  const first = lowerBound(all, part.from, (n) => n)
  const past = lowerBound(all, part.to, (n) => n)
  const examined = all.slice(0, Math.max(0, MAX_ANCHORS - (caps.anchors - first)))
  caps.anchors += past - first
  return examined
}

/** Offsets of the anchors that the prefilter saw, lowercase or capitalised, in increasing order, at
 *  most `max`. One pass of a regular expression over the text (irregexp skips ahead on the
 *  alternatives' first characters), restarted one character after each hit so that overlapping
 *  anchors are all found: on the release's 13 MB bundle 40 ms, where an indexOf pass per anchor and
 *  form took 290 ms. No anchor is a prefix of another, so no offset is found twice. */
export function anchorPositions(text: string, found: ReadonlySet<string>, max = Infinity): number[] {
  const present = ANCHORS.filter((a) => found.has(a))
  if (present.length === 0) return []
  const key = present.join('\0')
  let re = anchorPatterns.get(key)
  if (!re) {
    if (anchorPatterns.size >= 256) anchorPatterns.clear()
    re = new RegExp(present.map(anchorPattern).join('|'), 'g')
    anchorPatterns.set(key, re)
  }
  const positions: number[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m && positions.length < max; m = re.exec(text)) {
    positions.push(m.index)
    re.lastIndex = m.index + 1
  }
  return positions
}

/** Anchor patterns by the anchors present (the prefilter's sets repeat from text to text). */
const anchorPatterns = new Map<string, RegExp>()

/** An anchor as written or with its first letter capitalised ('<system' has no capital form). */
function anchorPattern(anchor: string): string {
  const rest = escapeRegExp(anchor.slice(1))
  const first = anchor[0]
  const upper = first.toUpperCase()
  return (upper === first ? first : `[${first}${upper}]`) + rest
}
