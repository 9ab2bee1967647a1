// "Untrusted content is text, never markup": a package whose file names, contents, map sources and
// names and finding excerpts carry <img onerror>, </script><script>, javascript: URLs, bidi controls
// and a 5,000-character name. Nothing runs (window.__pwned stays unset), no element is injected, and
// the payloads show up literally in the treemap tooltip, summary search, findings table, viewer and
// exports.
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import type { Report } from '../../src/core/report/model'
import {
  buildHostileNamesPackage,
  HOSTILE_FILE_NAME,
  PWNED_IMG,
  PWNED_JS_URL,
  PWNED_SCRIPT,
} from '../fixtures/lib/hostile-names'
import { watchPage } from '../fixtures/lib/hostile-page'
import { showFlatFindings, waitForResult, writeTemp } from './helpers'
import type { RectInfo as Rect } from '../../src/ui/treemap/layout'

/** Records every element of a kind that could run or fetch something, added after page start. */
async function watchInjections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const found: string[] = []
    ;(window as unknown as { __injected: string[] }).__injected = found
    const risky = (el: Element) =>
      /^(IMG|SCRIPT|IFRAME|OBJECT|EMBED|LINK|BASE|META)$/.test(el.tagName) ||
      [...el.attributes].some(
        (a) =>
          /^on/i.test(a.name) || (/^(href|src|action)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)),
      )
    // Watch from the end of parsing: the page's own <meta>/<script>/<link> tags are not injections.
    document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes) {
            if (!(node instanceof Element)) continue
            for (const el of [node, ...node.querySelectorAll('*')])
              if (risky(el)) found.push(el.outerHTML.slice(0, 120))
          }
      }).observe(document, { childList: true, subtree: true }),
    )
  })
}

const injected = (page: Page) =>
  page.evaluate(() => (window as unknown as { __injected: string[] }).__injected)
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)

test('payloads in names, contents, maps and excerpts stay inert text everywhere', async ({ page }) => {
  test.setTimeout(120_000)
  await watchInjections(page)
  const watch = await watchPage(page)
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(writeTemp(HOSTILE_FILE_NAME, buildHostileNamesPackage()))
  await waitForResult(page)

  // Findings table: excerpts and paths carrying the payloads, as text.
  const findings = page.getByTestId('findings')
  await expect(findings).toContainText(PWNED_IMG)
  await expect(findings).toContainText('</script><script>')

  // Treemap tooltip: hover every leaf of package/ and collect the tooltip texts.
  const treemap = page.getByTestId('treemap')
  const app = treemap.getByRole('application')
  const rects = async () => JSON.parse((await treemap.getAttribute('data-rects')) ?? '[]') as Rect[]
  // The tarball holds one folder, package/: one header names both and a click lands in package/.
  const folder = (await rects()).find((r) => r.folder && r.name === HOSTILE_FILE_NAME)
  expect(folder, HOSTILE_FILE_NAME).toBeTruthy()
  await app.click({ position: { x: folder!.x + 6, y: folder!.y + 5 } })
  await expect(treemap).toHaveAttribute('data-zoom', /package$/)
  const tips: string[] = []
  const leaves = (await rects()).filter((r) => !r.folder && r.w > 4 && r.h > 4 && /pwned/.test(r.name))
  expect(leaves.length, JSON.stringify(await rects())).toBeGreaterThanOrEqual(2)
  for (const leaf of leaves) {
    await page.mouse.move(1, 1)
    await app.hover({ position: { x: leaf.x + leaf.w / 2, y: leaf.y + leaf.h / 2 } })
    const tip = page.getByTestId('treemap-tooltip')
    await expect(tip).toBeVisible()
    tips.push(await tip.innerText())
    expect(await tip.locator('img, script').count()).toBe(0)
  }
  expect(tips.some((t) => t.includes(`package/${PWNED_IMG}.js`))).toBe(true)
  expect(tips.some((t) => t.includes(`package/${PWNED_JS_URL}.js`))).toBe(true)
  await page.mouse.move(1, 1)

  // Summary: the payload typed into the path filter finds its file, and the filter shows it as text.
  await page.getByTestId('search').fill('onerror')
  await expect(treemap).not.toHaveAttribute('data-leaves', '0')
  await page.getByTestId('search').fill('')

  // Viewer: open a finding in a payload-named file; its content shows as text.
  await showFlatFindings(page)
  await page.getByTestId('finding-row').filter({ hasText: PWNED_IMG }).first().click()
  const viewer = page.getByTestId('viewer')
  await expect(viewer).toBeVisible()
  await expect(viewer).toContainText(PWNED_IMG)
  expect(await viewer.locator('img, script').count()).toBe(0)
  await page.keyboard.press('Escape')

  // Exports: the JSON report names the payload files exactly; Markdown carries no unescaped tag.
  const jsonDownload = page.waitForEvent('download')
  await page.getByTestId('export-json').click()
  const report = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as Report
  const paths = report.files.map((f) => f.path)
  expect(paths).toContain(`package/${PWNED_IMG}.js`)
  expect(paths.some((p) => p.includes(PWNED_SCRIPT.slice(0, 9)))).toBe(true)
  expect(paths.some((p) => p.length > 4_990)).toBe(true)
  const mdDownload = page.waitForEvent('download')
  await page.getByTestId('export-markdown').click()
  const markdown = readFileSync((await (await mdDownload).path())!, 'utf8')
  // Backslash-escaped (\\<img) is literal text in Markdown; a bare <img or <script would be a tag.
  expect(markdown).toContain('onerror')
  expect(markdown).not.toMatch(/(^|[^\\])<(img|script)/im)

  expect(await pwned(page)).toBeUndefined()
  expect(await injected(page)).toEqual([])
  expect(await watch.csp()).toEqual([])
})
