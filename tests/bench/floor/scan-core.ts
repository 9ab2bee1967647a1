// Scanner throughput on the incident's own sources: every sourcesContent entry through the app's
// scanContent (all rules), timed on its own — shared by the Node run and the browser's scanner worker.
import { scanContent } from '../../../src/core/detectors/index'
import type { FloorResult } from './floor-core'

export interface ScanResult {
  scanMs: number
  chars: number
  files: number
  findings: number
}

export function scanSources(result: FloorResult): ScanResult {
  const texts = result.texts ?? []
  const names = result.sourceNames ?? []
  let findings = 0
  let chars = 0
  let files = 0
  const started = performance.now()
  texts.forEach((text, id) => {
    if (!text) return
    const path = (names[id] ?? `source-${id}`).replace(/^webpack:\/\/[^/]*\/(\.\/)?/, '')
    const file = {
      id,
      path,
      origin: [],
      kind: 'other' as const,
      bytes: text.length,
      lines: 0,
      hasContent: true,
    }
    findings += scanContent(file, text).length
    chars += text.length
    files++
  })
  return { scanMs: performance.now() - started, chars, files, findings }
}
