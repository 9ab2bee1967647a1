// A dropped folder analysed as one artifact (same report as the CLI on that folder), and a findings
// table of 100,000 rows that keeps only the visible rows in the DOM.
import { expect, test } from '@playwright/test'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { sampleDistFolder } from '../../src/build/sample/package'
import {
  ANALYSIS_TIMEOUT,
  expectExportEqualsCli,
  grouped,
  openArtifact,
  showFlatFindings,
  waitForResult,
  writeTemp,
} from './helpers'

test('a picked folder is one artifact, reported as the CLI reports that folder', async ({ page }) => {
  const { files, expected } = sampleDistFolder()
  const root = mkdtempSync(join(tmpdir(), 'ee-e2e-'))
  for (const file of files) {
    const path = join(root, file.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.data)
  }
  const folder = join(root, 'dist')
  await page.goto('./')
  await page.getByTestId('folder-input').setInputFiles(folder)
  await waitForResult(page)
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-leaves', String(expected.length))

  const exported = await expectExportEqualsCli(page, folder)
  // The same files as the fixture's facts (the reports list a folder in name order, the facts in archive order).
  const key = (f: { path: string; origin: string[] }) => [...f.origin, f.path].join(' › ')
  expect(exported.files.map(key).sort()).toEqual(expected.map(key).sort())
})

test('100,000 findings: only the rows in view are rendered, and the last one is reachable', async ({
  page,
}) => {
  test.setTimeout(180_000)
  // Each line is a TODO with a ticket key: two internal-notes findings per line, 200 files of 250
  // lines picked together as one artifact (the detectors keep at most 500 findings per rule per file).
  // Every line names its file, so no two places are the same exposure (those are folded past 100).
  const textOf = (f: number) =>
    Array.from(
      { length: 250 },
      (_, i) => `// TODO(ORB-${1000 + i}): tidy the planner step ${i} of part ${f}\n`,
    ).join('')
  const dir = dirname(writeTemp('notes-000.js', textOf(0)))
  const paths = Array.from({ length: 200 }, (_, i) => join(dir, `notes-${String(i).padStart(3, '0')}.js`))
  paths.forEach((path, f) => writeFileSync(path, textOf(f)))
  await openArtifact(page, paths)
  const findings = page.getByTestId('findings')
  await expect(findings.locator('h2')).toHaveText(`Findings ${grouped(100_000)}`, {
    timeout: ANALYSIS_TIMEOUT,
  })
  await showFlatFindings(page)
  const rows = page.getByTestId('finding-row')
  expect(await rows.count()).toBeLessThan(200)

  await page.getByTestId('sort-path').click()
  const body = findings.locator('[role="rowgroup"]')
  await body.evaluate((el) => (el.scrollTop = el.scrollHeight))
  const last = findings.locator('[aria-rowindex="100001"]')
  await expect(last).toBeVisible()
  await expect(last).toContainText('notes-199.js:250')
  expect(await rows.count()).toBeLessThan(200)
})
