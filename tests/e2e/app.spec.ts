// The page end to end on the generated sample: headline figures, summary, treemap leaves, filters,
// the viewer, and the exports compared with the CLI's report for the same file.
import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { CATEGORIES } from '../../src/core/report/model'
import { sampleFacts } from '../../src/build/sample/package'
import {
  cliReport,
  expectExportEqualsCli,
  grouped,
  openArtifact,
  samplePath,
  showFlatFindings,
} from './helpers'

const facts = sampleFacts()

test('headline, summary and treemap show the sample facts', async ({ page }) => {
  await openArtifact(page, samplePath())
  const headline = page.getByTestId('headline')
  await expect(headline).toContainText(`${grouped(facts.firstPartySourceFiles)} first-party source files`)
  await expect(headline).toContainText(`${grouped(facts.firstPartySourceLines)} lines`)
  // Every exposed file is one leaf (a map's own bytes sit next to its reconstructed sources).
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-leaves', String(facts.files.length))
  const summary = page.getByTestId('summary')
  for (const kind of ['first-party-source', 'third-party-source', 'source-map', 'credential'])
    await expect(summary.getByTestId(`kind-${kind}`)).toBeVisible()
  await expect(summary.getByTestId('category-secrets')).toBeVisible()
  // No planted secret value is ever shown whole.
  const text = await page.locator('body').innerText()
  for (const secret of Object.values(facts.secrets)) expect(text).not.toContain(secret)
})

test('the summary lists every category the sample plants', async ({ page }) => {
  await openArtifact(page, samplePath())
  const summary = page.getByTestId('summary')
  // The sample plants a leak in every category of the model.
  for (const category of CATEGORIES) await expect(summary.getByTestId(`category-${category}`)).toBeVisible()
})

test('summary buttons and the search box filter the treemap and the findings', async ({ page }) => {
  const path = samplePath()
  const cli = cliReport(path)
  await openArtifact(page, path)
  const treemap = page.getByTestId('treemap')

  await page.getByTestId('kind-first-party-source').click()
  await expect(treemap).toHaveAttribute('data-leaves', String(cli.summary.kinds['first-party-source']!.files))
  await page.getByTestId('kind-first-party-source').click()
  await expect(treemap).toHaveAttribute('data-leaves', String(facts.files.length))

  await page.getByTestId('search').fill('node_modules/')
  const thirdParty = facts.files.filter((f) => [...f.origin, f.path].join(' › ').includes('node_modules/'))
  await expect(treemap).toHaveAttribute('data-leaves', String(thirdParty.length))
  await page.getByTestId('search').fill('')

  const secrets = cli.findings.filter((f) => f.category === 'secrets')
  expect(secrets.length).toBeGreaterThan(0)
  await page.getByTestId('category-secrets').click()
  await showFlatFindings(page)
  const rows = page.getByTestId('finding-row')
  await expect(rows).toHaveCount(secrets.length)
  await expect(page.getByTestId('findings').locator('h2')).toHaveText(`Findings ${grouped(secrets.length)}`)
  for (const row of await rows.all()) await expect(row).toContainText('Secrets')
  const flaggedFiles = new Set(secrets.map((f) => f.fileId))
  await expect(treemap).toHaveAttribute('data-leaves', String(flaggedFiles.size))
})

test('a finding opens the viewer at its line', async ({ page }) => {
  // Opening must not raise anything (it once looped Svelte's effects: effect_update_depth_exceeded).
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  await openArtifact(page, samplePath())
  // A secret finding, so the check below sees masking (the table's default order is critical first).
  await page.getByTestId('category-secrets').click()
  await showFlatFindings(page)
  const first = page.getByTestId('finding-row').first()
  await expect(first).toBeVisible()
  const location = (await first.locator('.path').innerText()).replace(/(:\d+)+$/, '')
  await first.click()
  const viewer = page.getByTestId('viewer')
  await expect(viewer).toBeVisible()
  await expect(viewer).toContainText(location.split('/').pop()!)
  // The text reached the viewer, with every secret masked (the first rows are secrets).
  await expect(viewer).toContainText('••••')
  const shown = await viewer.innerText()
  for (const secret of Object.values(facts.secrets)) expect(shown).not.toContain(secret)
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
  // A second row opens too (the effect re-runs for another file).
  await page.getByTestId('finding-row').nth(1).click()
  await expect(viewer).toBeVisible()
  expect(problems).toEqual([])
})

test('the exported JSON equals the CLI report for the same file', async ({ page }) => {
  const path = samplePath()
  await openArtifact(page, path)
  const exported = await expectExportEqualsCli(page, path)
  for (const category of Object.keys(exported.summary.findings)) expect(CATEGORIES).toContain(category)
})

test('exports Markdown, SARIF and the reconstructed paths as downloads', async ({ page }) => {
  await openArtifact(page, samplePath())
  const fetchDownload = async (testId: string) => {
    const download = page.waitForEvent('download')
    await page.getByTestId(testId).click()
    const d = await download
    return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') }
  }
  const markdown = await fetchDownload('export-markdown')
  expect(markdown.name).toBe('acme-orbit-cli-3.4.1.exposure.md')
  expect(markdown.text).toContain('Exposure Explorer')
  expect(markdown.text).toContain(`${facts.files.length} exposed files`)

  const sarif = await fetchDownload('export-sarif')
  expect(JSON.parse(sarif.text).version).toBe('2.1.0')

  const paths = await fetchDownload('export-paths')
  const expected = facts.maps.flatMap((m) => m.sources.map((s) => s.path))
  expect(paths.text.trimEnd().split('\n').sort()).toEqual(expected.sort())
})
