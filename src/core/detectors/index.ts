// The detection engine's public surface used by analyze.ts. (Interface fixed; bodies being built — issue 3.)
import type { ExposedFile, Finding } from '../report/model'

/** Findings in one file's text content (secrets, endpoints, prompts, flags, notes, build paths…).
 *  `line`/`column` are 1-based positions in `text`; `fileId`/`origin`/`path` are filled from `file`. */
export function scanContent(file: ExposedFile, text: string): Finding[] {
  void file
  void text
  return []
}

/** Findings about the artifact as a whole, from the complete file list: maps with first-party
 *  `sourcesContent`, maps listing sources without content, raw src next to a bundle, credential files
 *  by name, `.git/` contents, `sourceMappingURL`s to non-public hosts. */
export function scanArtifact(files: readonly ExposedFile[]): Finding[] {
  void files
  return []
}
