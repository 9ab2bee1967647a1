// Per-file marks from the findings: each file's worst severity (for colouring) and its counts by
// severity (for the tooltip), plus the compare page's diff status. Made once per findings/diff change.
import type { ExposedFile, Finding, Severity, SeverityCounts } from '../../core/report/model'
import { emptySeverityCounts } from '../../core/report/model'
import { severityRank } from '../../core/report/present'
import type { FileMarks } from './modes'
import type { DiffStatus } from './types'

export interface Marks extends FileMarks {
  counts: ReadonlyMap<number, SeverityCounts>
}

export function marksOf(
  findings: readonly Finding[],
  files: readonly ExposedFile[],
  diff: ReadonlyMap<number, DiffStatus> | undefined,
): Marks {
  const worst = new Map<number, Severity>()
  const counts = new Map<number, SeverityCounts>()
  let byPath: Map<string, number> | null = null
  for (const f of findings) {
    let id = f.fileId
    if (id === undefined) {
      // Older reports: find the file by origin chain + path.
      byPath ??= new Map(files.map((x) => [[...x.origin, x.path].join('\u0000'), x.id]))
      id = byPath.get([...(f.origin ?? []), f.path].join('\u0000'))
      if (id === undefined) continue
    }
    const w = worst.get(id)
    if (w === undefined || severityRank(f.severity) < severityRank(w)) worst.set(id, f.severity)
    let c = counts.get(id)
    if (!c) counts.set(id, (c = emptySeverityCounts()))
    c[f.severity]++
  }
  return { worst, counts, diff }
}
