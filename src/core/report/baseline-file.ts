// The baseline file: the triage of a report's exposures (accepted or suppressed, with a reason) kept
// between runs, written by the page ("Save baseline") and read back by the page and by whoever
// matches exposures by key. JSON:
//
//   { "format": "exposure-explorer-baseline", "version": 1,
//     "entries": [ { "key": "feature-gate KAIROS", "status": "suppressed", "reason": "public roadmap",
//                    "title": "feature gate KAIROS" } ] }
//
// An entry matches the exposure whose `Exposure.key` equals its key: kind and subject (a host, a flag
// name), a file without the dropped input's own name, or for a secret its rule and the keyed hash or
// the redaction of its value — never a secret in clear. `title` is for people reading the file.
import type { Exposure } from './model'

export const BASELINE_FORMAT = 'exposure-explorer-baseline'
export const BASELINE_VERSION = 1

export type TriageStatus = 'accepted' | 'suppressed'
export interface Triage {
  status: TriageStatus
  reason: string
}

export interface BaselineEntry extends Triage {
  key: string
  title?: string
}

export interface BaselineFile {
  format: typeof BASELINE_FORMAT
  version: number
  entries: BaselineEntry[]
}

export class BaselineError extends Error {}

/** The baseline of `triage` (by exposure key), titled from `exposures` where they are known. */
export function writeBaseline(
  triage: ReadonlyMap<string, Triage>,
  exposures: readonly Exposure[] = [],
): string {
  const titles = new Map(exposures.map((e) => [e.key, e.title]))
  const entries: BaselineEntry[] = [...triage]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, t]) => {
      const title = titles.get(key)
      return { key, status: t.status, reason: t.reason, ...(title !== undefined ? { title } : {}) }
    })
  const file: BaselineFile = { format: BASELINE_FORMAT, version: BASELINE_VERSION, entries }
  return JSON.stringify(file, null, 2) + '\n'
}

/** Reads a baseline file; throws BaselineError naming the field that is wrong. */
export function readBaseline(text: string): Map<string, Triage> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new BaselineError('the file is not JSON')
  }
  const file = data as Partial<BaselineFile> | null
  if (!file || typeof file !== 'object' || file.format !== BASELINE_FORMAT)
    throw new BaselineError(`"format" is not "${BASELINE_FORMAT}"`)
  if (file.version !== BASELINE_VERSION)
    throw new BaselineError(`"version" ${String(file.version)} is not ${BASELINE_VERSION}`)
  if (!Array.isArray(file.entries)) throw new BaselineError('"entries" is not a list')
  const out = new Map<string, Triage>()
  file.entries.forEach((entry: Partial<BaselineEntry>, i) => {
    if (!entry || typeof entry.key !== 'string') throw new BaselineError(`entries[${i}].key is not a string`)
    if (entry.status !== 'accepted' && entry.status !== 'suppressed')
      throw new BaselineError(`entries[${i}].status is not "accepted" or "suppressed"`)
    out.set(entry.key, { status: entry.status, reason: typeof entry.reason === 'string' ? entry.reason : '' })
  })
  return out
}

/** Sets `triage` on the exposures the baseline names (in place); returns how many matched. */
export function applyBaseline(exposures: readonly Exposure[], baseline: ReadonlyMap<string, Triage>): number {
  let matched = 0
  for (const e of exposures) {
    const t = baseline.get(e.key)
    if (!t) continue
    e.triage = { status: t.status, reason: t.reason }
    matched++
  }
  return matched
}
