// Builds small reports by hand for the format tests: the summary is computed by the real summarize(),
// so a format test never depends on a hand-written total.
import { summarize } from '../../../src/core/report/summary'
import type { ExposedFile, Finding, Report, ReportError } from '../../../src/core/report/model'
import { TOOL_NAME, TOOL_VERSION } from '../../../src/core/report/model'

export function exposed(path: string, origin: string[], kind: ExposedFile['kind'], bytes = 100): ExposedFile {
  return { id: 0, path, origin, kind, bytes, lines: Math.ceil(bytes / 40), hasContent: true }
}

export function finding(over: Partial<Finding> & Pick<Finding, 'rule' | 'path'>): Finding {
  return {
    category: 'secrets',
    severity: 'high',
    line: 1,
    column: 1,
    excerpt: '',
    message: 'A secret ships in the artifact.',
    ...over,
  }
}

export function makeReport(
  name: string,
  files: ExposedFile[],
  findings: Finding[] = [],
  errors: ReportError[] = [],
): Report {
  const numbered = files.map((f, id) => ({ ...f, id }))
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    input: { name, bytes: numbered.reduce((n, f) => n + f.bytes, 0) },
    summary: summarize(numbered, findings),
    files: numbered,
    findings,
    errors,
  }
}

/** A report shaped like the incident: a tarball with a bundle, its map and sources under the map. */
export function incidentLikeReport(): Report {
  const tgz = 'pkg-1.0.0.tgz'
  const map = 'package/cli.js.map'
  return makeReport(
    tgz,
    [
      exposed('package/package.json', [tgz], 'config', 800),
      exposed('package/cli.js', [tgz], 'bundle', 90_000),
      exposed(map, [tgz], 'source-map', 200_000),
      exposed('src/main.ts', [tgz, map], 'first-party-source', 4_000),
      exposed('src/tools/bash.ts', [tgz, map], 'first-party-source', 6_000),
      exposed('node_modules/chalk/index.js', [tgz, map], 'third-party-source', 3_000),
      exposed('package/.env', [tgz], 'credential', 120),
    ],
    [
      finding({
        rule: 'sourcemap-first-party-content',
        category: 'source-exposure',
        severity: 'critical',
        path: map,
        origin: [tgz],
        line: 0,
        column: 0,
        message: 'The map carries the original source of 2 first-party files.',
      }),
      finding({
        rule: 'aws-access-key-id',
        path: 'package/.env',
        origin: [tgz],
        line: 3,
        column: 19,
        length: 20,
        excerpt: 'AWS_ACCESS_KEY_ID=AKIA••••••••••••MPLE',
      }),
      finding({
        rule: 'internal-hostname',
        category: 'internal-endpoints',
        severity: 'medium',
        path: 'src/main.ts',
        origin: [tgz, map],
        line: 12,
        column: 20,
        excerpt: "const base = 'https://api.corp.acme.internal/v2'",
        message: 'An internal host name ships in the artifact.',
      }),
      finding({
        rule: 'todo-comment',
        category: 'internal-notes',
        severity: 'info',
        path: 'src/tools/bash.ts',
        origin: [tgz, map],
        line: 40,
        column: 3,
        excerpt: '// TODO(ORB-12): remove',
        message: 'A TODO comment ships in the artifact.',
      }),
    ],
    [{ path: `${tgz} › package/broken.js.map`, message: 'Invalid JSON at byte 12.', level: 'error' }],
  )
}
