// Findings made of a text's hits: capped per rule, folded per exposure (PLACES_PER_EXPOSURE), with
// excerpts that redact every secret on their line. A FindingMaker holds what that takes per text (the
// caps, the exposures, the numbers of distinct short lines), so a text scanned in parts (see
// parted-scan.ts) hands it its parts in order and gets the list the whole text gives.
import type { ScanTarget } from '../analysis-contract'
import { isTestPath } from '../classify/index'
import { countInto, excerptHash, mayBeListed, type FindingCounts, type ListedHashes } from '../count-only'
import { PLACES_PER_EXPOSURE } from '../finding-list'
import type { Finding } from '../report/model'
import type { KeyedHash } from '../util/keyed-hash'
import { lowerBound } from '../util/order'
import { LineIndex, lowerSeverity, type Hit } from './engine'
import { EXCERPT_MAX, excerptAround, type Span } from './redact'
import { subjectOf } from './subject'

/** Findings of one rule kept per file: a generated file can repeat one match 100,000 times, and the
 *  first ones tell the story (the rest would only bloat the report). */
export const MAX_FINDINGS_PER_RULE = 500

/** Lines up to this long key a match's exposure by their text. */
const SHORT_LINE = 512

/** What findings are made from: a whole text, or one part of a text scanned in parts, in its window
 *  (the part with some text either side, which the detectors saw). Offsets are the window's. */
export interface TextPart {
  text: string
  /** The part's own range in `text`: the hits placed in it are its findings. */
  from: number
  to: number
  /** Where `text` starts in the whole text (UTF-16 offset). */
  offset: number
  /** The 1-based line of `from` in the whole text, and where that line starts (whole-text offset). */
  line: number
  lineStart: number
}

/** A whole text as its one part. */
export const wholeText = (text: string): TextPart => ({
  text,
  from: 0,
  to: Infinity,
  offset: 0,
  line: 1,
  lineStart: 0,
})

/** With a count-only scan (see count-only.ts): the listed exposures, and the counts of the rest. */
export interface CountOnly {
  listed: ListedHashes
  counts: FindingCounts
}

export class FindingMaker {
  readonly findings: Finding[] = []
  readonly #inTest: boolean
  /** Hits taken per rule (MAX_FINDINGS_PER_RULE). */
  readonly #perRule = new Map<string, number>()
  /** Per exposure in this text: its last finding and places made. */
  readonly #exposures = new Map<string, { finding: Finding; places: number }>()
  /** Each distinct short line gets a number once; matches on it are keyed by that number. */
  readonly #lineIds = new Map<string, number>()
  /** The short line of the last finding (`start`: whole-text offset) and its number. */
  #lastLine = { start: -1, id: 0 }
  readonly #whole: WholeLine = { start: -1, excerpt: '', hash: undefined }

  /** With `count`, only the findings that may repeat a listed exposure are made, the rest counted. */
  constructor(
    private readonly file: ScanTarget,
    private readonly hasher?: KeyedHash,
    private readonly count?: CountOnly,
  ) {
    this.#inTest = isTestPath(file.path)
  }

