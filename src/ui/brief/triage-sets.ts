// The triage's maps and sets, made fresh on every change (the page state keeps them as $state.raw
// and replaces them whole, so they are plain collections, never mutated once published).
import type { Exposure } from '../../core/report/model'
import type { Triage } from '../../core/report/baseline'

export const NO_TRIAGE: ReadonlyMap<string, Triage> = new Map()
export const NO_IDS: ReadonlySet<number> = new Set()

/** `triage` with `key` set to `value`, or removed when `value` is null. */
export function withTriage(
  triage: ReadonlyMap<string, Triage>,
  key: string,
  value: Triage | null,
): ReadonlyMap<string, Triage> {
  const next = new Map(triage)
  if (value) next.set(key, value)
  else next.delete(key)
  return next
}

/** Ids of the suppressed exposures. */
export const suppressedIds = (exposures: readonly Exposure[]): ReadonlySet<number> =>
  new Set(exposures.filter((e) => e.triage?.status === 'suppressed').map((e) => e.id))
