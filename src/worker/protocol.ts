// The messages between the page and the analysis worker: one union per direction, every message
// carries the job id it belongs to, so replies are correlated and stale ones (a cancelled or
// superseded job) are dropped by the page. Imported by both sides; types only.
import type { ScanResult } from '../core/analysis-contract'
import type { ExposedFile, Finding, Limits, Progress, Report, ReportError } from '../core/report/model'

/** One dropped or picked file. The File crosses by reference (a Blob is not copied on postMessage);
 *  the worker slices it. `path` is relative to the drop ("dist/cli.js" below a dropped folder). */
export interface InputFile {
  path: string
  file: File
}

/** Names of the marks the benchmark reads. The page sets them with performance.mark();
 *  the worker reports its own, measured with its performance.now(), in `done.timings`. */
export const MARKS = {
  inputReceived: 'ee:input-received',
  filesListed: 'ee:files-listed',
  analysisDone: 'ee:analysis-done',
  /** The headline's first-party figures changed (detail: { files, lines }). */
  headline: 'ee:headline',
  /** The page's off-screen warm-up of the results view has finished (src/ui/warmup). */
  warm: 'ee:warm',
} as const

/** Worker-side timings in ms on the worker's own clock (performance.now() in the worker; its time
 *  origin differs from the page's, so compare differences, not absolute values). Keys: the MARKS
 *  values, plus `stage:<stage>` for the first progress event of each stage. */
export type WorkerTimings = Record<string, number>

/** What the final report adds to the streamed batches. Cloning 200,000 files a second time cost the
 *  page a 0.9–1.3 s task; this is a few bytes per changed file plus 4 per finding. */
export interface FinalParts {
  /** Files whose kind or map resolution changed after they were streamed (kinds settle once the
   *  whole artifact is known), by id; ids are positions in the streamed order. */
  changes: Pick<ExposedFile, 'id' | 'kind' | 'mapResolution'>[]
  /** The report's findings, as positions in the streamed order (the report sorts them). */
  order: Uint32Array
}

export type ToWorker =
  | {
      type: 'analyze'
      job: number
      inputs: InputFile[]
      limits: Partial<Limits>
      /** npm scopes the user counts as first-party (`@acme`). */
      internalScopes?: string[]
      /** The compare page's key for the run, so both versions' hashes match (see AnalyzeOptions.match). */
      matchKey?: Uint8Array
    }
  /** Aborts the job's AbortSignal; the core stops between chunks and members and the job ends
   *  with `done` holding the partial report. */
  | { type: 'cancel'; job: number }
  /** Asks for a file's text (from `ExposedFile.id`); answered by `content`. */
  | { type: 'read'; job: number; req: number; fileId: number }
  /** The page no longer needs the job's texts: the worker frees them. */
  | { type: 'release'; job: number }
  /** Warm-up ping sent at page load; answered by `ready`. */
  | { type: 'ping' }
  /** To the reader: the ports to the scan workers beside it (transferred); its jobs scan there. */
  | { type: 'scan-pool'; ports: MessagePort[] }
  /** To a scan worker: serve ScanRequests from the reader on this port (transferred). */
  | { type: 'serve-scans'; port: MessagePort }

/** Reader → scan worker: texts to scan, as strings or as their transferred UTF-8 buffers. The
 *  detectors read only a file's id and path, so a batch crosses as parallel arrays of plain values. */
export interface ScanRequest {
  id: number
  fileIds: number[]
  paths: string[]
  texts: (string | ArrayBuffer)[]
  /** The compare run's key, when findings carry keyed hashes of their values. */
  matchKey?: Uint8Array
}

/** Scan worker → reader: one result per text of the request, in its order. */
export interface ScanReply {
  id: number
  results: ScanResult[]
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; job: number; progress: Progress }
  | { type: 'files'; job: number; files: ExposedFile[] }
  | { type: 'findings'; job: number; findings: Finding[] }
  | { type: 'errors'; job: number; errors: ReportError[] }
  | {
      type: 'done'
      job: number
      report: Report
      /** When set, `report.files` and `report.findings` are empty and the page rebuilds them from the
       *  batches it already has (see FinalParts): the report is not sent twice. */
      parts?: FinalParts
      timings: WorkerTimings
      cancelled: boolean
    }
  | { type: 'failed'; job: number; message: string }
  /** UTF-8 of the file's text in a transferred ArrayBuffer (moved, not copied: a 60 MB source
   *  would otherwise be cloned once more); null when the file has no content or the job is gone. */
  | { type: 'content'; job: number; req: number; bytes: ArrayBuffer | null }

/** Narrows `event.data` at the page boundary: a message without a string `type` is not ours and
 *  is dropped (as the worker drops one that fails isToWorker). */
export function isFromWorker(data: unknown): data is FromWorker {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string'
}

export function isToWorker(data: unknown): data is ToWorker {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string'
}
