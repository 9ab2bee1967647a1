// The off-screen warm-up of the results view (src/ui/warmup): it runs while the landing page is idle,
// leaves nothing behind, never shows, and gives way at once to a real analysis started before it ends.
import { expect, test } from '@playwright/test'
import { sampleFacts } from '../../src/build/sample/package'
import { grouped, samplePath, waitForResult } from './helpers'

test('the warm-up runs once, hidden, and leaves no element behind', async ({ page }) => {
  await page.goto('/')
  await page.waitForFunction(() => performance.getEntriesByName('ee:warm').length > 0)
  await expect(page.locator('.warmup')).toHaveCount(0)
  // It never set the mark the benchmark reads for the real treemap.
  expect(await page.evaluate(() => performance.getEntriesByName('ee:treemap-painted').length)).toBe(0)
  await expect(page.getByTestId('treemap')).toHaveCount(0)
  await expect(page.getByTestId('try-sample')).toBeVisible()
})

test('a drop before the warm-up ends replaces it: one treemap, one summary, the real figures', async ({
  page,
}) => {
  // The warm-up takes one part per idle period: let the first two run (the results view and the
  // off-screen treemap) and hold the rest, so the drop surely lands while it is under way — on a
  // loaded machine the page can load and warm up before a poll sees it.
  await page.addInitScript(() => {
    let calls = 0
    const run = window.requestIdleCallback.bind(window)
    window.requestIdleCallback = (fn, options) => (++calls <= 2 ? run(fn, options) : 0)
  })
  await page.goto('/')
  await page.locator('.warmup [data-testid="treemap"]').waitFor({ state: 'attached' })
  await page.setInputFiles('[data-testid="file-input"]', samplePath())
  await waitForResult(page)
  await expect(page.locator('.warmup')).toHaveCount(0)
  await expect(page.getByTestId('treemap')).toHaveCount(1)
  await expect(page.getByTestId('summary')).toHaveCount(1)
  await expect(page.getByTestId('headline')).toContainText(
    `${grouped(sampleFacts().firstPartySourceFiles)} first-party source files`,
  )
})
