// A small made-up analysis the warm-up renders off-screen: every kind, every category and every
// severity once, in a few folders, so each branch of the results view's templates runs once before
// the first real artifact arrives. Built from constants; nothing from any artifact.
import { CATEGORIES, KINDS, SEVERITIES } from '../../core/report/model'
import type { ExposedFile, Finding, ReportError } from '../../core/report/model'

export interface Example {
  files: ExposedFile[]
  findings: Finding[]
  errors: ReportError[]
}

const FOLDERS = ['package/dist', 'package/src/core', 'package/src/ui', 'package/node_modules/lib']

export function exampleAnalysis(): Example {
  const files: ExposedFile[] = []
  for (let i = 0; i < 48; i++) {
    const kind = KINDS[i % KINDS.length]
    files.push({
      id: i,
      path: `${FOLDERS[i % FOLDERS.length]}/file-${i}.ts`,
      origin: i % 3 === 0 ? ['example.tgz', 'package/dist/cli.js.map'] : ['example.tgz'],
      kind,
      bytes: 400 + ((i * 7919) % 9000),
      lines: 10 + (i % 90),
      hasContent: true,
    })
  }
  const findings: Finding[] = CATEGORIES.map((category, i) => {
    const file = files[i % files.length]
    return {
      rule: `example-${category}`,
      category,
      severity: SEVERITIES[i % SEVERITIES.length],
      path: file.path,
      line: i + 1,
      column: 1,
      excerpt: `const example${i} = 'AKIA••••••••EXAM' // TODO(EX-${i}) › …`,
      message: `Example finding ${i}`,
      origin: file.origin,
      fileId: file.id,
    }
  })
  const errors: ReportError[] = [{ path: 'example.tgz', message: 'Example warning', level: 'warning' }]
  return { files, findings, errors }
}
