// A 302-byte tarball with a path of 5,000 folders: the treemap shows all its files, says that the
// folders past the depth limit are folded, and zooms down to the folded box.
import { expect, test, type Locator } from '@playwright/test'
import type { RectInfo as Rect } from '../../src/ui/treemap/layout'
import { FOLDED_NAME, MAX_FOLDER_DEPTH } from '../../src/ui/treemap/tree'
import { DEEP_SEGMENTS, deepPathTarball } from '../fixtures/lib/hostile-text'
import { openArtifact, writeTemp } from './helpers'

const rects = async (treemap: Locator): Promise<Rect[]> =>
  JSON.parse((await treemap.getAttribute('data-rects')) ?? '[]') as Rect[]

test(`a path of ${DEEP_SEGMENTS.toLocaleString('en-US')} folders: every file shown, the depth limit said`, async ({
  page,
}) => {
  test.setTimeout(120_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await openArtifact(page, writeTemp('deep-path-1.0.0.tgz', deepPathTarball()))
  const treemap = page.getByTestId('treemap')
  await expect(treemap).toHaveAttribute('data-leaves', '3')
  await expect(treemap.getByText('3 files')).toBeVisible()
  await expect(page.getByTestId('treemap-folded')).toContainText(
    `1 file lies deeper than ${MAX_FOLDER_DEPTH} folders`,
  )
  await page.screenshot({ path: 'test-results/screens/deep-path.png' })

  // Zoom down the chain of folders: a click on a folder's middle zooms to the deepest folder drawn
  // there (about 15 levels at a time), until the folded box is one of the view's rectangles.
  const box = treemap.getByRole('application')
  for (let step = 0; step < 60; step++) {
    const now = await rects(treemap)
    if (now.some((r) => r.name === FOLDED_NAME)) break
    const d = now.find((r) => r.name === 'd' && r.folder) ?? now.find((r) => r.folder)
    expect(d, 'a folder to zoom into').toBeTruthy()
    const zoom = (await treemap.getAttribute('data-zoom')) ?? ''
    // Near the limit, click the folder's top edge: only a few levels, never the file at the bottom.
    const depth = zoom.split('/').length
    const position =
      depth > MAX_FOLDER_DEPTH - 25
        ? { x: d!.x + 4, y: d!.y + 1 }
        : { x: d!.x + d!.w / 2, y: d!.y + d!.h / 2 }
    await box.click({ position })
    await expect(treemap).not.toHaveAttribute('data-zoom', zoom)
  }
  const folded = (await rects(treemap)).find((r) => r.name === FOLDED_NAME)
  expect(folded, 'the folded box in view').toBeTruthy()
  expect(folded!.folder).toBe(true)
  await expect(page.getByTestId('viewer')).toHaveCount(0)
  // The breadcrumb stays one line: the first levels, how many are skipped, the last levels.
  await expect(page.getByTestId('breadcrumb-skipped')).toHaveText(/… \d+ folders …/)
  expect((await page.getByTestId('breadcrumb').boundingBox())!.height).toBeLessThan(40)
  await page.screenshot({ path: 'test-results/screens/deep-path-folded.png' })
  // Into the folded box: the deep file itself.
  await box.click({ position: { x: folded!.x + 4, y: folded!.y + 4 } })
  await expect.poll(async () => (await rects(treemap)).map((r) => r.name)).toEqual(['leak.js'])
  expect(pageErrors).toEqual([])
})
