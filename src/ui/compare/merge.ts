// The file set the compare page's treemap draws: every file of the new version plus the files the
// new version dropped, each with its diff status. Pure, unit-tested.
import type { ReportDiff } from '../../core/report/diff'
import type { ExposedFile } from '../../core/report/model'
import type { DiffStatus } from '../treemap/types'

export interface MergedFiles {
  files: ExposedFile[]
  status: Map<number, DiffStatus>
}

export function mergeForTreemap(diff: ReportDiff): MergedFiles {
  const files: ExposedFile[] = diff.new.files.slice()
  const status = new Map<number, DiffStatus>()
  for (const f of files) status.set(f.id, 'same')
  // The outermost container is usually the versioned tarball (a-1.0.tgz vs a-1.1.tgz): removed files
  // are re-homed under the new one so both versions share one tree.
  const oldRoot = diff.old.files.find((f) => f.origin.length > 0)?.origin[0]
  const newRoot = diff.new.files.find((f) => f.origin.length > 0)?.origin[0]
  for (const change of diff.files) {
    if (change.status === 'removed') {
      const f = change.file
      const origin =
        oldRoot !== undefined && newRoot !== undefined && f.origin[0] === oldRoot
          ? [newRoot, ...f.origin.slice(1)]
          : f.origin
      // Fresh ids after the new report's, so ids stay unique within the merged set.
      const id = files.length
      files.push({ ...f, id, origin })
      status.set(id, 'removed')
    } else status.set(change.file.id, change.status)
  }
  return { files, status }
}
