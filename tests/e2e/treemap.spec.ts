// The treemap on the generated sample: zoom by clicking a folder's rectangle on the canvas, back
// with the breadcrumb and Escape, the tooltip's text, keyboard navigation, light and dark screenshots.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { sampleFacts, SAMPLE_FILE_NAME } from '../../src/build/sample/package'
import { openArtifact, samplePath } from './helpers'
import type { RectInfo as Rect } from '../../src/ui/treemap/layout'

const facts = sampleFacts()

async function rects(treemap: Locator): Promise<Rect[]> {
  return JSON.parse((await treemap.getAttribute('data-rects')) ?? '[]') as Rect[]
}

/** Clicks the label strip of the folder named `name` in the current view (a click on its body
 *  would land on a file inside it and open that). */
async function clickFolder(page: Page, treemap: Locator, name: string): Promise<void> {
  // The rectangles of a view just zoomed into are published once it is laid out: wait for them.
  const find = async () => (await rects(treemap)).find((r) => r.name === name && r.folder)
  await expect
    .poll(async () => (await find()) !== undefined, { message: `folder ${name} in view` })
    .toBe(true)
  const rect = await find()
  await treemap.getByRole('application').click({ position: { x: rect!.x + 6, y: rect!.y + 5 } })
}

/** The largest file rectangle of the current view. */
async function biggestFile(treemap: Locator): Promise<Rect> {
  const files = (await rects(treemap)).filter((r) => !r.folder).sort((a, b) => b.w * b.h - a.w * a.h)
  expect(files.length, 'a file in view').toBeGreaterThan(0)
  return files[0]!
}

/** Files the sample exposes below `package/` of the tarball (members and map sources alike). */
const underPackage = facts.files.filter(
  (f) => f.origin[0] === SAMPLE_FILE_NAME && (f.origin[1] ?? f.path).startsWith('package/'),
)

/** Zooms into the sample's package/dist and hovers the centre of its biggest file. */
/** The map canvas's backing store width and its box's width in device pixels: equal once a new size
 *  of the map is laid out and painted (until then its rectangles are those of the size before). */
const fitted = (treemap: Locator) =>
  treemap
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => ({
      store: c.width,
      box: Math.floor(c.getBoundingClientRect().width) * devicePixelRatio,
    }))

async function hoverBiggestDistFile(page: Page, treemap: Locator): Promise<Rect> {
  await expect.poll(async () => ((f) => f.store === f.box)(await fitted(treemap))).toBe(true)
  await clickFolder(page, treemap, SAMPLE_FILE_NAME)
  await expect(treemap).toHaveAttribute('data-zoom', `${SAMPLE_FILE_NAME}/package`)
  await clickFolder(page, treemap, 'dist')
  // The rectangles are read once the zoom has landed (not from the view it leaves).
  await expect(treemap).toHaveAttribute('data-zoom', `${SAMPLE_FILE_NAME}/package/dist`)
  await expect(treemap).toHaveAttribute('data-state', 'ready')
  const leaf = await biggestFile(treemap)
  await treemap
    .getByRole('application')
    .hover({ position: { x: leaf.x + leaf.w / 2, y: leaf.y + leaf.h / 2 } })
  return leaf
}

/** Pixels drawn on the overlay canvas (the hover and focus outlines), and their bounding box. */
async function overlayInk(treemap: Locator) {
  return treemap.locator('canvas.overlay').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    let count = 0
    let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1]
    for (let i = 3; i < data.length; i += 4)
      if (data[i]! > 0) {
        const x = ((i - 3) / 4) % c.width
        const y = Math.floor((i - 3) / 4 / c.width)
        count++
        ;[x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)]
      }
    return { count, box: { x0, y0, x1, y1 }, dpr: c.width / c.getBoundingClientRect().width }
  })
}

