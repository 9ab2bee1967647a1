// The page's side of failing closed: an archive with parts that were not read says, above its
// problems list, that a release gate fails on them; and Compare tells a token replaced by another of
// the same shape (same excerpt, same size) as a new finding in a changed file.
import { expect, test } from '@playwright/test'
import {
  decoyDirectoryJar,
  githubToken,
  packageWithToken,
  replacedToken,
} from '../fixtures/lib/evasion-inputs'
import { ANALYSIS_TIMEOUT, openArtifact, writeTemp } from './helpers'

test('an ambiguous jar: the real directory is read and the unscanned note is shown', async ({ page }) => {
  await openArtifact(page, writeTemp('decoy.jar', decoyDirectoryJar()))
  const errors = page.getByTestId('errors')
  await expect(errors).toContainText('Ambiguous zip')
  await expect(page.getByTestId('errors-unscanned')).toHaveText(
    'It left parts not read or scanned: a release gate (--fail-on) counts it as a high finding unless --allow-unscanned is given.',
  )
  await expect(page.getByTestId('headline')).toContainText('2 files')
  await errors.screenshot({ path: 'test-results/fail-closed-errors.png' })
})

test('compare: a replaced token of the same shape is a new exposure in a changed file', async ({ page }) => {
  const original = githubToken(1)
  await page.goto('./')
  await page.getByTestId('compare-mode').click()
  await page.getByTestId('compare-old').setInputFiles(writeTemp('swap-1.0.0.tgz', packageWithToken(original)))
  await page
    .getByTestId('compare-new')
    .setInputFiles(writeTemp('swap-1.0.1.tgz', packageWithToken(replacedToken(original, 2))))
  const headline = page.getByTestId('compare-headline')
  await expect(headline).toBeVisible({ timeout: ANALYSIS_TIMEOUT })
  await expect(headline).toHaveText('adds: 1 secret; changed: 1 file; no longer: 1 secret')
  await expect(page.getByTestId('compare-new-findings')).toContainText('github-pat-classic')
  await expect(page.getByTestId('compare-changed-files')).toContainText('package/lib/config.js')
})
