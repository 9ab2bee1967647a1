import { expect, test } from '@playwright/test'

test('landing page states what the tool does and the privacy promise', async ({ page }) => {
  await page.goto('./')
  await expect(page.getByTestId('title')).toHaveText('Exposure Explorer')
  await expect(page.locator('main')).toContainText('nothing is uploaded')
})
