// The compare page on two generated versions of a package: both analysed in the browser, the diff
// headline and lists, and a treemap of both versions coloured by change.
import { expect, test } from '@playwright/test'
import { tmpdir } from 'node:os'
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { NEW_NAME, OLD_NAME, versionFacts, writeVersions } from '../fixtures/make-versions'
import { ANALYSIS_TIMEOUT, cliReport } from './helpers'

const facts = versionFacts()

test('compares two versions: headline, file and finding lists, treemap coloured by change', async ({
  page,
}) => {
  const paths = await writeVersions(mkdtempSync(join(tmpdir(), 'ee-compare-')))
  await page.setViewportSize({ width: 1400, height: 1100 })
  await page.goto('./')
  await page.getByTestId('compare-mode').click()
  await page.getByTestId('compare-old').setInputFiles(paths.old)
  await page.getByTestId('compare-new').setInputFiles(paths.new)
  // The zones name the chosen files; the native pickers (which would say "No file chosen" once
  // cleared for the next pick) are not drawn.
  for (const side of ['old', 'new']) {
    await expect(page.getByTestId(`compare-${side}-zone`)).toContainText(side === 'old' ? OLD_NAME : NEW_NAME)
    expect((await page.getByTestId(`compare-${side}`).boundingBox())!.width).toBeLessThanOrEqual(1)
  }

  const headline = page.getByTestId('compare-headline')
  await expect(headline).toBeVisible({ timeout: ANALYSIS_TIMEOUT })
  await expect(headline).toContainText('new:')
  await expect(headline).toContainText('.env')
  await expect(page.getByTestId('compare')).toContainText(`${OLD_NAME} → ${NEW_NAME}`)

  const list = (id: string) => page.getByTestId(id).locator('li .path')
  const keyOf = (text: string) => text.split(' › ').slice(1).join(' › ')
  expect((await list('compare-new-files').allInnerTexts()).map(keyOf).sort()).toEqual(facts.newFiles)
  expect((await list('compare-removed-files').allInnerTexts()).map(keyOf)).toEqual(facts.removedFiles)
  expect((await list('compare-changed-files').allInnerTexts()).map(keyOf).sort()).toEqual(facts.changedFiles)
  const newFindings = await list('compare-new-findings').allInnerTexts()
  expect(newFindings.length).toBeGreaterThan(0)
  for (const where of newFindings) expect(facts.newFindingFiles).toContain(keyOf(where).replace(/:\d+$/, ''))
  await expect(page.getByTestId('compare-new-findings')).toContainText(facts.newHost)
  expect(
    (await list('compare-gone-findings').allInnerTexts()).map((w) => keyOf(w).replace(/:\d+$/, '')),
  ).toEqual(expect.arrayContaining([facts.droppedFile]))

  // The treemap holds both versions' files: every new-version file plus the removed one.
  const treemap = page.getByTestId('treemap')
  await expect(treemap).toHaveAttribute('data-state', 'ready')
  const newVersion = cliReport(paths.new)
  await expect(treemap).toHaveAttribute(
    'data-leaves',
    String(newVersion.files.length + facts.removedFiles.length),
  )
  await expect(page.locator('.legend')).toContainText('New in this version')
  await expect(page.locator('.legend')).toContainText('Removed')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: `test-results/compare-${scheme}.png`, fullPage: true })
  }
})
