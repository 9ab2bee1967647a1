import { GFM, parser } from '@lezer/markdown'
import { describe, expect, it } from 'vitest'
import { diffReports } from '../../../src/core/report/diff'
import { escapeMarkdown, formatDiffMarkdown, formatMarkdown } from '../../../src/core/report/format-markdown'
import { neutralPath } from '../../../src/core/report/neutral-text'
import { exposed, finding, incidentLikeReport, makeReport } from './make-report'

// GitHub renders comments as GFM; @lezer/markdown with the GFM extensions (tables, autolinks,
// strikethrough) parses the same way, so its syntax tree says what a reader would see.
const gfm = parser.configure(GFM)

function nodes(markdown: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = []
  gfm.parse(markdown).iterate({
    enter: (n) => {
      out.push({ name: n.name, text: markdown.slice(n.from, n.to) })
    },
  })
  return out
}

/** What a reader sees of escaped text: CommonMark drops the backslash before punctuation. */
const unescape = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1')

const HOSTILE = [
  '[release notes](https://evil.example/x)',
  '![pixel](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'https://evil.example/bare',
  'www.evil.example',
  'mallory@evil.example',
  '**bold** _em_ `code` ~~strike~~',
  'a | b | c',
  'line\n# injected heading\n| x | y |',
]

/** Markdown nodes that artifact text must never become: links, images, raw HTML, emphasis. */
const MARKUP_NODES = ['Link', 'Image', 'Autolink', 'URL', 'HTMLTag', 'HTMLBlock', 'Emphasis', 'Strikethrough']

function expectNoMarkup(names: string[]): void {
  for (const bad of MARKUP_NODES) expect(names, bad).not.toContain(bad)
}

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('renders %j as plain text', (name) => {
    const md = `Before ${escapeMarkdown(name)} after\n`
    const kinds = new Set(nodes(md).map((n) => n.name))
    for (const bad of ['Link', 'Image', 'Autolink', 'URL', 'HTMLTag', 'HTMLBlock', 'Emphasis'])
      expect(kinds, bad).not.toContain(bad)
    for (const bad of ['StrongEmphasis', 'InlineCode', 'Strikethrough', 'ATXHeading1', 'Table'])
      expect(kinds, bad).not.toContain(bad)
    expect(unescape(md.trim())).toBe(`Before ${name.replace(/\n/g, '\\n')} after`)
  })
})

describe('formatMarkdown', () => {
  it('summarizes a report: headline, brief, kinds, findings per category and severity, top exposures, errors', () => {
    const report = incidentLikeReport()
    const md = formatMarkdown(report)
    const tree = nodes(md)
    const headings = tree.filter((n) => /^ATXHeading/.test(n.name)).map((n) => unescape(n.text))
    expect(headings).toEqual([
      '## Exposure Explorer: pkg-1.0.0.tgz',
      '### Brief',
      '### Largest exposed trees',
      '### Findings',
      '### Top exposures',
      '### Problems reading the artifact',
    ])
    expect(unescape(md)).toContain(`**${report.summary.headline}**`)
    // Kinds table: one row per kind present, with counts.
    expect(md).toMatch(/^\| first-party-source \| 2 \| 9\.8 KB \|$/m)
    expect(md).toMatch(/^\| credential \| 1 \| 120 B \|$/m)
    // Findings table: category × severity.
    expect(md).toMatch(/^\| Category \| critical \| high \| medium \| low \| info \|$/m)
    expect(md).toMatch(/^\| source-exposure \| 1 \| 0 \| 0 \| 0 \| 0 \|$/m)
    expect(md).toMatch(/^\| internal-notes \| 0 \| 0 \| 0 \| 0 \| 1 \|$/m)
    // The brief: one item per category.
    expect(unescape(md)).toContain('- **Secrets** (high): 1 — secret (aws-access-key-id) in package/.env')
    // Top exposures: most severe first, with the first place and the (already redacted) excerpt.
    const items = md.split('\n').filter((l) => /^\d+\. /.test(l))
    expect(items.map((l) => l.match(/\*\*(\w+)\*\*/)![1])).toEqual(['critical', 'high', 'medium', 'info'])
    expect(unescape(md)).toContain('pkg-1.0.0.tgz › package/cli.js.map › src/main.ts:12:20')
    expect(unescape(md)).toContain('AWS_ACCESS_KEY_ID=AKIA••••••••••••MPLE')
    expect(unescape(md)).toContain('error: pkg-1.0.0.tgz › package/broken.js.map: Invalid JSON at byte 12.')
    expect(tree.map((n) => n.name)).not.toContain('Link')
    expect(tree.map((n) => n.name)).not.toContain('Autolink')
  })

  it('keeps hostile input names, paths and excerpts as text in every section', () => {
    const evil = HOSTILE.join(' ')
    const report = makeReport(
      `${evil}.tgz`,
      [exposed(`${HOSTILE[0]}/x.js`, [`${evil}.tgz`], 'bundle'), exposed(HOSTILE[2], [], 'other')],
      [
        finding({
          rule: 'x',
          path: HOSTILE[4],
          origin: [HOSTILE[1]],
          excerpt: HOSTILE[3],
          message: HOSTILE[9],
        }),
      ],
      [{ path: HOSTILE[5], message: HOSTILE[6] }],
    )
    const md = formatMarkdown(report)
    const names = nodes(md).map((n) => n.name)
    expectNoMarkup(names)
    // Only our own headings, whatever the names contain.
    expect(names.filter((n) => /^ATXHeading/.test(n))).toHaveLength(6)
    // Each table row keeps its column count despite '|' in names.
    const tables = md.split('\n\n').filter((b) => b.startsWith('| '))
    for (const table of tables) {
      const widths = table.split('\n').map((l) => l.split(/(?<!\\)\|/).length)
      expect(new Set(widths).size).toBe(1)
    }
    expect(unescape(md)).toContain(`Exposure Explorer: ${neutralPath(`${evil}.tgz`)}`)
  })

  it('says there are no findings rather than printing empty tables', () => {
    const md = formatMarkdown(makeReport('clean.tgz', [exposed('package/index.js', ['clean.tgz'], 'bundle')]))
    expect(md).toContain('No findings.')
    expect(md).not.toContain('| Category |')
    expect(md).not.toContain('Top exposures')
    expect(md).not.toContain('Brief')
  })
})

describe('formatDiffMarkdown', () => {
  it('keeps hostile names as text in the change table and the finding lists', () => {
    const evil = HOSTILE.join(' ')
    const before = makeReport('a-1.0.tgz', [exposed('package/gone.js', ['a-1.0.tgz'], 'bundle')])
    const after = makeReport(
      'a-1.1.tgz',
      [exposed(`package/${evil}.js`, ['a-1.1.tgz'], 'credential')],
      [finding({ rule: 'r', path: `package/${evil}.js`, origin: ['a-1.1.tgz'], excerpt: evil })],
    )
    const md = formatDiffMarkdown(diffReports(before, after))
    const names = nodes(md).map((n) => n.name)
    expectNoMarkup(names)
    expect(names.filter((n) => /^ATXHeading/.test(n))).toHaveLength(4)
    const rows = md.split('\n').filter((l) => l.startsWith('| '))
    expect(rows.map((l) => l.split(/(?<!\\)\|/).length)).toEqual(rows.map(() => 6))
    expect(rows.slice(2).map((l) => l.split(' | ')[0])).toEqual(['| new', '| removed'])
  })
})