test.describe('treemap', () => {
  test.beforeEach(async ({ page }) => {
    await openArtifact(page, samplePath())
  })

  test('zooms into a folder by clicking it, back via breadcrumb and Escape', async ({ page }) => {
    const treemap = page.getByTestId('treemap')
    await expect(treemap).toHaveAttribute('data-leaves', String(facts.files.length))
    await expect(treemap).toHaveAttribute('data-zoom', '')
    // The paint mark fired (once per files array the map drew).
    expect(
      await page.evaluate(() => performance.getEntriesByName('ee:treemap-painted').length),
    ).toBeGreaterThan(0)

    // The tarball holds one folder: one header names both, and a click zooms to where the chain ends.
    await clickFolder(page, treemap, SAMPLE_FILE_NAME)
    await expect(treemap).toHaveAttribute('data-zoom', `${SAMPLE_FILE_NAME}/package`)
    await expect(treemap).toHaveAttribute('data-leaves', String(underPackage.length))
    const crumbs = page.getByTestId('breadcrumb').getByRole('button')
    await expect(crumbs).toHaveText(['All files', SAMPLE_FILE_NAME, 'package'])

    await page.keyboard.press('Escape')
    await expect(treemap).toHaveAttribute('data-zoom', SAMPLE_FILE_NAME)
    await clickFolder(page, treemap, 'package')
    await expect(treemap).toHaveAttribute('data-zoom', `${SAMPLE_FILE_NAME}/package`)
    await crumbs.filter({ hasText: 'All files' }).click()
    await expect(treemap).toHaveAttribute('data-zoom', '')
    await expect(treemap).toHaveAttribute('data-leaves', String(facts.files.length))
  })

  test('the tooltip names the file under the pointer, as text', async ({ page }) => {
    const treemap = page.getByTestId('treemap')
    const leaf = await hoverBiggestDistFile(page, treemap)
    const tip = page.getByTestId('treemap-tooltip')
    const file = underPackage.find((f) => f.origin.length === 1 && f.path === `package/dist/${leaf.name}`)!
    expect(file).toBeTruthy()
    await expect(tip).toContainText(`${SAMPLE_FILE_NAME} › package/dist/${leaf.name}`)
    await expect(tip).toContainText(`${file.lines.toLocaleString('en-US')} lines`)
    await expect(tip).toContainText(/Findings: |No findings/)
    // The hovered file is outlined on the overlay, around its own rectangle and nowhere else.
    // The outline is drawn on the next frame after the pointer moves: wait until it spans the leaf.
    await expect
      .poll(async () => {
        const { box, dpr } = await overlayInk(treemap)
        return (box.x1 - box.x0) / dpr
      })
      .toBeGreaterThan(leaf.w - 4)
    const ink = await overlayInk(treemap)
    expect(ink.count).toBeGreaterThan(0)
    expect(ink.box.x0 / ink.dpr).toBeGreaterThanOrEqual(leaf.x - 1)
    expect(ink.box.y0 / ink.dpr).toBeGreaterThanOrEqual(leaf.y - 1)
    expect(ink.box.x1 / ink.dpr).toBeLessThanOrEqual(leaf.x + leaf.w + 1)
    expect(ink.box.y1 / ink.dpr).toBeLessThanOrEqual(leaf.y + leaf.h + 1)
    expect(ink.box.x1 - ink.box.x0).toBeGreaterThan((leaf.w - 4) * ink.dpr)
    await page.mouse.move(1, 1)
    await expect(tip).toHaveCount(0)
    await expect.poll(async () => (await overlayInk(treemap)).count).toBe(0)
  })

  test('colour by worst severity shows the severity legend', async ({ page }) => {
    const treemap = page.getByTestId('treemap')
    await expect(treemap.locator('.legend')).toContainText('First-party source')
    await page.getByTestId('color-by').selectOption('severity')
    await expect(treemap.locator('.legend')).toContainText('Critical')
    await expect(treemap.locator('.legend')).toContainText('No findings')
    await treemap.screenshot({ path: 'test-results/treemap-severity.png' })
  })

  test('keyboard: arrows focus rectangles, Enter zooms, Escape goes up', async ({ page }) => {
    const treemap = page.getByTestId('treemap')
    const map = treemap.getByRole('application')
    await map.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect(treemap).toHaveAttribute('data-zoom', `${SAMPLE_FILE_NAME}/package`)
    await page.keyboard.press('Escape')
    await expect(treemap).toHaveAttribute('data-zoom', SAMPLE_FILE_NAME)
    await page.keyboard.press('Enter')
    await expect(treemap).toHaveAttribute('data-zoom', `${SAMPLE_FILE_NAME}/package`)
  })

  test('keyboard focus stays on its rectangle when the map is rebuilt and resized', async ({ page }) => {
    const treemap = page.getByTestId('treemap')
    await treemap.getByRole('application').focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.locator('.treemap [aria-live]')).toContainText(SAMPLE_FILE_NAME)
    // A filter rebuilds the tree and its layout while the canvas keeps the keyboard focus (a script
    // click does not move the focus, as files streaming in or the final report do not).
    const firstParty = facts.files.filter((f) => f.kind === 'first-party-source').length
    await page.getByTestId('kind-first-party-source').evaluate((b: HTMLElement) => b.click())
    await expect(treemap).toHaveAttribute('data-leaves', String(firstParty))
    await page.setViewportSize({ width: 1100, height: 820 })
    await expect(treemap.getByRole('application')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(treemap).toHaveAttribute('data-zoom', `${SAMPLE_FILE_NAME}/package`)
  })

  test('a resized map is laid out and painted again for its new box', async ({ page }) => {
    const treemap = page.getByTestId('treemap')
    const canvas = treemap.locator('canvas').first()
    const before = await fitted(treemap)
    expect(before.store).toBe(before.box)
    const widest = async () => Math.max(...(await rects(treemap)).map((r) => r.x + r.w))
    const wideBefore = await widest()
    await page.setViewportSize({ width: 900, height: 820 })
    // The new size is laid out and painted over a few tasks: the rectangles and the backing store
    // follow the narrower box, and its right edge is painted (not the background of a cleared store).
    await expect.poll(async () => (await fitted(treemap)).store).toBeLessThan(before.store)
    await expect.poll(async () => ((f) => f.store === f.box)(await fitted(treemap))).toBe(true)
    await expect.poll(widest).toBeLessThan(wideBefore)
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!
      const [r, g, b] = ctx.getImageData(c.width - 10, Math.floor(c.height / 2), 1, 1).data
      return r + g + b
    })
    expect(painted).toBeGreaterThan(0)
  })

  test('screenshots in light and dark', async ({ page }) => {
    const treemap = page.getByTestId('treemap')
    await page.setViewportSize({ width: 1400, height: 1000 })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.getByTestId('breadcrumb').getByRole('button', { name: 'All files' }).click({ force: true })
      await expect(treemap).toHaveAttribute('data-zoom', '')
      await page.screenshot({ path: `test-results/treemap-${scheme}.png`, fullPage: true })
      await hoverBiggestDistFile(page, treemap)
      await expect(page.getByTestId('treemap-tooltip')).toBeVisible()
      await treemap.screenshot({ path: `test-results/treemap-zoomed-${scheme}.png` })
    }
  })
})
