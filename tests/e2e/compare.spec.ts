// The compare page on two generated versions of a package: both analysed in the browser, the diff
// headline and lists, and a treemap of both versions coloured by change.
import { expect, test, type Page } from '@playwright/test'
import { tmpdir } from 'node:os'
import { mkdtempSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NEW_NAME, OLD_NAME, versionFacts, writeVersions } from '../fixtures/make-versions'
import { ANALYSIS_TIMEOUT, cliReport, writeTemp } from './helpers'
import { EXPOSURE_HOST, EXPOSURE_TOKEN, exposurePackage } from '../fixtures/lib/exposure-package'

const facts = versionFacts()

/** Opens the compare page and picks the two versions. */
async function pick(page: Page, old: string, next: string, height = 1100): Promise<void> {
  await page.setViewportSize({ width: 1400, height })
  await page.goto('./')
  await page.getByTestId('compare-mode').click()
  await page.getByTestId('compare-old').setInputFiles(old)
  await page.getByTestId('compare-new').setInputFiles(next)
}

test('compares two versions: headline, file and finding lists, treemap coloured by change', async ({
  page,
}) => {
  const paths = await writeVersions(mkdtempSync(join(tmpdir(), 'ee-compare-')))
  await pick(page, paths.old, paths.new)
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

test('a row of the lists opens its place in the viewer, read from the version it belongs to', async ({
  page,
}) => {
  const paths = await writeVersions(mkdtempSync(join(tmpdir(), 'ee-compare-open-')))
  await pick(page, paths.old, paths.new, 1000)
  await expect(page.getByTestId('compare-headline')).toBeVisible({ timeout: ANALYSIS_TIMEOUT })
  const viewer = page.getByTestId('viewer')
  const content = viewer.getByTestId('viewer-content')

  // A place of a new exposure: the new version's file, at the finding's line, the finding marked.
  const hostRow = page.getByTestId('compare-new-findings').locator('li', { hasText: facts.newHost }).first()
  const where = await hostRow.getByTestId('compare-open').innerText()
  const line = Number(/:(\d+)$/.exec(where)?.[1])
  expect(line).toBeGreaterThan(0)
  await hostRow.getByTestId('compare-open').click()
  await expect(viewer).toBeVisible()
  await expect(viewer.getByTestId('viewer-path')).toHaveText(where.split(' › ').pop()!.replace(/:\d+$/, ''))
  await expect(content.locator('.cm-current-line')).toContainText(facts.newHost)
  await expect(content.locator('.cm-current-line .cm-finding').first()).toBeVisible()
  await expect(viewer.getByTestId('viewer-count')).toHaveText(/^Finding 1 of \d+/)
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
  // Focus returns to the row that opened it.
  await expect(hostRow.getByTestId('compare-open')).toBeFocused()

  // A removed file: only the old version has it, and its text comes from there.
  await page.getByTestId('compare-removed-files').getByTestId('compare-open').first().click()
  await expect(viewer.getByTestId('viewer-path')).toHaveText(facts.droppedFile)
  await expect(content).toContainText('FIXME(WID-9)')
  await page.screenshot({ path: 'test-results/compare-open.png' })
  await viewer.getByRole('button', { name: 'Close the viewer' }).click()
  await expect(viewer).toBeHidden()
})

test('compares a release without its map and the next with it by exposures, and exports the comparison', async ({
  page,
}) => {
  // The incident's shape: the old release ships the bundle alone, the new one its map with the
  // sources, a new gate and a new host; the minifier renamed everything in between.
  const old = writeTemp('exposure-demo-1.0.0.tgz', exposurePackage({ map: false }))
  const next = writeTemp(
    'exposure-demo-1.1.0.tgz',
    exposurePackage({ version: '1.1.0', renameSeed: 5, extra: true }),
  )
  await pick(page, old, next)
  const headline = page.getByTestId('compare-headline')
  await expect(headline).toBeVisible({ timeout: ANALYSIS_TIMEOUT })
  await expect(headline).toContainText('adds: source of 3 first-party files via cli.js.map')
  await expect(headline).toContainText('feature gate')
  await expect(headline).toContainText('new: 1 source map (cli.js.map)')

  // Nothing still present is gone: the prompt the old bundle held is in the new source now.
  const gone = page.getByTestId('compare-gone-exposures')
  await expect(gone.locator('h3 .n')).toHaveText('0')
  await expect(page.getByTestId('compare-gone-findings').locator('h3 .n')).toHaveText('0')
  const added = await page.getByTestId('compare-new-exposures').locator('li .title').allInnerTexts()
  expect(added).toEqual(
    expect.arrayContaining([
      'source of 3 first-party files via cli.js.map',
      'feature gate BUDDY',
      'internal host deploy.corp.example-co.dev',
    ]),
  )
  expect(added).not.toContain(`internal host ${EXPOSURE_HOST}`)

  // The exports: the same diff as JSON and as Markdown, no secret in either.
  const saved = async (id: string) => {
    const download = page.waitForEvent('download')
    await page.getByTestId(`compare-export-${id}`).click()
    const file = await download
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') }
  }
  const json = await saved('json')
  expect(json.name).toBe('exposure-demo-1.0.0..exposure-demo-1.1.0.exposure-diff.json')
  const diff = JSON.parse(json.text) as {
    headline: string
    newExposures: { title: string }[]
    goneExposures: []
  }
  expect(diff.headline).toBe(await headline.innerText())
  expect(diff.goneExposures).toEqual([])
  expect(diff.newExposures.map((e) => e.title).sort()).toEqual([...added].sort())
  const markdown = await saved('markdown')
  expect(markdown.name).toBe('exposure-demo-1.0.0..exposure-demo-1.1.0.exposure-diff.md')
  // Markdown escapes punctuation of the artifact's text; unescaped, it is the same headline.
  expect(markdown.text.replace(/\\(.)/g, '$1')).toContain(`**${diff.headline}**`)
  expect(markdown.text).toContain(`### New exposures (${added.length})`)
  expect(markdown.text).toContain('### Gone exposures (0)')
  for (const text of [json.text, markdown.text, await page.locator('body').innerText()])
    expect(text).not.toContain(EXPOSURE_TOKEN)
  await page.screenshot({ path: 'test-results/compare-exposures.png', fullPage: true })
})
