// Keeps the source readable in pieces: no module under src/ over MAX_MODULE_LINES lines and no class
// over MAX_CLASS_LINES (a module or class past them does several jobs; split it along them). Classes
// are found with the TypeScript parser, in .ts files and in the script of .svelte files.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

const SRC = join(import.meta.dirname, '../../../src')
const MAX_MODULE_LINES = 400
const MAX_CLASS_LINES = 300

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(?:ts|js|svelte)$/.test(entry.name) ? [path] : []
  })
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0)

interface Span {
  name: string
  lines: number
}

/** Every class declared in `text` (TypeScript) and how many lines it spans. */
function classSpans(text: string, fileName = 'module.ts'): Span[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const spans: Span[] = []
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line
      spans.push({ name: node.name?.text ?? '(anonymous class)', lines: end - start + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return spans
}

/** The TypeScript of a module: a .svelte file's <script> blocks, anything else whole. */
function scriptOf(path: string, text: string): string {
  if (!path.endsWith('.svelte')) return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

describe('module and class size', () => {
  const files = sourceFiles(SRC).map((path) => ({
    name: relative(SRC, path),
    path,
    text: readFileSync(path, 'utf8'),
  }))

  test('src/ has modules to check', () => {
    expect(files.length).toBeGreaterThan(100)
  })

  test(`no module under src/ is over ${MAX_MODULE_LINES} lines`, () => {
    const over = files
      .map((f) => ({ name: f.name, lines: lineCount(f.text) }))
      .filter((f) => f.lines > MAX_MODULE_LINES)
    expect(over).toEqual([])
  })

  test(`no class under src/ is over ${MAX_CLASS_LINES} lines`, () => {
    const over = files.flatMap((f) =>
      classSpans(scriptOf(f.path, f.text))
        .filter((c) => c.lines > MAX_CLASS_LINES)
        .map((c) => `${f.name}: ${c.name} (${c.lines} lines)`),
    )
    expect(over).toEqual([])
  })

  test('a class is measured from its first line to its last', () => {
    const body = Array.from({ length: 5 }, (_, i) => `  m${i}() {}`).join('\n')
    const text = `const x = 1\n\nexport class Big {\n${body}\n}\nconst y = class {}\n`
    expect(classSpans(text)).toEqual([
      { name: 'Big', lines: 7 },
      { name: '(anonymous class)', lines: 1 },
    ])
  })
})
