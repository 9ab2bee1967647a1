// Keyboard, screen-reader and history parity: axe-core finds no serious or critical violation on the
// landing, results, viewer and compare views in light and dark; focus returns to what opened the
// viewer and Tab stays inside it; Back closes the viewer, then zooms out, then returns to the landing
// page with the analysis kept (Forward shows it again).
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { openArtifact, samplePath, showFlatFindings } from './helpers'

/** Serious and critical violations on the page as it is, as readable lines (empty when none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violation on the four views (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000)
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto('./')
    await expect(page.getByTestId('dropzone')).toBeVisible()
    expect(await seriousViolations(page), 'landing').toEqual([])

    await openArtifact(page, samplePath())
    // The results with the first exposure of the findings table expanded to its places.
    await page.getByTestId('exposure-row').first().click()
    await expect(page.getByTestId('finding-row').first()).toBeVisible()
    expect(await seriousViolations(page), 'results').toEqual([])
    await showFlatFindings(page)

    await page.getByTestId('finding-row').first().click()
    await expect(page.getByTestId('viewer').locator('.cm-line').first()).toBeVisible()
    expect(await seriousViolations(page), 'viewer').toEqual([])
    await page.keyboard.press('Escape')

    await page.getByTestId('compare-mode').click()
    await expect(page.locator('main.compare')).toBeVisible()
    expect(await seriousViolations(page), 'compare').toEqual([])
  })
}

test('the results page has one h1 and no two landmarks share a name', async ({ page }) => {
  await openArtifact(page, samplePath())
  await expect(page.locator('h1')).toHaveCount(1)
  const names = await page
    .locator('main, nav, aside, header, section[aria-label], [role="region"], [role="dialog"]')
    .evaluateAll((els) => els.map((el) => `${el.tagName}:${el.getAttribute('aria-label') ?? ''}`))
  const labelled = names.filter((n) => !n.endsWith(':'))
  const labels = labelled.map((n) => n.split(':')[1])
  expect(new Set(labels).size).toBe(labels.length)
})

test('focus returns to the row that opened the viewer, and Tab stays inside it', async ({ page }) => {
  await openArtifact(page, samplePath())
  await showFlatFindings(page)
  const row = page.getByTestId('finding-row').first()
  await row.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'File viewer' })
  await expect(dialog).toBeVisible()
  // Twenty Tabs and twenty Shift+Tabs never leave the dialog.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(key)
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true)
    }
  }
  await dialog.getByRole('button', { name: 'Close the viewer' }).click()
  await expect(dialog).toBeHidden()
  await expect(row).toBeFocused()

  // The same from the treemap: focus goes back to the map.
  const map = page.getByTestId('treemap').getByRole('application')
  await map.focus()
  await page.keyboard.press('ArrowRight')
  for (let i = 0; i < 8 && !(await dialog.isVisible()); i++) await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(map).toBeFocused()
})

test('Back closes the viewer, then zooms out, then returns to the landing page; Forward returns', async ({
  page,
}) => {
  await openArtifact(page, samplePath())
  const treemap = page.getByTestId('treemap')
  // Zoom one level in through the map's keyboard navigation (Enter on a folder zooms into it).
  const map = treemap.getByRole('application')
  await map.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Enter')
  await expect(treemap).not.toHaveAttribute('data-zoom', '')
  const zoom = (await treemap.getAttribute('data-zoom'))!

  await showFlatFindings(page)
  await page.getByTestId('finding-row').first().click()
  const viewer = page.getByTestId('viewer')
  await expect(viewer).toBeVisible()

  await page.goBack()
  await expect(viewer).toBeHidden()
  await expect(treemap).toHaveAttribute('data-zoom', zoom)
  await page.goBack()
  await expect(treemap).toHaveAttribute('data-zoom', '')
  await page.goBack()
  await expect(page.getByTestId('dropzone')).toBeVisible()
  expect(page.url()).toMatch(/localhost:\d+\/$/)

  // The analysis stayed in memory: Forward shows it without analysing again.
  await page.goForward()
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true')
  await expect(page.getByTestId('finding-row').first()).toBeVisible()
})
