// The brief and the findings table grouped by exposure, on a generated incident-shaped package (a
// bundle, its map with the first-party sources, the same leaks in both): the brief names the source
// tree, the gates and the experiment, the hosts, the prompt file and the secret, fits above the fold
// at 1440×900, and each item opens its places; the table shows a row per exposure, expands to its
// places (by mouse and keyboard), and the viewer's Prev/Next walk them in the table's order.
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import {
  EXPOSURE_EXPERIMENT,
  EXPOSURE_GATE,
  EXPOSURE_HOST,
  EXPOSURE_TOKEN,
  exposurePackage,
} from '../fixtures/lib/exposure-package'
import { openArtifact, waitForResult, writeTemp } from './helpers'

test.use({ viewport: { width: 1440, height: 900 } })

const open = (page: Page) =>
  openArtifact(page, writeTemp('exposure-demo-1.0.0.tgz', exposurePackage({ extra: true })))

const line = (page: Page, category: string) =>
  page.locator(`[data-testid="brief-line"][data-category="${category}"]`)

test('the brief names what leaked, most severe first, above the fold', async ({ page }) => {
  await open(page)
  const brief = page.getByTestId('brief')
  await expect(page.getByTestId('brief-severity')).toHaveText('Critical')
  await expect(page.getByTestId('brief-line').first()).toHaveAttribute('data-category', 'source-exposure')
  await expect(line(page, 'source-exposure')).toHaveText(
    /Source: 1 source tree\s*—\s*source of 3 first-party files via cli\.js\.map/,
  )
  await expect(line(page, 'secrets')).toHaveText(
    /Secrets: 1\s*—\s*GitHub personal access token \(classic\) in src\/config\.ts/,
  )
  await expect(line(page, 'feature-flags')).toHaveText(
    new RegExp(
      `Roadmap: 1 experiment and 2 feature gates\\s*—\\s*${EXPOSURE_EXPERIMENT}, ${EXPOSURE_GATE}, BUDDY`,
    ),
  )
  await expect(line(page, 'internal-endpoints')).toContainText('2 internal hosts')
  await expect(line(page, 'internal-endpoints')).toContainText(EXPOSURE_HOST)
  await expect(line(page, 'ai-prompts')).toHaveText(/Prompts: 1 prompt file\s*—\s*src\/tools\.ts/)
  // The whole brief is on the first screen.
  const box = (await brief.boundingBox())!
  expect(box.y + box.height).toBeLessThanOrEqual(900)
  expect(await page.locator('body').innerText()).not.toContain(EXPOSURE_TOKEN)

  // A name opens its exposure's first place: the gate in the first source that reads it.
  await line(page, 'feature-flags').getByTestId('brief-item').filter({ hasText: EXPOSURE_GATE }).click()
  await expect(page.getByTestId('viewer-path')).toHaveText('src/main.ts')
  await expect(page.getByTestId('viewer-finding')).toContainText(EXPOSURE_GATE)
  await page.keyboard.press('Escape')

  // The label shows all of the line's exposures in the table.
  await line(page, 'feature-flags').getByTestId('brief-all').click()
  await expect(page.getByTestId('exposure-filter')).toContainText('Roadmap')
  await expect(page.getByTestId('exposure-title')).toHaveText([
    `experiment ${EXPOSURE_EXPERIMENT}`,
    `feature gate ${EXPOSURE_GATE}`,
    'feature gate BUDDY',
  ])
  await page.getByTestId('clear-filters').click()
  await expect(page.getByTestId('exposure-filter')).toHaveCount(0)
})

test('the findings table groups by exposure, expands to places, and Prev/Next follow it', async ({
  page,
}) => {
  await open(page)
  const rows = page.getByTestId('exposure-row')
  const titles = page.getByTestId('exposure-title')
  await expect(titles.first()).toHaveText('source of 3 first-party files via cli.js.map')
  // Third-party exposures are hidden with third-party findings; the rest, one row each.
  await expect(titles).toHaveText([
    'source of 3 first-party files via cli.js.map',
    'GitHub personal access token (classic) in src/config.ts',
    `internal host ${EXPOSURE_HOST}`,
    'internal host deploy.corp.example-co.dev',
    'prompts in src/tools.ts',
    'user name jbuilder',
    `experiment ${EXPOSURE_EXPERIMENT}`,
    `feature gate ${EXPOSURE_GATE}`,
    'feature gate BUDDY',
  ])
  await expect(page.getByTestId('finding-row')).toHaveCount(0)

  // The host: two URLs in the source and the same two in the bundle, source first.
  const host = rows.filter({ hasText: `internal host ${EXPOSURE_HOST}` })
  await expect(host.getByTestId('exposure-places')).toHaveText('4 places')
  await host.click()
  await expect(host).toHaveAttribute('data-expanded', 'true')
  const places = page.getByTestId('finding-row')
  await expect(places).toHaveCount(4)
  await expect(places.first()).toContainText('src/config.ts')
  await expect(places.last()).toContainText('package/cli.js')

  // The viewer walks the places in the table's order: the first exposure's place, then the next.
  await places.first().click()
  await expect(page.getByTestId('viewer-path')).toHaveText('src/config.ts')
  const count = page.getByTestId('viewer-count')
  const before = await count.textContent()
  await page.getByTestId('viewer-next').click()
  await expect(count).not.toHaveText(before!)
  await expect(page.getByTestId('viewer-finding')).toContainText(EXPOSURE_HOST)
  await page.keyboard.press('Escape')

  // Keyboard: ArrowLeft folds the row, ArrowRight opens it, ArrowDown reaches a place, Enter opens it.
  await host.focus()
  await page.keyboard.press('ArrowLeft')
  await expect(places).toHaveCount(0)
  await page.keyboard.press('ArrowRight')
  await expect(places).toHaveCount(4)
  await page.keyboard.press('ArrowDown')
  await expect(places.first()).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('viewer-path')).toHaveText('src/config.ts')
  await page.keyboard.press('Escape')

  // Back to a row per place.
  await page.getByTestId('group-toggle').uncheck()
  await expect(rows).toHaveCount(0)
  const flat = await page.getByTestId('findings').locator('h2').textContent()
  expect(Number(flat!.replace(/\D/g, ''))).toBeGreaterThan(9)
  await expect(places.first()).toContainText('critical')
})

