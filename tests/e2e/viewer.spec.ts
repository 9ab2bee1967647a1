// The file viewer on generated inputs: content with line numbers and findings marked in place,
// previous/next jumps, a names-only source, a 100,000-line file (virtualized), light and dark.
import { expect, test, type Page } from '@playwright/test'
import { writeTar } from '../../src/build/sample/tar'
import { gzip } from '../../src/build/sample/archives'
import { sampleFacts } from '../../src/build/sample/package'
import { ANALYSIS_TIMEOUT, openArtifact, samplePath, showFlatFindings, writeTemp } from './helpers'

const facts = sampleFacts()

/** Opens the first finding row of a category in the viewer. */
async function openFinding(page: Page, category: string) {
  await page.getByTestId(`category-${category}`).click()
  await showFlatFindings(page)
  const row = page.getByTestId('finding-row').first()
  await expect(row).toBeVisible()
  await row.click()
  const viewer = page.getByTestId('viewer')
  await expect(viewer).toBeVisible()
  return viewer
}

/** Narrows the treemap to the one file matching `search` and clicks it open. */
async function openBySearch(page: Page, search: string) {
  await page.getByTestId('search').fill(search)
  const treemap = page.getByTestId('treemap')
  await expect(treemap).toHaveAttribute('data-leaves', '1')
  const map = treemap.getByRole('application')
  const box = (await map.boundingBox())!
  // The one leaf fills the view apart from its folders' label strips at the top.
  await map.click({ position: { x: box.width / 2, y: box.height * 0.75 } })
  const viewer = page.getByTestId('viewer')
  await expect(viewer).toBeVisible()
  return viewer
}

test('shows the content with line numbers and the finding marked in place', async ({ page }) => {
  await openArtifact(page, samplePath())
  const viewer = await openFinding(page, 'secrets')
  const content = viewer.getByTestId('viewer-content')
  // Line numbers (CodeMirror keeps one hidden sizing element in the gutter, hence "more than 1").
  await expect(content.locator('.cm-lineNumbers')).toBeVisible()
  expect(await content.locator('.cm-lineNumbers .cm-gutterElement').count()).toBeGreaterThan(1)
  const mark = content.locator('.cm-finding').first()
  await expect(mark).toBeVisible()
  // The mark's title is "rule: message"; the header names the same finding.
  const title = (await mark.getAttribute('title'))!
  expect(title).toMatch(/^[a-z0-9-]+: .+/)
  await expect(viewer.getByTestId('viewer-finding')).toContainText(title.split(':')[0]!)
  // Redacted in the viewer too.
  const shown = await content.innerText()
  for (const secret of Object.values(facts.secrets)) expect(shown).not.toContain(secret)
  // The line shown is the finding's line, highlighted, with the mark inside it.
  await expect(content.locator('.cm-current-line')).toHaveCount(1)
  await expect(content.locator('.cm-current-line .cm-finding').first()).toBeVisible()

  const count = viewer.getByTestId('viewer-count')
  const total = Number(/of (\d+)/.exec((await count.innerText()) ?? '')?.[1] ?? '0')
  expect(total).toBeGreaterThan(0)
  await viewer.getByTestId('viewer-next').click()
  await expect(count).toHaveText(total > 1 ? /Finding 2 of/ : /Finding 1 of/)
  await viewer.getByTestId('viewer-prev').click()
  await expect(count).toHaveText(/Finding 1 of/)
  await viewer.getByTestId('viewer-prev').click()
  await expect(count).toHaveText(`Finding ${total} of ${total}`)

  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
})

test('a source known only by name says so', async ({ page }) => {
  await openArtifact(page, samplePath())
  const nameOnly = facts.files.find((f) => !f.hasContent)!
  const viewer = await openBySearch(page, nameOnly.path)
  await expect(viewer.getByTestId('viewer-path')).toHaveText(nameOnly.path)
  await expect(viewer.getByTestId('viewer-content')).toHaveText(
    'This artifact exposes only the name of this file (no sourcesContent)',
  )
  await viewer.getByRole('button', { name: 'Close the viewer' }).click()
  await expect(viewer).toBeHidden()
})

test('the texts are kept in a file of the origin’s private file system, not in memory', async ({ page }) => {
  await openArtifact(page, samplePath())
  // The worker keeps its texts and a large map's bytes in one file there (on disk in a normal profile).
  const names = await page.evaluate(async () => {
    const dir = (await navigator.storage.getDirectory()) as FileSystemDirectoryHandle & {
      keys(): AsyncIterable<string>
    }
    const found: string[] = []
    for await (const name of dir.keys()) found.push(name)
    return found
  })
  expect(names.filter((n) => /^exposure-explorer-\d+-\w+-texts$/.test(n))).toHaveLength(1)
  // …and the viewer reads them back from there.
  const viewer = await openFinding(page, 'secrets')
  await expect(viewer.getByTestId('viewer-content')).toContainText('1')
})

test('a 100,000-line file opens and only the visible lines are in the DOM', async ({ page }) => {
  const lines = Array.from({ length: 100_000 }, (_, i) => `export const value${i} = ${i} // line ${i + 1}`)
  const tgz = gzip(writeTar([{ path: 'package/dist/huge.js', data: lines.join('\n') + '\n' }]))
  await openArtifact(page, writeTemp('huge-1.0.0.tgz', tgz))
  const viewer = await openBySearch(page, 'huge.js')
  const content = viewer.getByTestId('viewer-content')
  // The text comes from the worker (a few MB): allow for a loaded machine.
  await expect(content.locator('.cm-line').first()).toContainText('export const value0 = 0', {
    timeout: ANALYSIS_TIMEOUT,
  })
  expect(await content.locator('.cm-line').count()).toBeLessThan(2000)
  // Jump to the end with the keyboard: the last lines render on demand.
  await content.locator('.cm-content').focus()
  await page.keyboard.press('Control+End')
  await expect(content.locator('.cm-line', { hasText: 'line 100000' })).toBeVisible()
})

test('screenshots in light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await openArtifact(page, samplePath())
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const viewer = await openFinding(page, 'secrets')
    await expect(viewer.locator('.cm-finding').first()).toBeVisible()
    await page.screenshot({ path: `test-results/viewer-${scheme}.png` })
    await page.keyboard.press('Escape')
    await expect(viewer).toBeHidden()
    await page.getByTestId('category-secrets').click() // toggle the filter off again
  }
})
