// Screenshots of the landing page, a result and the viewer, in light and dark, at a laptop size.
// They are for people to look at (test-results/screens/); the assertions only check each state rendered.
import { expect, test } from '@playwright/test'
import { samplePath, waitForResult } from './helpers'

test.use({ viewport: { width: 1280, height: 720 } })

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto('./')
    await expect(page.getByTestId('try-sample')).toBeVisible()
    await page.screenshot({ path: `test-results/screens/landing-${scheme}.png` })

    await page.getByTestId('file-input').setInputFiles(samplePath())
    await waitForResult(page)
    await page.screenshot({ path: `test-results/screens/result-${scheme}.png` })
    await page.screenshot({ path: `test-results/screens/result-full-${scheme}.png`, fullPage: true })

    await page.getByTestId('finding-row').first().click()
    await expect(page.getByTestId('viewer')).toBeVisible()
    await page.screenshot({ path: `test-results/screens/viewer-${scheme}.png` })
  })
}
