// Screenshots of the landing page, a result and the viewer, in light and dark, at a laptop size, for
// people to look at (test-results/screens/). What they can check by machine: each state rendered in
// the scheme asked for (a dark page behind dark, a light one behind light), and the landing page's
// picture differs between the two.
import { expect, test, type Page } from '@playwright/test'
import { samplePath, waitForResult } from './helpers'

test.use({ viewport: { width: 1280, height: 720 } })

/** Relative luminance (0 black … 1 white) of the page's background colour. */
const backgroundLuminance = (page: Page) =>
  page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body)
      .backgroundColor.match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
  })

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    const inScheme = async () => {
      const luminance = await backgroundLuminance(page)
      if (scheme === 'dark') expect(luminance).toBeLessThan(0.3)
      else expect(luminance).toBeGreaterThan(0.7)
    }
    await page.goto('./')
    await expect(page.getByTestId('try-sample')).toBeVisible()
    await inScheme()
    const mine = await page.screenshot({ path: `test-results/screens/landing-${scheme}.png` })
    await page.emulateMedia({ colorScheme: scheme === 'dark' ? 'light' : 'dark' })
    expect(mine.equals(await page.screenshot())).toBe(false)
    await page.emulateMedia({ colorScheme: scheme })

    await page.getByTestId('file-input').setInputFiles(samplePath())
    await waitForResult(page)
    await inScheme()
    await page.screenshot({ path: `test-results/screens/result-${scheme}.png` })
    await page.screenshot({ path: `test-results/screens/result-full-${scheme}.png`, fullPage: true })

    await page.getByTestId('exposure-row').first().click()
    await page.getByTestId('finding-row').first().click()
    await expect(page.getByTestId('viewer')).toBeVisible()
    await inScheme()
    await page.screenshot({ path: `test-results/screens/viewer-${scheme}.png` })
  })
}
