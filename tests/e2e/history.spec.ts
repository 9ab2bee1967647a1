// The history view: a timeline JSON (what `exposure-explorer history --format json` writes, built here
// the same way from generated versions) opened like an artifact, its chart, and the click-through to
// a version's summary and its compare with the version before.
import { expect, test } from '@playwright/test'
import { analyze } from '../../src/core/analyze'
import { memorySource } from '../../src/core/input/byte-source'
import { buildTimeline, versionScanOf, type Timeline } from '../../src/core/report/timeline'
import {
  HISTORY_PACKAGE,
  HISTORY_VERSIONS,
  historyFileName,
  historyVersion,
} from '../fixtures/lib/history-versions'
import { writeTemp } from './helpers'

async function makeTimeline(): Promise<Timeline> {
  const key = new Uint8Array(32).fill(9)
  const scans = []
  for (let i = 0; i < HISTORY_VERSIONS.length; i++) {
    const report = await analyze([memorySource(historyFileName(i), historyVersion(i))], { match: { key } })
    scans.push(versionScanOf(HISTORY_VERSIONS[i], report, `2026-01-0${i + 1}T00:00:00.000Z`))
  }
  return buildTimeline({ package: HISTORY_PACKAGE }, scans)
}

const HOSTILE = '<img src=x onerror="window.__pwned=1">'

test('a timeline JSON opens as a history: chart, first appearances, click-through to a version', async ({
  page,
}) => {
  const timeline = await makeTimeline()
  // Artifact text is text: an excerpt that is markup must show as those characters.
  timeline.exposures[0].excerpt = `${HOSTILE} ${timeline.exposures[0].excerpt}`
  const path = writeTemp('acme-ledger-history.json', JSON.stringify(timeline, null, 1))
  await page.setViewportSize({ width: 1300, height: 1000 })
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(path)

  const view = page.getByTestId('history-view')
  await expect(view).toBeVisible()
  await expect(page.getByTestId('history-package')).toHaveText(HISTORY_PACKAGE)
  await expect(page.getByTestId('history-overview')).toContainText(
    `${HISTORY_VERSIONS.length} versions · ${timeline.exposures.length} exposures`,
  )
  // One column per version, in order, each with the counts of the timeline.
  const columns = page.getByTestId('history-column')
  await expect(columns).toHaveCount(HISTORY_VERSIONS.length)
  for (let i = 0; i < HISTORY_VERSIONS.length; i++) {
    const column = columns.nth(i)
    await expect(column).toHaveAttribute('data-version', HISTORY_VERSIONS[i])
    await expect(column).toHaveAttribute('data-appeared', String(timeline.versions[i].appeared.length))
    await expect(column).toHaveAttribute('data-gone', String(timeline.versions[i].gone.length))
    // First appearances are marked ("+N" and a hatched part) exactly where the timeline has them.
    const appeared = timeline.versions[i].appeared.length
    await expect(column.getByTestId('history-first-seen')).toHaveCount(
      new Set(timeline.versions[i].appeared.map((id) => timeline.exposures[id].severity)).size,
    )
    if (appeared > 0) await expect(column.locator('text.plus')).toHaveText(`+${appeared}`)
    else await expect(column.locator('text.plus')).toHaveCount(0)
  }

  // The newest version is shown first.
  const detail = page.getByTestId('history-detail')
  await expect(detail).toHaveAttribute('data-version', HISTORY_VERSIONS.at(-1)!)

  // Click-through: 2.0.0-beta.1 swaps one AWS key for another, adds a map with sources, drops the .env.
  const beta = HISTORY_VERSIONS.indexOf('2.0.0-beta.1')
  await columns.nth(beta).click()
  await expect(detail).toHaveAttribute('data-version', '2.0.0-beta.1')
  await expect(page.getByTestId('history-change')).toHaveText(timeline.versions[beta].change)
  const appeared = page.getByTestId('history-appeared').locator('li')
  await expect(appeared).toHaveCount(timeline.versions[beta].appeared.length)
  await expect(page.getByTestId('history-appeared')).toContainText('aws-access-key-id')
  await expect(page.getByTestId('history-appeared')).toContainText('map-embeds-first-party-sources')
  await expect(page.getByTestId('history-gone')).toContainText('dotenv-file')
  await expect(page.getByTestId('history-gone')).toContainText('aws-access-key-id')
  await expect(detail).toContainText('First seen here (not in 1.10.0)')
  await page.screenshot({ path: '/tmp/ee-history-view.png', fullPage: true })

  // The keyboard moves along the versions.
  await columns.nth(beta).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(detail).toHaveAttribute('data-version', '1.10.0')
  await page.keyboard.press('Home')
  await expect(detail).toHaveAttribute('data-version', HISTORY_VERSIONS[0])
  await expect(page.getByTestId('history-appeared')).toContainText(HOSTILE)
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
  await expect(view.locator('img')).toHaveCount(0)

  // Close: back to the landing page.
  await page.getByTestId('history-close').click()
  await expect(page.getByTestId('dropzone')).toBeVisible()
})

test('a damaged timeline names the field; other JSON is analysed as an artifact', async ({ page }) => {
  const timeline = await makeTimeline()
  timeline.versions[2].appeared = [999]
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(writeTemp('broken.json', JSON.stringify(timeline)))
  await expect(page.getByTestId('history-error')).toHaveText(
    'This timeline cannot be shown: versions[2].appeared[0] is not an exposure id.',
  )
  await page.getByTestId('history-close').click()
  await page.getByTestId('file-input').setInputFiles(writeTemp('data.json', '{"name": "not a timeline"}'))
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true')
  await expect(page.getByTestId('history-view')).toHaveCount(0)
})
