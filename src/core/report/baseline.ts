// A baseline: the triage a reviewer gave an artifact's exposures — accepted or suppressed, with a
// reason — kept in a small JSON file the page saves and loads and the CLI reads (`--baseline FILE`)
// and writes (`--write-baseline FILE`, accepting everything found now). Suppressed exposures leave
// the brief (shown on request); accepted and suppressed ones no longer fail `--fail-on`.
//
// Entries are matched on the exposure's key (exposures.ts): its kind and the name it is about, its
// file without the tarball's own name, or for a secret its rule and the keyed hash of its value —
// never the value. The hash is keyed by the baseline's own `key` (random, made when the first
// baseline was written): a scan that reads the baseline hashes with it, so the same secret matches
// again; without it no hash in the file can be tested against guessed values by anyone holding a
// report alone. The title is for people reading the file; it holds no secret either (a secret's
// title names its kind and file). Format:
//   { "format": "exposure-explorer-baseline", "formatVersion": 1, "key": "<64 hex>",
//     "entries": [ { "key", "rule", "category", "title", "status": "accepted"|"suppressed", "reason" } ] }
import type { Category, Exposure } from './model'
import { CATEGORIES } from './model'

export const BASELINE_FORMAT = 'exposure-explorer-baseline'
export const BASELINE_FORMAT_VERSION = 1

export type TriageStatus = 'accepted' | 'suppressed'

export interface Triage {
  status: TriageStatus
  reason: string
}

export interface BaselineEntry extends Triage {
  /** The exposure's key (`Exposure.key`). */
  key: string
  rule: string
  category: Category
  /** What it was when triaged, for a person reading the file; not matched on. */
  title: string
}

export interface Baseline {
  format: typeof BASELINE_FORMAT
  formatVersion: typeof BASELINE_FORMAT_VERSION
  /** Hex of the key secrets' values are hashed with (see the header); absent: no secret is matched. */
  key?: string
  entries: BaselineEntry[]
}

/** A baseline of `exposures` triaged as `triage` says (by exposure key); `key`: the run's match key.
 *  `kept`: entries of a baseline read before; those naming none of `exposures` (the triage of
 *  another version, or of a part not in this input) are written again as they were. */
export function baselineOf(
  exposures: readonly Exposure[],
  triage: ReadonlyMap<string, Triage>,
  key?: Uint8Array,
  kept: readonly BaselineEntry[] = [],
): Baseline {
  const entries: BaselineEntry[] = []
  const here = new Set<string>()
  for (const e of exposures) {
    here.add(e.key)
    const t = triage.get(e.key)
    if (!t) continue
    entries.push({ key: e.key, rule: e.rule, category: e.category, title: e.title, ...t })
  }
  for (const entry of kept) if (!here.has(entry.key)) entries.push({ ...entry })
  return {
    format: BASELINE_FORMAT,
    formatVersion: BASELINE_FORMAT_VERSION,
    ...(key ? { key: toHex(key) } : {}),
    entries,
  }
}

/** Every exposure accepted, with one reason: what `--write-baseline` writes. */
export function acceptAll(exposures: readonly Exposure[], reason: string, key?: Uint8Array): Baseline {
  const triage = new Map<string, Triage>()
  for (const e of exposures) triage.set(e.key, e.triage ?? { status: 'accepted', reason })
  return baselineOf(exposures, triage, key)
}

/** The baseline's JSON text. */
export const baselineText = (baseline: Baseline): string => JSON.stringify(baseline, null, 2) + '\n'

export class BaselineError extends Error {}

/** A baseline file's text read back; a BaselineError saying what is wrong when it is not one. */
export function readBaseline(text: string): Baseline {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new BaselineError('not JSON')
  }
  const b = json as Partial<Baseline> | null
  if (b?.format !== BASELINE_FORMAT) throw new BaselineError(`"format" is not "${BASELINE_FORMAT}"`)
  if (b.formatVersion !== BASELINE_FORMAT_VERSION)
    throw new BaselineError(`"formatVersion" ${String(b.formatVersion)} is not one this version reads (1)`)
  if (b.key !== undefined && (typeof b.key !== 'string' || !/^[0-9a-f]{64}$/.test(b.key)))
    throw new BaselineError('"key" must be 64 hexadecimal digits')
  if (!Array.isArray(b.entries)) throw new BaselineError('"entries" must be an array')
  const entries = b.entries.map((e: Partial<BaselineEntry>, i): BaselineEntry => {
    const at = `entries[${i}]`
    if (typeof e?.key !== 'string' || e.key === '') throw new BaselineError(`${at}.key must be a string`)
    if (e.status !== 'accepted' && e.status !== 'suppressed')
      throw new BaselineError(`${at}.status must be "accepted" or "suppressed"`)
    return {
      key: e.key,
      rule: typeof e.rule === 'string' ? e.rule : '',
      category: CATEGORIES.includes(e.category as Category) ? (e.category as Category) : 'source-exposure',
      title: typeof e.title === 'string' ? e.title : '',
      status: e.status,
      reason: typeof e.reason === 'string' ? e.reason : '',
    }
  })
  return {
    format: BASELINE_FORMAT,
    formatVersion: BASELINE_FORMAT_VERSION,
    ...(b.key ? { key: b.key } : {}),
    entries,
  }
}

/** The triage a baseline gives, by exposure key. */
export const triageOf = (baseline: Baseline): Map<string, Triage> =>
  new Map(baseline.entries.map((e) => [e.key, { status: e.status, reason: e.reason }]))

/** Sets `triage` on the exposures a baseline names (in place); returns how many it matched. */
export function applyBaseline(exposures: readonly Exposure[], baseline: Baseline): number {
  const triage = triageOf(baseline)
  let matched = 0
  for (const e of exposures) {
    const t = triage.get(e.key)
    if (!t) continue
    e.triage = { ...t }
    matched++
  }
  return matched
}

/** The key to analyse with so secrets hash as the baseline's did; undefined when it has none. */
export function baselineKey(baseline: Baseline): Uint8Array | undefined {
  if (!baseline.key) return undefined
  return Uint8Array.from(baseline.key.match(/../g)!, (h) => parseInt(h, 16))
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** True when a baseline took the exposure out of the release gate (accepted or suppressed). */
export const isTriaged = (e: Exposure): boolean => e.triage !== undefined
