import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffReports } from '../../../src/core/report/diff'
import { formatDiffMarkdown, formatMarkdown } from '../../../src/core/report/format-markdown'
import { formatDiffText, formatText } from '../../../src/core/report/format-text'
import { escapeControls, neutralPath, neutralText } from '../../../src/core/report/neutral-text'
import { exposed, finding, makeReport } from './make-report'

/** What a terminal or a log viewer acts on or hides: C0, DEL, C1, bidi and other format characters,
 *  line and paragraph separators. Written out here, apart from the module's own definition. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\p{Cf}/u

/** Text an attacker would pick: terminal escapes, newlines, bidi controls, Markdown syntax, `::`. */
const NASTY = [
  '\u001b[2J',
  '\u001b]8;;https://evil.example/\u0007',
  '\u001b\\',
  '\n::error::pwned',
  '\r',
  '\u0085',
  '\u009b31m',
  '\u007f',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200f',
  '\u2028',
  '\ufeff',
  '\u{e0041}',
  '`',
  '|',
  '<img src=x>',
  '::',
  '/',
  'a',
  '😀',
  ' ',
]

const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...NASTY), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
)
/** Artifact text that, printed raw at the start of a line, would be a GitHub Actions command. */
const commandText = hostileText.map((t) => `::error::${t}`)

describe('escapeControls', () => {
  it('writes controls and bidi characters as visible escapes', () => {
    expect(escapeControls('a\u001b[2Jb')).toBe('a\\x1B[2Jb')
    expect(escapeControls('evil\u202Egnp.js')).toBe('evil\\u202Egnp.js')
    expect(escapeControls('x\n::error::y')).toBe('x\\n::error::y')
    expect(escapeControls('tag\u{e0041}')).toBe('tag\\u{E0041}')
    expect(escapeControls('a\\b')).toBe('a\\b')
    expect(escapeControls('a\\b\nc', { backslash: true })).toBe('a\\\\b\\nc')
    expect(escapeControls('naïve ünïcode 😀 路径')).toBe('naïve ünïcode 😀 路径')
  })

  it('leaves no control or bidi character, whatever the input', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(escapeControls(text)).not.toMatch(CONTROL)
      }),
    )
  })

  it('with backslashes doubled, can be undone exactly (so one name is one line, and only its own)', () => {
    const undo = (s: string) =>
      s.replace(/\\(\\|n|r|t|x[0-9A-F]{2}|u[0-9A-F]{4}|u\{[0-9A-F]+\})/g, (_, e: string) =>
        e === '\\'
          ? '\\'
          : e === 'n'
            ? '\n'
            : e === 'r'
              ? '\r'
              : e === 't'
                ? '\t'
                : String.fromCodePoint(parseInt(e.replace(/[xu{}]/g, ''), 16)),
      )
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeControls(text, { backslash: true })
        expect(escaped).not.toContain('\n')
        expect(undo(escaped)).toBe(text)
      }),
    )
  })
})

describe('neutralText and neutralPath', () => {
  it('stay within max characters, one line, without controls', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 8, max: 300 }), (text, max) => {
        for (const out of [neutralText(text, max), neutralPath(text, max)]) {
          expect(out.length).toBeLessThanOrEqual(max)
          expect(out).not.toMatch(CONTROL)
          // No half of a surrogate pair left at a cut.
          expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
        }
      }),
      { examples: [['😀'.repeat(100), 9]] },
    )
  })

  it('keeps the end of a long path visible (middle ellipsis) and the start of a long excerpt', () => {
    const deep = Array.from({ length: 5_000 }, (_, i) => `d${i}`).join('/') + '/secret.env:3:7'
    const shown = neutralPath(deep, 80)
    expect(shown).toHaveLength(80)
    expect(shown.startsWith('d0/d1/d2/')).toBe(true)
    expect(shown.endsWith('/d4999/secret.env:3:7')).toBe(true)
    expect(shown).toContain('…')
    const excerpt = neutralText('const token = ' + 'x'.repeat(1_000), 40)
    expect(excerpt).toBe('const token = ' + 'x'.repeat(25) + '…')
    expect(neutralPath('short/path.js')).toBe('short/path.js')
  })
})

/** A report whose every artifact-provided string would be a workflow command at a line start. */
const hostileReport = fc
  .record({
    name: commandText,
    path: commandText,
    origin: commandText,
    excerpt: commandText,
    message: commandText,
    rule: commandText,
    errorPath: commandText,
    errorMessage: commandText,
  })
  .map((t) =>
    makeReport(
      t.name,
      [exposed(t.path, [t.origin], 'bundle'), exposed(`${t.path}.map/${t.path}`, [t.origin], 'other')],
      [finding({ rule: t.rule, path: t.path, origin: [t.origin], excerpt: t.excerpt, message: t.message })],
      [{ path: t.errorPath, message: t.errorMessage }],
    ),
  )

function expectNeutral(output: string): void {
  for (const line of output.split('\n')) {
    expect(line).not.toMatch(CONTROL)
    // The Actions runner trims leading spaces before it looks for `::`; Markdown escapes it as `\:\:`.
    expect(line.trimStart()).not.toMatch(/^(::|\\:\\:)/)
  }
}

describe('text and Markdown outputs of hostile reports', () => {
  it('hold no control character and no line that starts with artifact text', () => {
    fc.assert(
      fc.property(hostileReport, hostileReport, (a, b) => {
        expectNeutral(formatText(a))
        expectNeutral(formatMarkdown(a))
        const diff = diffReports(a, b)
        expectNeutral(formatDiffText(diff))
        expectNeutral(formatDiffMarkdown(diff))
      }),
      { numRuns: 200 },
    )
  })
})
