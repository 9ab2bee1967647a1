// Shared helpers for the input tests: analyze one in-memory input without the detectors.
import { analyze, type AnalyzeOptions } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import type { Report } from '../../../src/core/report/model'

export const encoder = new TextEncoder()
export const decoder = new TextDecoder()

export function run(name: string, bytes: Uint8Array, options: AnalyzeOptions = {}): Promise<Report> {
  return analyze([memorySource(name, bytes)], { scan: false, ...options })
}

/** "origin › path" of each file, for compact assertions. */
export const chains = (report: Report) => report.files.map((f) => [...f.origin, f.path].join(' › '))

/** Chunk sizes every reader test re-runs with: tiny ones put every boundary inside a header or a field. */
export const CHUNK_SIZES = [1, 7, 100, 512, 513, 64 * 1024] as const
