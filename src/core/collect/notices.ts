// The collector's errors and progress: each error kept for the report and streamed to the host as it
// happens; progress streamed at most every PROGRESS_MS (a stage's last step always).
import type { AnalysisSink } from '../analysis-contract'
import type { ExposedFile, ReportError, Stage } from '../report/model'
import { locationOf } from '../report/present'

const PROGRESS_MS = 200

export class Notices {
  readonly errors: ReportError[] = []
  private lastProgress = 0

  constructor(private readonly sink: AnalysisSink) {}

  error(error: ReportError): void {
    this.errors.push(error)
    this.sink.errors?.([error])
  }

  /** An error about one file, at its location; `message` gets its full stop here. */
  errorFor(file: ExposedFile, message: string, level: ReportError['level'], unscanned = false): void {
    const error: ReportError = { path: locationOf(file), message: `${message}.`, level }
    if (unscanned) error.unscanned = true
    this.error(error)
  }

  progress(stage: Stage, done: number, total: number, path: string): void {
    const now = performance.now()
    if (now - this.lastProgress < PROGRESS_MS && done < total) return
    this.lastProgress = now
    this.sink.progress?.({ stage, done, total, path })
  }

  /** Whether PROGRESS_MS have passed since the last progress at `now`. */
  progressDue(now: number): boolean {
    return now - this.lastProgress >= PROGRESS_MS
  }
}
