// "Bad input gets a clear message, never a frozen or crashed tab": each broken or malicious input
// opened in the page shows the core's exact message in the problems list, keeps what was read on
// screen, and the next artifact can be opened right after it.
import { expect, test, type Page } from '@playwright/test'
import { hostileInputs } from '../fixtures/lib/hostile-inputs'
import { buildSamplePackage, sampleFacts } from '../../src/build/sample/package'
import { EXPECTED } from '../unit/hostile/expected'
import { ANALYSIS_TIMEOUT, showFlatFindings, writeTemp } from './helpers'

/** Inputs whose outcome does not depend on lowered limits (the page runs with the defaults). */
const CASES = ['truncated-gzip', 'truncated-tar', 'overlapping-zip', 'invalid-json-map', 'not-an-archive']

async function waitForFinal(page: Page): Promise<void> {
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true', {
    timeout: ANALYSIS_TIMEOUT,
  })
}

async function expectNextArtifactOpens(page: Page): Promise<void> {
  const facts = sampleFacts()
  await page
    .getByLabel('Open another artifact')
    .setInputFiles(writeTemp(facts.fileName, buildSamplePackage()))
  await waitForFinal(page)
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-leaves', String(facts.files.length), {
    timeout: ANALYSIS_TIMEOUT,
  })
  await expect(page.getByTestId('errors')).toHaveCount(0)
  await expect(page.getByTestId('fatal')).toHaveCount(0)
}

test.describe('hostile input in the page', () => {
  for (const input of hostileInputs().filter((h) => CASES.includes(h.id))) {
    test(`${input.id}: ${input.what}`, async ({ page }) => {
      const expected = EXPECTED[input.id]
      await page.goto('./')
      await page.getByTestId('file-input').setInputFiles(writeTemp(input.name, input.bytes))
      await waitForFinal(page)
      const leaves = page.getByTestId('treemap')
      const files = expected.files ?? expected.kept.length
      if (files > 0) await expect(leaves).toHaveAttribute('data-leaves', String(files))
      if (expected.errors.length === 0) await expect(page.getByTestId('errors')).toHaveCount(0)
      for (const error of expected.errors) {
        const row = page.getByTestId('errors').getByRole('listitem').filter({ hasText: error.message })
        await expect(row).toHaveCount(1)
        await expect(row).toContainText(error.path)
      }
      await expectNextArtifactOpens(page)
    })
  }

  test('a package mixing broken members with good ones: problems listed, good members shown and scanned', async ({
    page,
  }) => {
    const mixed = hostileInputs().find((h) => h.id === 'mixed')!
    await page.goto('./')
    await page.getByTestId('file-input').setInputFiles(writeTemp(mixed.name, mixed.bytes))
    await waitForFinal(page)
    // With the page's default limits the 8 MiB bomb member is read; the broken parts still are not.
    const problems = page.getByTestId('errors')
    await expect(problems).toContainText('package/vendor/broken.zip')
    await expect(problems).toContainText('zip is truncated or corrupt: no end-of-central-directory record.')
    await expect(problems).toContainText('the map is damaged (the map ends early at byte 73 (truncated?))')
    // The treemap redraws at most every 250 ms, so its count may trail the final headline briefly.
    await expect
      .poll(async () => Number(await page.getByTestId('treemap').getAttribute('data-leaves')))
      .toBeGreaterThanOrEqual(EXPECTED.mixed.kept.length)
    await showFlatFindings(page)
    await expect(
      page.getByTestId('finding-row').filter({ hasText: 'api.corp.acme.internal' }).first(),
    ).toBeVisible()
    await expectNextArtifactOpens(page)
  })
})
