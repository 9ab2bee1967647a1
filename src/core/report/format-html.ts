// One self-contained HTML incident report, to hand over: the artifact's identity (name, size,
// SHA-256), the brief, the exposures with their places and redacted excerpts, and the problems met
// reading it; the page adds a static picture of its treemap. Opened from disk it makes no request: no
// script, no external style, font or image (a picture is a data: URL), and a Content-Security-Policy
// that forbids any fetch, so nothing a name smuggles in could load either.
//
// Every piece of artifact text (names, paths, titles, excerpts, messages that quote them) is made one
// visible line (neutral-text.ts: controls and bidi characters as escapes) and then HTML-escaped; it
// only ever lands in element content, never in an attribute other than our own anchors' ids (numbers).
import { briefLineText, briefOf } from './brief'
import { exposuresOfReport } from './exposures'
import { findingPlace } from './format-text'
import type { Exposure, Finding, Report } from './model'
import { neutralPath, neutralText } from './neutral-text'
import { CATEGORY_LABELS, formatBytes, formatCount, plural, SEVERITY_LABELS } from './present'
import { unscannedNote } from './summary'

/** Places listed under each exposure (the rest are counted). */
const PLACES_SHOWN = 20

export interface HtmlExtras {
  /** A picture of the treemap as a `data:image/png;base64,` URL (the page makes one; the CLI has none). */
  treemapImage?: string
  /** Words of the host for the footer ("Generated offline by …" is always there). */
  generatedBy?: string
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text as HTML element content: every character that could open markup is an entity. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

/** Artifact text for the report: one visible line, escaped. */
const safe = (text: string, max = 400) => escapeHtml(neutralText(text, max))
const safePath = (path: string, max = 240) => escapeHtml(neutralPath(path, max))

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse}td,th{text-align:left;padding:.2rem .8rem .2rem 0;vertical-align:top}
code,.x{font-family:ui-monospace,monospace;font-size:.85em;overflow-wrap:anywhere}
.sev{display:inline-block;min-width:4.5rem;font-weight:600}
.critical{color:#a40e26}.high{color:#bc4c00}.medium{color:#9a6700}.low{color:#0969da}.info{color:#57606a}
.exposure{border-top:1px solid #eaeef2;padding:.4rem 0}.place{margin-left:1rem}.muted{color:#57606a}
.treemap{max-width:100%;border:1px solid #d0d7de}
`

function* identity(report: Report): Generator<string> {
  const { input } = report
  yield '<h2>Artifact</h2>\n<table>\n'
  yield `<tr><th>Name</th><td class="x">${safePath(input.name)}</td></tr>\n`
  yield `<tr><th>Size</th><td>${formatBytes(input.bytes)} (${formatCount(input.bytes)} bytes)</td></tr>\n`
  const sha = input.sha256 && /^[0-9a-f]{64}$/.test(input.sha256) ? input.sha256 : 'not computed'
  yield `<tr><th>SHA-256</th><td class="x">${sha}</td></tr>\n`
  yield `<tr><th>Exposed files</th><td>${formatCount(report.summary.files)} · ${formatBytes(report.summary.bytes)}</td></tr>\n`
  yield '</table>\n'
}

function* brief(report: Report, exposures: Exposure[]): Generator<string> {
  const b = briefOf({ ...report, exposures })
  yield '<h2>Brief</h2>\n'
  if (b.severity)
    yield `<p>Worst severity: <span class="sev ${b.severity}">${SEVERITY_LABELS[b.severity]}</span></p>\n`
  if (b.lines.length === 0) yield '<p>Nothing exposed was found.</p>\n'
  else yield '<ul>\n'
  for (const line of b.lines) {
    const links = line.exposures
      .slice(0, 5)
      .map((id) => `<a href="#exposure-${id}">${safe(exposureLabel(exposures[id]), 120)}</a>`)
    yield `<li><span class="sev ${line.severity}">${SEVERITY_LABELS[line.severity]}</span> `
    yield `<b>${escapeHtml(line.label)}</b>: ${safe(briefLineText(line).slice(line.label.length + 2), 600)}`
    if (links.length > 0) yield `<br><span class="muted">Open:</span> ${links.join(', ')}`
    yield '</li>\n'
  }
  if (b.lines.length > 0) yield '</ul>\n'
}

const exposureLabel = (e: Exposure) => e.title

function* place(f: Finding): Generator<string> {
  yield `<div class="place"><code>${safePath(findingPlace(f))}</code>`
  if (f.excerpt && f.excerpt !== f.path) yield `<br><code class="muted">${safe(f.excerpt, 200)}</code>`
  yield '</div>\n'
}

function* exposureBlocks(report: Report, exposures: Exposure[]): Generator<string> {
  yield `<h2>Exposures (${formatCount(exposures.length)})</h2>\n`
  yield `<p class="muted">${plural(report.findings.length, 'finding')} listed, at ${plural(exposures.length, 'distinct exposure')}; secrets are redacted.</p>\n`
  for (const e of exposures) {
    const first = report.findings[e.findings[0]]
    yield `<div class="exposure" id="exposure-${e.id}">`
    yield `<span class="sev ${e.severity}">${SEVERITY_LABELS[e.severity]}</span> <b>${safe(e.title, 300)}</b>`
    yield ` <span class="muted">· ${escapeHtml(CATEGORY_LABELS[e.category])} · ${plural(e.places, 'place')}`
    yield `${e.thirdParty ? ' · third-party' : ''}${e.triage ? ` · ${escapeHtml(e.triage.status)}` : ''}</span>\n`
    if (first) yield `<div class="place">${safe(first.message, 600)}</div>\n`
    for (const i of e.findings.slice(0, PLACES_SHOWN)) yield* place(report.findings[i])
    if (e.findings.length > PLACES_SHOWN)
      yield `<div class="place muted">… and ${formatCount(e.findings.length - PLACES_SHOWN)} more places</div>\n`
    yield '</div>\n'
  }
}

function* problems(report: Report): Generator<string> {
  if (report.errors.length === 0) return
  yield `<h2>Problems reading the artifact (${formatCount(report.errors.length)})</h2>\n`
  const note = unscannedNote(report.errors)
  if (note) yield `<p>${safe(note, 600)}</p>\n`
  yield '<ul>\n'
  for (const e of report.errors.slice(0, 100))
    yield `<li>${escapeHtml(e.level ?? 'error')}: <code>${safePath(e.path)}</code>: ${safe(e.message, 400)}</li>\n`
  yield '</ul>\n'
}

/** The report as one HTML document, in parts. */
export function* htmlParts(report: Report, extras: HtmlExtras = {}): Generator<string> {
  const exposures = exposuresOfReport(report)
  yield '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
  yield `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n`
  yield '<meta name="referrer" content="no-referrer">\n'
  yield `<title>Exposure report: ${safePath(report.input.name, 120)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`
  yield `<h1>Exposure report: <span class="x">${safePath(report.input.name, 160)}</span></h1>\n`
  if (report.summary.headline) yield `<p><b>${safe(report.summary.headline, 400)}</b></p>\n`
  yield* identity(report)
  yield* brief(report, exposures)
  const image = extras.treemapImage
  if (image && /^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(image))
    yield `<h2>Treemap</h2>\n<img class="treemap" alt="Treemap of the exposed files" src="${image}">\n`
  yield* exposureBlocks(report, exposures)
  yield* problems(report)
  const by = escapeHtml(extras.generatedBy ?? `${report.tool.name} ${report.tool.version}`)
  yield `<p class="muted">Generated offline by ${by}. This file makes no network request.</p>\n</body>\n</html>\n`
}
