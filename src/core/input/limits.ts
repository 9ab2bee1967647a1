// Budgets and the errors that stop reading. Two kinds of stop:
//  - ContainerError: one container is corrupt, truncated or over a per-member limit. The walker
//    records it (naming the container) and goes on with the next member or source.
//  - StopError: a limit of the whole artifact (total inflated bytes, entries) or a cancel. Nothing
//    more is read; everything before it stays in the report.
import type { Limits, ReportError } from '../report/model'

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

const BYTE_UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']

/** "512 bytes", "2.0 MiB", "32,768 YiB": never exponent notation, whatever a hostile header declares. */
export function formatBytes(n: number): string {
  let value = n
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit > 0 && value < 10 ? 1 : 0
  // toFixed switches to exponent notation from 1e21 on; toLocaleString never does.
  const shown =
    value < 1e21 ? value.toFixed(digits) : value.toLocaleString('en-US', { maximumFractionDigits: 0 })
  return `${shown} ${BYTE_UNITS[unit]}`
}

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
