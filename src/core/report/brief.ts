// The brief: what a report exposes, told in a few lines a reviewer reads first — one line per
// category with its distinct exposures counted by kind and the first of them named ("Roadmap: 90
// feature gates and 139 experiments — KAIROS, TRANSCRIPT_CLASSIFIER, …"). Lines and names run most
// severe and first-party first. Suppressed exposures (a baseline's triage) are left out and only
// counted; triaged ones (accepted or suppressed) do not make the worst severity.
// The page draws it (ui/brief/), and exports may print it with `briefLineText`.
import type { Category, ExposedFile, Exposure, ExposureKind, Finding, Severity } from './model'
import { CATEGORIES } from './model'
import { BRIEF_LABELS, EXPOSURE_NOUNS, formatCount, isBuildOutput, joinWords, severityRank } from './present'

/** What the brief and the page's exposure table read from a report. */
export interface ExposureSource {
  exposures?: readonly Exposure[]
  findings: readonly Finding[]
  files: readonly ExposedFile[]
}

/** The order a reader takes exposures in: most severe first, then first-party before third-party,
 *  then those first found in a source before those found only in a bundle or map, then the
 *  report's order. */
export function readingOrder(report: ExposureSource): (a: Exposure, b: Exposure) => number {
  const built = (e: Exposure) => {
    const fileId = report.findings[e.findings[0]]?.fileId
    return isBuildOutput(fileId === undefined ? undefined : report.files[fileId]?.kind) ? 1 : 0
  }
  return (a, b) =>
    severityRank(a.severity) - severityRank(b.severity) ||
    Number(a.thirdParty) - Number(b.thirdParty) ||
    built(a) - built(b) ||
    a.id - b.id
}

export interface BriefItem {
  /** Id of the exposure (index in `Report.exposures`). */
  exposure: number
  /** The words shown for it: its subject ("KAIROS"), its file (a prompt), else its title. */
  name: string
  severity: Severity
  thirdParty: boolean
}

export interface BriefLine {
  category: Category
  /** "Roadmap" (BRIEF_LABELS). */
  label: string
  /** The worst severity among its exposures. */
  severity: Severity
  /** "90 feature gates and 139 experiments", "+ 5 in third-party code" added when some are. */
  counts: string
  /** The exposures named, first-party and most severe first (at most `BriefOptions.names`). */
  items: BriefItem[]
  /** Every exposure of the line, in the order of `items` (the named ones first). */
  exposures: number[]
}

export interface Brief {
  /** The worst severity of the exposures not triaged (accepted or suppressed); null when none. */
  severity: Severity | null
  lines: BriefLine[]
  /** Exposures shown in the lines. */
  shown: number
  /** Exposures left out because they are suppressed. */
  suppressed: number
}

export interface BriefOptions {
  /** How many exposures each line names; default 6. */
  names?: number
  /** Include suppressed exposures (the page's "show suppressed"); default false. */
  showSuppressed?: boolean
}

const isSuppressed = (e: Exposure) => e.triage?.status === 'suppressed'

/** The words naming one exposure in a line (see BriefItem.name). */
function nameOf(e: Exposure, findings: readonly Finding[]): string {
  if (e.kind === 'prompt') return findings[e.findings[0]]?.path ?? e.title
  if (e.subject !== undefined && e.kind !== 'secret') return e.subject
  return e.title
}

/** The items of a line; names said twice (three keys of one kind in one file) get their subject
 *  (a secret's redaction) added so they read apart. */
function namedItems(exposures: readonly Exposure[], findings: readonly Finding[]): BriefItem[] {
  const items = exposures.map((e) => ({
    exposure: e.id,
    name: nameOf(e, findings),
    severity: e.severity,
    thirdParty: e.thirdParty,
  }))
  const seen = new Map<string, number>()
  for (const item of items) seen.set(item.name, (seen.get(item.name) ?? 0) + 1)
  items.forEach((item, i) => {
    const subject = exposures[i].subject
    if (seen.get(item.name)! > 1 && subject !== undefined) item.name = `${item.name} (${subject})`
  })
  return items
}

/** "90 feature gates and 139 experiments": the first-party exposures counted by kind (kinds in
 *  the order they first come), then those in third-party code. A line of one kind whose noun is the
 *  label itself ("Secrets") gives the count alone. */
function countsOf(label: string, exposures: readonly Exposure[]): string {
  const byKind = new Map<ExposureKind, number>()
  let thirdParty = 0
  for (const e of exposures) {
    if (e.thirdParty) thirdParty++
    else byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1)
  }
  const parts = [...byKind].map(([kind, n]) => {
    const noun = EXPOSURE_NOUNS[kind]
    return `${formatCount(n)} ${n === 1 ? noun.one : noun.many}`
  })
  const only = [...byKind.keys()]
  if (only.length === 1 && EXPOSURE_NOUNS[only[0]].many === label.toLowerCase())
    parts[0] = formatCount(byKind.get(only[0])!)
  if (thirdParty === 0) return joinWords(parts)
  const third = `${formatCount(thirdParty)} in third-party code`
  return parts.length === 0 ? third : `${joinWords(parts)} + ${third}`
}

/** The brief of a report's exposures, in reading order (see readingOrder). */
export function briefOf(report: ExposureSource, options: BriefOptions = {}): Brief {
  const { names = 6, showSuppressed = false } = options
  const all = report.exposures ?? []
  const byCategory = new Map<Category, Exposure[]>()
  let severity: Severity | null = null
  let suppressed = 0
  let shown = 0
  for (const e of all) {
    if (isSuppressed(e)) {
      suppressed++
      if (!showSuppressed) continue
    }
    shown++
    if (!e.triage && (severity === null || severityRank(e.severity) < severityRank(severity)))
      severity = e.severity
    const list = byCategory.get(e.category)
    if (list) list.push(e)
    else byCategory.set(e.category, [e])
  }
  const order = readingOrder(report)
  const lines: BriefLine[] = []
  for (const [category, list] of byCategory) {
    const ordered = list.sort(order)
    const label = BRIEF_LABELS[category]
    lines.push({
      category,
      label,
      severity: ordered.reduce<Severity>(
        (worst, e) => (severityRank(e.severity) < severityRank(worst) ? e.severity : worst),
        'info',
      ),
      counts: countsOf(label, ordered),
      items: namedItems(ordered.slice(0, names), report.findings),
      exposures: ordered.map((e) => e.id),
    })
  }
  const firstParty = (line: BriefLine) => line.items.some((item) => !item.thirdParty)
  lines.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      Number(firstParty(b)) - Number(firstParty(a)) ||
      CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category),
  )
  return { severity, lines, shown, suppressed }
}

/** One line as text: "Roadmap: 90 feature gates and 139 experiments — KAIROS, BUDDY, …". */
export function briefLineText(line: BriefLine): string {
  const names = line.items.map((item) => item.name)
  const more = line.exposures.length > names.length ? ', …' : ''
  return `${line.label}: ${line.counts} — ${names.join(', ')}${more}`
}
