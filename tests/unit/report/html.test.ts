// The HTML incident report: self-contained (no script, no request), artifact text only ever as
// escaped element content, and the identity, brief and exposures a reader hands over.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { escapeHtml, htmlParts } from '../../../src/core/report/format-html'
import { reportFormat } from '../../../src/core/report/formats/registry'
import {
  buildHostileNamesPackage,
  HOSTILE_FILE_NAME,
  PWNED_IMG,
  PWNED_JS_URL,
  PWNED_SCRIPT,
} from '../../fixtures/lib/hostile-names'
import { EXPOSURE_HOST, EXPOSURE_TOKEN, exposurePackage } from '../../fixtures/lib/exposure-package'

const html = (report: Parameters<typeof htmlParts>[0], extras?: Parameters<typeof htmlParts>[1]) =>
  [...htmlParts(report, extras)].join('')

/** The tags and attributes the report writes itself; anything else came from the artifact. */
const OUR_TAGS = new Set(
  'html head meta title style body h1 h2 p b span table tr th td ul li a br div code img'.split(' '),
)

function expectOnlyOurMarkup(doc: string): void {
  for (const m of doc.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    expect(OUR_TAGS, m[0]).toContain(m[1].toLowerCase())
    for (const attr of m[2].matchAll(/\s([\w-]+)=/g))
      expect([
        'lang',
        'charset',
        'http-equiv',
        'content',
        'name',
        'class',
        'id',
        'href',
        'src',
        'alt',
      ]).toContain(attr[1])
  }
  // Links stay inside the document; the only picture is a data: URL.
  for (const m of doc.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#exposure-\d+$/)
  for (const m of doc.matchAll(/\ssrc="([^"]*)"/g)) expect(m[1]).toMatch(/^data:image\/png;base64,/)
  expect(doc).not.toMatch(/<script/i)
}

describe('the HTML report', () => {
  it('keeps hostile names, paths and excerpts as text', async () => {
    const report = await analyze([memorySource(HOSTILE_FILE_NAME, buildHostileNamesPackage())])
    const doc = html(report)
    expectOnlyOurMarkup(doc)
    for (const payload of [PWNED_IMG, PWNED_SCRIPT]) expect(doc).not.toContain(payload)
    // Shown, escaped: a reader sees what the name was.
    expect(doc).toContain(escapeHtml(PWNED_IMG))
    expect(doc).toContain(escapeHtml(PWNED_JS_URL))
  })

  it('names the artifact, its digest and its brief, and lists each exposure with its places', async () => {
    const report = await analyze([memorySource('exposure-demo-1.0.0.tgz', exposurePackage())])
    report.input.sha256 = 'ab'.repeat(32)
    const doc = html(report)
    expectOnlyOurMarkup(doc)
    expect(doc).toContain(`<td class="x">${'ab'.repeat(32)}</td>`)
    expect(doc).toContain('<h2>Brief</h2>')
    expect(doc).toContain(`internal host ${EXPOSURE_HOST}`)
    expect(doc).toContain('source of 3 first-party files via cli.js.map')
    for (const e of report.exposures!) expect(doc).toContain(`id="exposure-${e.id}"`)
    expect(doc).not.toContain(EXPOSURE_TOKEN)
    expect(doc).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/)
  })

  it('takes a treemap picture only as a data: URL', async () => {
    const report = await analyze([memorySource('exposure-demo-1.0.0.tgz', exposurePackage())])
    expect(html(report, { treemapImage: 'data:image/png;base64,iVBORw0KGgo=' })).toContain(
      '<img class="treemap" alt="Treemap of the exposed files" src="data:image/png;base64,iVBORw0KGgo=">',
    )
    const bad = html(report, { treemapImage: 'https://example.com/x.png" onload="x' })
    expect(bad).not.toContain('<img')
    expectOnlyOurMarkup(bad)
  })

  it('is a report format the CLI and the page both offer', () => {
    const format = reportFormat('html')!
    expect(format.cli).toBeDefined()
    expect(format.button).toBeDefined()
    expect(format.mediaType).toBe('text/html')
  })
})
