// Budgets and the errors that stop reading. Two kinds of stop:
//  - ContainerError: one container is corrupt, truncated or over a per-member limit. The walker
//    records it (naming the container) and goes on with the next member or source.
//  - StopError: a limit of the whole artifact (total inflated bytes, entries) or a cancel. Nothing
//    more is read; everything before it stays in the report.
import type { Limits, ReportError } from '../report/model'
import { formatBytes } from '../report/present'

export class ContainerError extends Error {
  constructor(
    message: string,
    readonly level: NonNullable<ReportError['level']> = 'error',
    /** Whether something was left unread or unscanned (`ReportError.unscanned`); most stops do. */
    readonly unscanned = true,
  ) {
    super(message)
  }
}

export class StopError extends Error {
  constructor(
    message: string,
    readonly level: NonNullable<ReportError['level']>,
    /** Where it stopped (origin chain joined by ' › '), when known. */
    readonly path = '',
  ) {
    super(message)
  }
}

/** How to raise a limit, for messages; each host maps `limits.*` to its own setting. */
export const limitHint = (name: keyof Limits) => `raise limits.${name} to read further`

/** Counters shared by every container of one analysis. */
export class Budget {
  inflated = 0
  entries = 0
  constructor(readonly limits: Limits) {}

  /** Bytes decompression may still produce. */
  room(): number {
    return Math.max(0, this.limits.maxInflatedBytes - this.inflated)
  }

  /** The stop for decompressed data past `maxInflatedBytes`. */
  inflatedStop(where: string): StopError {
    return new StopError(
      `Stopped: decompressed data passed the limit of ${formatBytes(this.limits.maxInflatedBytes)} ` +
        `(limits.maxInflatedBytes; a decompression bomb looks like this too); ${limitHint('maxInflatedBytes')}.`,
      'limit',
      where,
    )
  }

  /** Counts one exposed file; stops the analysis past `maxEntries`. */
  addEntry(where: string): void {
    this.entries++
    if (this.entries > this.limits.maxEntries)
      throw new StopError(
        `Stopped: the artifact holds more than ${this.limits.maxEntries.toLocaleString('en-US')} files ` +
          `(limits.maxEntries); ${limitHint('maxEntries')}.`,
        'limit',
        where,
      )
  }
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new StopError('Cancelled: the analysis was stopped before it finished.', 'warning')
}
