// Exact navigation from the findings table to the viewer: a finding deep inside one 100 KB minified
// line opens selected and on screen; Prev/Next walk the table as filtered and sorted; the Location
// column keeps the file name and position when it is cut.
import { expect, test, type Page } from '@playwright/test'
import { writeTar } from '../../src/build/sample/tar'
import { gzip } from '../../src/build/sample/archives'
import { openArtifact, showFlatFindings, writeTemp } from './helpers'

/** One line of ~104 KB holding 120 commented ticket keys ORB-1000 … ORB-1119, 861 characters apart. */
const TICKETS = 120
function oneLine(): string {
  let line = ''
  for (let i = 0; i < TICKETS; i++)
    line += `var a${i}=function(){return "${'x'.repeat(800)}"};/* TODO(ORB-${1000 + i}): fix step ${i} */`
  return line
}

/** The 1-based column of ticket `i` on the line. */
const columnOf = (i: number) => oneLine().indexOf(`ORB-${1000 + i}`) + 1

async function openBundle(page: Page) {
  const tgz = gzip(writeTar([{ path: 'package/dist/bundle.min.js', data: oneLine() + '\n' }]))
  await openArtifact(page, writeTemp('line-1.0.0.tgz', tgz))
  await showFlatFindings(page)
}

/** Filters the table to the ticket-key findings, sorted by location (so by column on the line). */
async function ticketRows(page: Page) {
  await page.getByTestId('findings-filter').fill('ticket-key')
  await page.getByTestId('sort-path').click()
  await expect(page.getByTestId('findings')).toContainText(`Findings ${TICKETS} of`)
}

/** Clicks the table row at `index`, scrolling the virtualized body to it first. */
async function clickRow(page: Page, index: number) {
  const body = page.getByTestId('findings').locator('.body')
  await body.evaluate((el, top) => (el.scrollTop = top), index * 30)
  await page.locator(`[data-testid="finding-row"][data-index="${index}"]`).click()
}

/** The selected text's box lies inside the editor's visible area and shows `text`. */
async function expectSelectionOnScreen(page: Page, text: string) {
  const viewer = page.getByTestId('viewer')
  const scroller = (await viewer.locator('.cm-scroller').boundingBox())!
  const gutter = (await viewer.locator('.cm-gutters').boundingBox())!
  const selection = viewer.locator('.cm-selectionBackground').first()
  await expect(selection).toBeAttached()
  const box = (await selection.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(gutter.x + gutter.width)
  expect(box.x + box.width).toBeLessThanOrEqual(scroller.x + scroller.width)
  expect(box.y).toBeGreaterThanOrEqual(scroller.y)
  expect(box.y + box.height).toBeLessThanOrEqual(scroller.y + scroller.height)
  // What is drawn at the selection's centre is the finding's text.
  const shown = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.textContent ?? '',
    [box.x + box.width / 2, box.y + box.height / 2],
  )
  expect(shown).toContain(text)
  // The line-number gutter stays on top of the horizontally scrolled code, with an opaque background.
  const inGutter = await page.evaluate(
    ([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('.cm-gutters'),
    [gutter.x + gutter.width / 2, box.y + box.height / 2],
  )
  expect(inGutter).toBe(true)
  const background = await viewer
    .locator('.cm-gutters')
    .evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(background).toMatch(/^rgb\(/)
}

test('the 50th finding on one 100 KB line opens selected, its column on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await openBundle(page)
  await ticketRows(page)
  await clickRow(page, 49)
  const viewer = page.getByTestId('viewer')
  await expect(viewer.getByTestId('viewer-count')).toHaveText(`Finding 50 of ${TICKETS}`)
  await expect(viewer.getByTestId('viewer-finding')).toContainText(
    `line 1, column ${columnOf(49).toLocaleString('en-US')}`,
  )
  await expect(viewer.getByTestId('viewer-finding')).toContainText('ORB-1049')
  await expectSelectionOnScreen(page, 'ORB-1049')
  await page.screenshot({ path: 'test-results/navigation-50th.png' })

  // Next and Prev walk the filtered, sorted table: the neighbours on the same line.
  await viewer.getByTestId('viewer-next').click()
  await expect(viewer.getByTestId('viewer-count')).toHaveText(`Finding 51 of ${TICKETS}`)
  await expect(viewer.getByTestId('viewer-finding')).toContainText('ORB-1050')
  await expectSelectionOnScreen(page, 'ORB-1050')
  await viewer.getByTestId('viewer-prev').click()
  await viewer.getByTestId('viewer-prev').click()
  await expect(viewer.getByTestId('viewer-count')).toHaveText(`Finding 49 of ${TICKETS}`)
  await expectSelectionOnScreen(page, 'ORB-1048')
})

test('Prev/Next follow the table order and filter, and are disabled at 1 of 1', async ({ page }) => {
  await openBundle(page)
  await ticketRows(page)
  // Descending: the table's first row is the last ticket on the line.
  await page.getByTestId('sort-path').click()
  await clickRow(page, 0)
  const viewer = page.getByTestId('viewer')
  await expect(viewer.getByTestId('viewer-count')).toHaveText(`Finding 1 of ${TICKETS}`)
  await expect(viewer.getByTestId('viewer-finding')).toContainText(`ORB-${1000 + TICKETS - 1}`)
  await viewer.getByTestId('viewer-next').click()
  await expect(viewer.getByTestId('viewer-finding')).toContainText(`ORB-${1000 + TICKETS - 2}`)
  await page.keyboard.press('Escape')

  await page.getByTestId('findings-filter').fill('key ORB-1049')
  await expect(page.getByTestId('finding-row')).toHaveCount(1)
  await page.getByTestId('finding-row').click()
  await expect(viewer.getByTestId('viewer-count')).toHaveText('Finding 1 of 1')
  await expect(viewer.getByTestId('viewer-prev')).toBeDisabled()
  await expect(viewer.getByTestId('viewer-next')).toBeDisabled()
})

test('Location shows the file name and position when cut, and the message', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await openBundle(page)
  const row = page.getByTestId('finding-row').first()
  const cell = row.locator('.cell.path')
  await expect(cell.locator('.chain-tail')).toHaveText(/^bundle\.min\.js:1:\d+$/)
  await expect(cell).toHaveAttribute('title', /^line-1\.0\.0\.tgz › .*package\/dist\/bundle\.min\.js:1:\d+$/)
  await expect(row.locator('.cell.message')).not.toBeEmpty()
  // Rows above the fold at 1280×720: the first three.
  const third = (await page.getByTestId('finding-row').nth(2).boundingBox())!
  expect(third.y + third.height).toBeLessThanOrEqual(720)
})