test('suppress an exposure, save the baseline, and load it after a reload: the same one suppressed', async ({
  page,
}) => {
  const path = writeTemp('exposure-demo-1.0.0.tgz', exposurePackage({ extra: true }))
  await openArtifact(page, path)
  const secretTitle = 'GitHub personal access token (classic) in src/config.ts'
  const secretRow = page.getByTestId('exposure-row').filter({ hasText: secretTitle })
  await secretRow.getByTestId('triage-button').click()
  await page.getByTestId('triage-reason').fill('revoked, <b>not</b> live')
  await page.getByTestId('triage-suppress').click()
  await expect(page.getByTestId('triage-dialog')).toHaveCount(0)

  // Hidden from the table and the brief, and no longer the worst severity (the source tree is).
  await expect(secretRow).toHaveCount(0)
  await expect(line(page, 'secrets')).toHaveCount(0)
  await expect(page.getByTestId('brief-severity')).toHaveText('Critical')
  await expect(page.getByTestId('show-suppressed')).not.toBeChecked()
  await page.getByTestId('show-suppressed').check()
  await expect(secretRow).toHaveAttribute('data-triage', 'suppressed')
  await expect(line(page, 'secrets')).toBeVisible()
  await page.getByTestId('show-suppressed').uncheck()

  const saved = page.waitForEvent('download')
  await page.getByTestId('baseline-save').click()
  const download = await saved
  expect(download.suggestedFilename()).toBe('exposure-demo-1.0.0.baseline.json')
  const text = readFileSync(await download.path(), 'utf8')
  expect(text).not.toContain(EXPOSURE_TOKEN)
  const file = JSON.parse(text) as { entries: { title: string; status: string; reason: string }[] }
  expect(file.entries).toEqual([
    expect.objectContaining({ title: secretTitle, status: 'suppressed', reason: 'revoked, <b>not</b> live' }),
  ])
  const baseline = writeTemp('exposure-demo.baseline.json', text)

  // A fresh page: nothing suppressed until the baseline is loaded.
  await page.reload()
  await page.getByTestId('file-input').setInputFiles(path)
  await waitForResult(page)
  await expect(secretRow).toHaveCount(1)
  await page.getByTestId('baseline-input').setInputFiles(baseline)
  await expect(page.getByTestId('baseline-message')).toHaveText('Loaded 1 entry; 1 exposure here match.')
  await expect(secretRow).toHaveCount(0)
  await page.getByTestId('show-suppressed').check()
  await expect(secretRow).toHaveAttribute('data-triage', 'suppressed')
  // The reason is text, never markup.
  await secretRow.getByTestId('triage-button').click()
  await expect(page.getByTestId('triage-reason')).toHaveValue('revoked, <b>not</b> live')
  await expect(page.getByTestId('triage-dialog').locator('b')).toHaveCount(0)
  await page.keyboard.press('Escape')

  // A file that is not a baseline is said so; the triage stays.
  await page.getByTestId('baseline-input').setInputFiles(writeTemp('x.json', '{"format":"other"}'))
  await expect(page.getByTestId('baseline-message')).toContainText('Not loaded: "format" is not')
  await expect(secretRow).toHaveAttribute('data-triage', 'suppressed')
})

test('at 1280×720 the brief, the map and the first three findings rows share the first screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  // A long input name, as real releases have (it shares the top bar with the exports).
  const name = 'incident-shaped-release-of-a-command-line-tool-exposure-demo-2.1.88.tgz'
  await openArtifact(page, writeTemp(name, exposurePackage({ extra: true })))
  await expect(page.getByTestId('brief-line')).not.toHaveCount(0)
  const lines = await page.getByTestId('brief-line').count()
  expect(lines).toBeGreaterThanOrEqual(5)
  // The top bar stays one row (it is sticky: a wrapped row would be taken from every screen).
  const bar = (await page.locator('header.bar').boundingBox())!
  expect(bar.height).toBeLessThanOrEqual(48)
  const third = (await page.getByTestId('exposure-row').nth(2).boundingBox())!
  expect(third.y + third.height).toBeLessThanOrEqual(720)
})