  /** Makes the findings of the hits placed in `part` (`hits`: the detectors' on its window). */
  add(part: TextPart, hits: readonly Hit[]): void {
    const { text, from, to, offset } = part
    const own = hits.filter((h) => {
      const at = h.at ?? h.start
      return at >= from && at < to
    })
    if (own.length === 0) return
    own.sort((a, b) => (a.at ?? a.start) - (b.at ?? b.start))
    const secrets = new SecretSpans(hits.filter((h) => h.secret))
    const lines = new LineIndex(text, { from, to, line: part.line, lineStart: part.lineStart - offset })
    const { count, hasher, file } = this
    const whole = this.#whole
    for (const hit of this.#capPerRule(own)) {
      const at = hit.at ?? hit.start
      const { line, column, lineStart, lineEnd } = lines.position(at)
      const lineKey = offset + lineStart
      // Only the first line of a multi-line match is highlighted.
      const end = Math.min(hit.end, lineEnd)
      // A short line is its own key (an identical line gives an identical excerpt); a long one is
      // keyed by its excerpt, so a megabyte-long line is not hashed once per match.
      const show = hit.at === undefined ? hit.end : end
      // A match that runs past its line shows the lines after it too: keyed by its excerpt.
      const short = lineEnd - lineStart <= SHORT_LINE && show <= lineEnd
      const position = { line, column, lineStart: Math.max(0, lineStart), lineEnd }
      const place: Place = { text, secrets, whole, lineKey, at, end, show, position }
      const excerpt = short ? '' : excerptOfLong(place)
      if (count) {
        // Whether a hit may repeat a listed exposure depends on the hit alone (rule, value, excerpt),
        // so a count-only scan decides it before any key is made: a hit that repeats none is counted
        // and costs no key, no map entry and no finding.
        const shown = short ? shownOfShort(place) : excerpt
        const valueHash = hasher?.hash(text.slice(hit.start, hit.end))
        const hash = shown === whole.excerpt ? (whole.hash ??= excerptHash(shown)) : undefined
        if (!mayBeListed(count.listed, { rule: hit.rule, valueHash, excerpt: shown }, hash)) {
          const severity = this.#inTest ? lowerSeverity(hit.severity) : hit.severity
          countInto(count.counts, { category: hit.category, severity }, 1)
          continue
        }
      }
      if (short && this.#lastLine.start !== lineKey) {
        const lineText = text.slice(lineStart, lineEnd)
        let id = this.#lineIds.get(lineText)
        if (id === undefined) this.#lineIds.set(lineText, (id = this.#lineIds.size))
        this.#lastLine = { start: lineKey, id }
      }
      const key = `${hit.rule}\0${hit.start - lineStart}:${at - lineStart}:${end - at}\0${short ? `#${this.#lastLine.id}` : `=${excerpt}`}`
      const exposure = this.#exposures.get(key)
      if (exposure && exposure.places >= PLACES_PER_EXPOSURE) {
        exposure.finding.repeats = (exposure.finding.repeats ?? 0) + 1
        continue
      }
      const shown = short ? shownOfShort(place) : excerpt
      const value = text.slice(hit.start, hit.end)
      const valueHash = hasher?.hash(value)
      const finding: Finding = {
        rule: hit.rule,
        category: hit.category,
        severity: hit.severity,
        path: file.path,
        line,
        column,
        excerpt: shown,
        message: hit.message,
        origin: file.origin,
        fileId: file.id,
        length: end - at,
      }
      const subject = subjectOf(hit.rule, hit.category, value, hit.secret)
      if (subject !== undefined) finding.subject = subject
      if (valueHash !== undefined) finding.valueHash = valueHash
      const made = this.#inTest ? markInTest(finding) : finding
      if (exposure) {
        exposure.places++
        exposure.finding = made
      } else this.#exposures.set(key, { finding: made, places: 1 })
      this.findings.push(made)
    }
  }

  #capPerRule(hits: readonly Hit[]): Hit[] {
    const counts = this.#perRule
    return hits.filter((hit) => {
      const n = (counts.get(hit.rule) ?? 0) + 1
      counts.set(hit.rule, n)
      return n <= MAX_FINDINGS_PER_RULE
    })
  }
}

export function markInTest(finding: Finding): Finding {
  return { ...finding, severity: lowerSeverity(finding.severity), inTest: true }
}

/** A short line no longer than an excerpt is shown whole whatever matched on it (excerptAround's
 *  window is the line): its excerpt, and in a count-only scan that excerpt's hash, are made once. */
interface WholeLine {
  /** Whole-text offset of the line. */
  start: number
  excerpt: string
  hash: number | undefined
}

/** Where a hit is shown: the match [at, end) on its line (`position`, starting at `lineKey` in the
 *  whole text), shown up to `show`. */
interface Place {
  text: string
  secrets: SecretSpans
  whole: WholeLine
  lineKey: number
  at: number
  end: number
  show: number
  position: { line: number; column: number; lineStart: number; lineEnd: number }
}

/** The excerpt of a hit on a long line, or one whose match runs on past its line: it shows the
 *  lines after it too. */
const excerptOfLong = ({ text, secrets, at, end, show, position }: Place): string =>
  excerptAround(
    text,
    at,
    end,
    secrets.near({ lineStart: position.lineStart, lineEnd: Math.max(position.lineEnd, show) }),
    position,
    show,
  )

/** The excerpt of a hit on a short line. A hit placed on its own line (a key block's armour) shows
 *  that line only; others show the whole match from its first words (a multi-line prompt). */
function shownOfShort({ text, secrets, whole, lineKey, at, end, show, position }: Place): string {
  const { lineStart, lineEnd } = position
  if (lineEnd - lineStart > EXCERPT_MAX)
    return excerptAround(text, at, end, secrets.near(position), position, show)
  if (whole.start !== lineKey) {
    whole.start = lineKey
    whole.excerpt = excerptAround(text, at, end, secrets.near(position), position, show)
    whole.hash = undefined
  }
  return whole.excerpt
}

/** The secret spans of one text, sorted by start, found by the line they may overlap: a file of 500
 *  lines with a secret each must not look through all 500 for each of its findings. */
class SecretSpans {
  readonly spans: readonly Span[]
  readonly #longest: number
  constructor(spans: readonly Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start)
    this.#longest = spans.reduce((n, s) => Math.max(n, s.end - s.start), 0)
  }

  /** The spans that may overlap [lineStart, lineEnd) (a superset: excerptAround picks from it). */
  near({ lineStart, lineEnd }: { lineStart: number; lineEnd: number }): readonly Span[] {
    if (this.spans.length === 0) return this.spans
    return this.spans.slice(this.#firstFrom(lineStart - this.#longest), this.#firstFrom(lineEnd + 1))
  }

  /** Index of the first span starting at or after `offset`. */
  #firstFrom(offset: number): number {
    return lowerBound(this.spans, offset, (span) => span.start)
  }
}
