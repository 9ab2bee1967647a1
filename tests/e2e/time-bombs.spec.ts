// Inputs shaped against the scanner's patterns give a result in the page quickly: a tarball of five
// PGP header runs (under 200 bytes) once kept the worker on "Decompressing" forever.
import { expect, test } from '@playwright/test'
import { pgpTarball } from '../fixtures/lib/time-bombs'
import { writeTemp } from './helpers'

test('a tarball of PGP header runs gives its result within seconds', async ({ page }) => {
  await page.goto('./')
  const started = Date.now()
  await page.getByTestId('file-input').setInputFiles(writeTemp('keys.tgz', pgpTarball()))
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true', { timeout: 10_000 })
  // All five members are listed and scanned; none is a key, so nothing is found and nothing failed.
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-leaves', '5')
  await expect(page.getByTestId('errors')).toHaveCount(0)
  await expect(page.getByTestId('fatal')).toHaveCount(0)
  expect(Date.now() - started).toBeLessThan(10_000)
  await page.screenshot({ path: '/tmp/ee-time-bombs.png' })
})
