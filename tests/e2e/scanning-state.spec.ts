// While an analysis runs, empty panels say "none yet", not "no findings" or "0 files".
import { expect, test } from '@playwright/test'
import { writeBigZeroTarGz } from './helpers'

test('panels say "None yet — scanning…" while the analysis runs', async ({ page }) => {
  const big = await writeBigZeroTarGz(3 * 1024 ** 3)
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(big)
  await expect(page.getByTestId('progress')).toBeVisible()
  await expect(page.getByTestId('summary-no-findings')).toHaveText('None yet — scanning…')
  await expect(page.getByTestId('findings-empty')).toHaveText('None yet — scanning…')
  await expect(page.getByTestId('summary')).not.toContainText('0 files')
  await page.getByTestId('cancel').click()
})
