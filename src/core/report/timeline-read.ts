// Reading a timeline JSON someone hands the page: untrusted, so every field is checked and the
// first one that is wrong is named ("versions[3].appeared[0] is not an exposure id"). What passes is
// a Timeline whose ids all point at exposures and whose strings are strings; the page shows them as text.
import { SEVERITIES, CATEGORIES, emptySeverityCounts, type ExposureKind } from './model'
import { EXPOSURE_NOUNS } from './present'
import {
  TIMELINE_FORMAT,
  type Timeline,
  type TimelineExposure,
  type TimelineVersion,
  type VersionFigures,
} from './timeline'

/** A timeline JSON starts with its format (the CLI writes it first): the page reads only the start
 *  of a dropped file to tell a timeline from an artifact. */
export const TIMELINE_PREFIX = new RegExp(`^\\s*\\{\\s*"format"\\s*:\\s*"${TIMELINE_FORMAT}"`)

export class TimelineError extends Error {}

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function str(o: Obj, key: string, where: string, optional = false): string {
  const v = o[key]
  if (typeof v === 'string') return v
  if (optional && v === undefined) return ''
  throw new TimelineError(`${where}.${key} is not text`)
}

function num(o: Obj, key: string, where: string): number {
  const v = o[key]
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v
  throw new TimelineError(`${where}.${key} is not a count`)
}

function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], where: string): T {
  const v = o[key]
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T
  throw new TimelineError(`${where}.${key} is not one of ${allowed.join(', ')}`)
}

function exposureOf(v: unknown, id: number): TimelineExposure {
  const where = `exposures[${id}]`
  if (!isObj(v)) throw new TimelineError(`${where} is not an object`)
  return {
    id,
    ...(typeof v.title === 'string' ? { title: v.title } : {}),
    ...(typeof v.kind === 'string' && Object.hasOwn(EXPOSURE_NOUNS, v.kind)
      ? { kind: v.kind as ExposureKind }
      : {}),
    rule: str(v, 'rule', where),
    category: oneOf(v, 'category', CATEGORIES, where),
    severity: oneOf(v, 'severity', SEVERITIES, where),
    excerpt: str(v, 'excerpt', where),
    path: str(v, 'path', where),
    firstVersion: str(v, 'firstVersion', where),
    lastVersion: str(v, 'lastVersion', where),
    versions: num(v, 'versions', where),
  }
}

function figuresOf(v: unknown, where: string): VersionFigures {
  if (!isObj(v)) throw new TimelineError(`${where} is not an object`)
  const findings = emptySeverityCounts()
  const counts = v.findings
  if (!isObj(counts)) throw new TimelineError(`${where}.findings is not an object`)
  for (const s of SEVERITIES) findings[s] = counts[s] === undefined ? 0 : num(counts, s, `${where}.findings`)
  return {
    files: num(v, 'files', where),
    bytes: num(v, 'bytes', where),
    firstPartySourceFiles: num(v, 'firstPartySourceFiles', where),
    firstPartySourceLines: num(v, 'firstPartySourceLines', where),
    findings,
    unscanned: num(v, 'unscanned', where),
    headline: str(v, 'headline', where, true),
  }
}

function idsOf(v: unknown, where: string, count: number): number[] {
  if (!Array.isArray(v)) throw new TimelineError(`${where} is not a list`)
  return v.map((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= count)
      throw new TimelineError(`${where}[${i}] is not an exposure id`)
    return id as number
  })
}

function versionOf(v: unknown, i: number, count: number): TimelineVersion {
  const where = `versions[${i}]`
  if (!isObj(v)) throw new TimelineError(`${where} is not an object`)
  const input = isObj(v.input) ? v.input : {}
  const failed = str(v, 'failed', where, true)
  const published = str(v, 'published', where, true)
  return {
    version: str(v, 'version', where),
    ...(published ? { published } : {}),
    input: { name: str(input, 'name', `${where}.input`, true), bytes: Number(input.bytes) || 0 },
    figures: figuresOf(v.figures, `${where}.figures`),
    ...(failed ? { failed } : {}),
    exposures: idsOf(v.exposures, `${where}.exposures`, count),
    appeared: idsOf(v.appeared, `${where}.appeared`, count),
    gone: idsOf(v.gone, `${where}.gone`, count),
    change: str(v, 'change', where),
  }
}

/** The timeline in `text`, checked field by field; throws TimelineError naming the first bad field. */
export function parseTimeline(text: string): Timeline {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new TimelineError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  if (!isObj(value) || value.format !== TIMELINE_FORMAT) throw new TimelineError('not a timeline (format)')
  if (value.formatVersion !== 1)
    throw new TimelineError(`formatVersion ${String(value.formatVersion)} is not 1`)
  if (!Array.isArray(value.exposures) || !Array.isArray(value.versions))
    throw new TimelineError('versions and exposures must be lists')
  const exposures = value.exposures.map(exposureOf)
  const tool = isObj(value.tool) ? value.tool : {}
  const range = str(value, 'range', 'timeline', true)
  const registry = str(value, 'registry', 'timeline', true)
  return {
    format: TIMELINE_FORMAT,
    formatVersion: 1,
    tool: { name: str(tool, 'name', 'tool', true), version: str(tool, 'version', 'tool', true) },
    package: str(value, 'package', 'timeline'),
    ...(range ? { range } : {}),
    ...(registry ? { registry } : {}),
    versions: value.versions.map((v, i) => versionOf(v, i, exposures.length)),
    exposures,
  }
}
