// Bounded reports in the page: a findings flood gives a result whose summary counts every finding,
// lists a bounded number, says what it folded or left out, and still exports as JSON and SARIF; a
// tarball of 200,000 damaged members lists its 200,000 problems without freezing the page.
import { chromium, expect, test, type Page } from '@playwright/test'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import type { Report } from '../../src/core/report/model'
import { buildFloodTgz, buildWarningsTgz } from '../fixtures/lib/flood'
import { PeakSampler } from '../bench/lib/memory'
import { grouped, writeTemp } from './helpers'

/** Floods take longer than the small fixtures, more so on a loaded machine. */
const FLOOD_TIMEOUT = 150_000

async function open(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(writeTemp(name, bytes))
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true', { timeout: FLOOD_TIMEOUT })
}

/** Every finding the report's summary counts, all categories and severities together. */
const countedIn = (report: Report): number =>
  Object.values(report.summary.findings)
    .flatMap((c) => Object.values(c!))
    .reduce((a, b) => a + b, 0)

async function exported<T>(page: Page, format: 'json' | 'sarif'): Promise<T> {
  const download = page.waitForEvent('download')
  await page.getByTestId(`export-${format}`).click()
  return JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as T
}

/** Milliseconds for the page to answer (a script run plus a frame), while or after it works. */
const answerTime = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now()
        requestAnimationFrame(() => resolve(performance.now() - start))
      }),
  )

test.describe('bounded reports in the page', () => {
  test.describe.configure({ timeout: 300_000 })

  test('480 files × 500 identical lines: repeats folded and counted, exports work', async ({ page }) => {
    await open(page, 'flood-480.tgz', buildFloodTgz({ files: 480 }))
    const note = page.getByTestId('findings-unlisted')
    await expect(note).toContainText(
      'repeat an exposure (same rule and excerpt) already listed at 100 places',
    )
    const report = await exported<Report>(page, 'json')
    const counted = countedIn(report)
    // Five rules match every one of the 240,000 lines; each is listed at 100 places.
    expect(counted).toBe(5 * 480 * 500)
    expect(report.findings).toHaveLength(5 * 100)
    expect(report.summary.unlisted).toEqual({ repeats: counted - 500, pastLimit: 0 })
    expect(report.folds?.map((f) => f.folded)).toEqual(Array(5).fill(480 * 500 - 100))
    await expect(page.getByTestId('findings')).toContainText(`Findings ${grouped(500)}`)
    const sarif = await exported<{ runs: { results: unknown[]; properties: Record<string, unknown> }[] }>(
      page,
      'sarif',
    )
    expect(sarif.runs[0].results).toHaveLength(500)
    expect(sarif.runs[0].properties.unlistedFindings).toEqual(report.summary.unlisted)
  })

  test('4,000 files × 500 identical lines: a result, every finding counted, Chromium under 1 GB', async ({
    baseURL,
  }) => {
    // A browser with a profile on disk, as a user's is: there Chromium keeps the origin's private file
    // system, where the worker keeps the texts it read, on disk; an off-the-record context (the
    // tests' default) holds it in memory.
    const profile = mkdtempSync(join(tmpdir(), 'ee-flood-profile-'))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      baseURL,
    })
    try {
      const page = await context.newPage()
      // Summed PSS of every process of this test's browser (the page, its worker, the GPU and
      // network helpers), sampled while the 268 MB of text is read and scanned.
      const memory = new PeakSampler()
      memory.start(250)
      await open(page, 'flood-4000.tgz', buildFloodTgz({ files: 4_000 }))
      await memory.stop()
      const report = await exported<Report>(page, 'json')
      const counted = countedIn(report)
      expect(counted).toBe(5 * 4_000 * 500)
      expect(report.findings).toHaveLength(5 * 100)
      expect(report.files).toHaveLength(4_001)
      const peakMB = Math.round(memory.peakPss / 2 ** 20)
      test.info().annotations.push({ type: 'peak PSS', description: `${peakMB} MB` })
      console.log(`flood-4000: peak PSS of all Chromium processes ${peakMB} MB`)
      expect(memory.peakPss).toBeGreaterThan(0)
      expect(memory.peakPss).toBeLessThan(2 ** 30)
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })

  test('150,000 distinct findings: the first 100,000 listed, the limit said, exports work', async ({
    page,
  }) => {
    await open(page, 'flood-distinct.tgz', buildFloodTgz({ files: 60, distinct: true }))
    const problems = page.getByTestId('errors')
    await expect(problems).toContainText('Stopped listing findings: the artifact has more than 100,000')
    await expect(problems).toContainText('limits.maxFindings')
    await expect(page.getByTestId('findings-unlisted')).toContainText(
      '50,000 came after the limit of listed findings',
    )
    const report = await exported<Report>(page, 'json')
    expect(report.findings).toHaveLength(100_000)
    expect(report.summary.unlisted).toEqual({ repeats: 0, pastLimit: 50_000 })
    expect(report.summary.findings.secrets?.critical).toBe(30_000)
    const sarif = await exported<{ runs: { results: unknown[] }[] }>(page, 'sarif')
    expect(sarif.runs[0].results).toHaveLength(100_000)
  })

  test('300 files of distinct lines (750,000 findings): a result, the first 100,000 listed, every one counted', async ({
    page,
  }) => {
    const started = Date.now()
    await open(page, 'flood-distinct-300.tgz', buildFloodTgz({ files: 300, distinct: true }))
    const seconds = (Date.now() - started) / 1000
    test.info().annotations.push({ type: 'time to the final result', description: `${seconds.toFixed(1)} s` })
    console.log(`flood-distinct-300: final result after ${seconds.toFixed(1)} s`)
    await expect(page.getByTestId('findings-unlisted')).toContainText(
      '650,000 came after the limit of listed findings',
    )
    const report = await exported<Report>(page, 'json')
    expect(report.findings).toHaveLength(100_000)
    expect(report.summary.unlisted).toEqual({ repeats: 0, pastLimit: 650_000 })
    expect(report.summary.findings.secrets?.critical).toBe(300 * 500)
    expect(countedIn(report)).toBe(5 * 300 * 500)
  })

  test('200,000 warnings: the page answers while they stream in, and the list scrolls', async ({ page }) => {
    await page.goto('./')
    await page.getByTestId('file-input').setInputFiles(writeTemp('warnings-200k.tgz', buildWarningsTgz()))
    // While the problems stream in, the page keeps answering.
    await expect(page.getByTestId('errors')).toBeVisible({ timeout: FLOOD_TIMEOUT })
    const during: number[] = []
    for (let i = 0; i < 5; i++) during.push(await answerTime(page))
    await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true', {
      timeout: FLOOD_TIMEOUT,
    })
    const errors = page.getByTestId('errors')
    await expect(errors.locator('h2')).toContainText(`${grouped(200_000)} problems while reading`)
    // Only the rows in view (and a margin) are in the DOM.
    expect(await errors.getByRole('listitem').count()).toBeLessThan(60)
    expect(await answerTime(page)).toBeLessThan(1_000)
    expect(Math.max(...during)).toBeLessThan(5_000)
    const viewport = page.getByTestId('errors-viewport')
    await viewport.evaluate((node) => (node.scrollTop = node.scrollHeight))
    await expect(errors.getByRole('listitem').last()).toContainText('package/t/199999.txt')
    await expect(errors.getByRole('listitem').last()).toContainText('Not valid UTF-8')
    await viewport.evaluate((node) => (node.scrollTop = node.scrollHeight / 2))
    await expect(errors.getByRole('listitem').filter({ hasText: 'package/t/100000.txt' })).toHaveCount(1)
  })
})
