// CodeMirror 6 set-up for the read-only file viewer: language by extension, a highlight style whose
// colours are CSS variables (so the theme follows prefers-color-scheme without re-creating the
// editor), and findings as mark decorations built once per file. CodeMirror renders only the visible
// lines and parses in the background, so a 100,000-line file opens without blocking; the only
// whole-document work here is one sort of the findings.
import { EditorState, RangeSetBuilder, type Extension, type Text } from '@codemirror/state'
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLineGutter,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view'
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { tags as t } from '@lezer/highlight'
import { javascript } from '@codemirror/lang-javascript'
import { css } from '@codemirror/lang-css'
import { json } from '@codemirror/lang-json'
import { markdown } from '@codemirror/lang-markdown'
import type { Finding } from '../../core/report/model'

/** Above this size syntax highlighting is skipped: parsing a 60 MB bundle or map buys nothing and
 *  costs memory; line numbers and finding marks still work. */
export const HIGHLIGHT_LIMIT = 8 * 1024 * 1024

export function languageFor(path: string): Extension | null {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ''
  switch (ext) {
    case 'js':
    case 'mjs':
    case 'cjs':
      return javascript()
    case 'jsx':
      return javascript({ jsx: true })
    case 'ts':
    case 'mts':
    case 'cts':
      return javascript({ typescript: true })
    case 'tsx':
      return javascript({ typescript: true, jsx: true })
    case 'css':
    case 'scss':
    case 'less':
      return css()
    case 'json':
    case 'map':
    case 'webmanifest':
      return json()
    case 'md':
    case 'markdown':
      return markdown()
    default:
      return null
  }
}

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword], color: 'var(--cm-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-number)' },
  {
    tag: [t.comment, t.lineComment, t.blockComment, t.docComment],
    color: 'var(--cm-comment)',
    fontStyle: 'italic',
  },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--cm-function)' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--cm-type)' },
  { tag: [t.propertyName, t.attributeName], color: 'var(--cm-property)' },
  { tag: [t.heading, t.strong], fontWeight: '600' },
  { tag: t.link, textDecoration: 'underline' },
])

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--cm-bg)', color: 'var(--cm-fg)' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    lineHeight: '1.5',
  },
  '.cm-gutters': { backgroundColor: 'var(--cm-gutter-bg)', color: 'var(--cm-gutter-fg)', border: 'none' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent' },
  '.cm-finding': {
    borderBottom: '2px solid var(--cm-finding-line)',
    backgroundColor: 'var(--cm-finding-bg)',
  },
  '.cm-finding-critical, .cm-finding-high': { borderBottomColor: 'var(--cm-critical)' },
  '.cm-finding-line': { backgroundColor: 'var(--cm-finding-line-bg)' },
  '.cm-current-line': {
    backgroundColor: 'var(--cm-current-bg)',
    boxShadow: 'inset 3px 0 0 var(--cm-current-bar)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--cm-selection)' },
})

/** A finding placed in the document: character range plus where it came from. */
export interface PlacedFinding {
  from: number
  to: number
  line: number
  finding: Finding
}

/** Finding positions in `doc`, sorted; file-level findings (line 0) are left out (the header lists them). */
export function placeFindings(doc: Text, findings: readonly Finding[]): PlacedFinding[] {
  const placed: PlacedFinding[] = []
  for (const finding of findings) {
    if (finding.line < 1 || finding.line > doc.lines) continue
    const line = doc.line(finding.line)
    const from = Math.min(line.to, line.from + Math.max(0, finding.column - 1))
    const to = finding.length ? Math.min(line.to, from + finding.length) : line.to
    placed.push({ from, to: Math.max(to, from), line: finding.line, finding })
  }
  return placed.sort((a, b) => a.from - b.from || a.to - b.to)
}

/** Mark and line decorations for placed findings; the title is text (set as a DOM attribute). */
export function findingDecorations(placed: readonly PlacedFinding[], doc: Text): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>()
  // Line decorations must come before marks starting at the same position.
  let lastLine = -1
  for (const p of placed) {
    if (p.line !== lastLine) {
      builder.add(doc.line(p.line).from, doc.line(p.line).from, Decoration.line({ class: 'cm-finding-line' }))
      lastLine = p.line
    }
    if (p.to > p.from) {
      builder.add(
        p.from,
        p.to,
        Decoration.mark({
          class: `cm-finding cm-finding-${p.finding.severity}`,
          attributes: { title: `${p.finding.rule}: ${p.finding.message}` },
        }),
      )
    }
  }
  return builder.finish()
}

/** Highlight of the line being shown (the target line or the current finding). */
export function currentLine(doc: Text, line: number): DecorationSet {
  if (line < 1 || line > doc.lines) return Decoration.none
  return Decoration.set([Decoration.line({ class: 'cm-current-line' }).range(doc.line(line).from)])
}

/** The editor's fixed extensions plus the language for `path` (unless the text is too big). */
export function baseExtensions(path: string, size: number): Extension[] {
  const lang = size <= HIGHLIGHT_LIMIT ? languageFor(path) : null
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    drawSelection(),
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    // Keyboard users can still move the caret and select to copy.
    EditorView.contentAttributes.of({ tabindex: '0', 'aria-label': `Content of ${path}` }),
    theme,
    syntaxHighlighting(highlight),
    ...(lang ? [lang] : []),
  ]
}
