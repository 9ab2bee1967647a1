// What every content detector receives: one file's text and facts about its path.
import type { PartOfText } from './prompt-anchors'
import type { TimeBudget } from './budget'
import type { Hit } from './engine'
import { scanKeywords, type KeywordHits } from './keyword-index'
import { baseName, isCodePath } from './text-utils'
import { lowerBound } from '../util/order'

export interface ScanContext extends KeywordHits {
  /** A detector that reads the path (or `name`) must say what it reads in pathFacts (index.ts):
   *  equal texts at paths with equal facts are scanned once. */
  path: string
  /** Lowercased last path segment. */
  name: string
  text: string
  /** Program source: comments and string literals have their usual meaning. */
  isCode: boolean
  /** The text's time budget, checked between rules and matches (none: no limit). */
  budget?: TimeBudget
  /** When `text` is the window of one part of a longer text (see parted-scan.ts): where the part
   *  lies, and the counts carried between parts. */
  part?: PartOfText
}

export function scanContext(path: string, text: string, budget?: TimeBudget): ScanContext {
  const { found, starts } = scanKeywords(text)
  return { path, name: baseName(path), text, isCode: isCodePath(path), found, starts, budget }
}

export type ContentDetector = (context: ScanContext) => Hit[]

/** Keeps, of overlapping hits, the one that comes first in `hits` (callers list them by priority);
 *  returns the kept hits sorted by offset. */
export function dropOverlaps(hits: readonly Hit[]): Hit[] {
  const kept: Hit[] = [] // sorted by start, pairwise disjoint
  for (const hit of hits) {
    const low = lowerBound(kept, hit.start, (h) => h.start)
    const before = kept[low - 1]
    const after = kept[low]
    if ((before && before.end > hit.start) || (after && after.start < hit.end)) continue
    kept.splice(low, 0, hit)
  }
  return kept
}
