// The detection engine's public surface used by analyze.ts.
//   scanContent(file, text): findings inside one file's text, every category that reads content;
//   scanArtifact(files):     findings about the file list as a whole (maps, raw sources, .git/, names).
// Findings in test and fixture paths are kept, marked `inTest` and lowered one severity step.
// Every excerpt has every secret on its line redacted, whichever category the finding belongs to.
import { isTestPath } from '../classify/index'
import type { ExposedFile, Finding } from '../report/model'
import { scanContext } from './context'
import type { ContentDetector } from './context'
import type { Hit } from './engine'
import { LineIndex, lowerSeverity } from './engine'
import { excerptAround } from './redact'
import { detectSecrets } from './secrets'

export { redact } from './redact'

const CONTENT_DETECTORS: readonly ContentDetector[] = []

/** Findings in one file's text content (secrets, endpoints, prompts, flags, notes, build paths…).
 *  `line`/`column` are 1-based positions in `text`; `fileId`/`origin`/`path` are filled from `file`. */
export function scanContent(file: ExposedFile, text: string): Finding[] {
  const context = scanContext(file.path, text)
  const secrets = detectSecrets(context)
  const hits: Hit[] = [...secrets]
  for (const detect of CONTENT_DETECTORS) hits.push(...detect(context))
  if (hits.length === 0) return []
  hits.sort((a, b) => a.start - b.start)
  const lines = new LineIndex(text)
  const inTest = isTestPath(file.path)
  return hits.map((hit) => {
    const { line, column } = lines.position(hit.start)
    // Only the first line of a multi-line match is highlighted.
    const lineEnd = text.indexOf('\n', hit.start)
    const end = lineEnd >= 0 && lineEnd < hit.end ? lineEnd : hit.end
    const finding: Finding = {
      rule: hit.rule,
      category: hit.category,
      severity: inTest ? lowerSeverity(hit.severity) : hit.severity,
      path: file.path,
      line,
      column,
      excerpt: excerptAround(text, hit.start, end, secrets),
      message: hit.message,
      origin: file.origin,
      fileId: file.id,
      length: end - hit.start,
    }
    if (inTest) finding.inTest = true
    return finding
  })
}

/** Findings about the artifact as a whole, from the complete file list: maps with first-party
 *  `sourcesContent`, maps listing sources without content, raw src next to a bundle, credential files
 *  by name, `.git/` contents, `sourceMappingURL`s to non-public hosts. */
export function scanArtifact(files: readonly ExposedFile[]): Finding[] {
  void files
  return []
}
