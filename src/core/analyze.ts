// The one entry point of the core, the same in the worker and in Node:
//   analyze(sources, options, sink) -> Report
// The sink receives progress, file batches and finding batches as they become known, so a page can
// draw the file list before scanning ends. The worker forwards the sink to postMessage, the CLI to stderr.
//
// PLACEHOLDER IMPLEMENTATION (being replaced by the input/sourcemap/classify work of issue 2):
// treats every source as one plain file.
import type { ByteSource } from './input/byte-source'
import { readAll } from './input/byte-source'
import type { ExposedFile, Finding, Limits, Progress, Report, ReportError } from './report/model'
import { DEFAULT_LIMITS, TOOL_NAME, TOOL_VERSION } from './report/model'
import { summarize } from './report/summary'

export interface AnalyzeOptions {
  limits?: Partial<Limits>
  /** Checked between chunks and members; on abort the report so far is returned with an error entry. */
  signal?: AbortSignal
  /** Run the detectors (default true). */
  scan?: boolean
}

export interface AnalysisSink {
  progress?(p: Progress): void
  /** New exposed files, in id order. */
  files?(batch: ExposedFile[]): void
  findings?(batch: Finding[]): void
  errors?(batch: ReportError[]): void
  /** The decoded text of a file with content, for hosts that keep it (the worker's viewer). */
  content?(fileId: number, text: string): void
}

export async function analyze(
  sources: ByteSource[],
  options: AnalyzeOptions = {},
  sink: AnalysisSink = {},
): Promise<Report> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  void limits
  const files: ExposedFile[] = []
  const decoder = new TextDecoder()
  for (const source of sources) {
    const bytes = await readAll(source)
    const text = decoder.decode(bytes)
    const file: ExposedFile = {
      id: files.length,
      path: source.name,
      origin: [],
      kind: 'other',
      bytes: bytes.length,
      lines: text.length === 0 ? 0 : text.split('\n').length,
      hasContent: true,
    }
    files.push(file)
    sink.files?.([file])
    sink.content?.(file.id, text)
  }
  const findings: Finding[] = []
  const errors: ReportError[] = []
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    input: { name: sources.map((s) => s.name).join(', '), bytes: sources.reduce((n, s) => n + s.size, 0) },
    summary: summarize(files, findings),
    files,
    findings,
    errors,
  }
}
