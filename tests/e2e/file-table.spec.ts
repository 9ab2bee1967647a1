// The file table beside the treemap: every exposed file with path, kind, size, lines, origin and
// findings; sortable; filtered by the page's filters; a row selected shows its folder in the treemap,
// Enter opens it in the viewer.
import { expect, test } from '@playwright/test'
import { sampleFacts } from '../../src/build/sample/package'
import { manySourcesMap } from '../fixtures/lib/hostile-inputs'
import { grouped, openArtifact, samplePath, showFlatFindings, writeTemp } from './helpers'

const facts = sampleFacts()

test('lists every file, sorts, filters, and selects in the treemap', async ({ page }) => {
  await openArtifact(page, samplePath())
  const total = (await page.getByTestId('summary-total').innerText()).split(' ')[0]!
  const leaves = Number(total.replace(/,/g, ''))
  await page.getByTestId('tab-files').click()
  const table = page.getByTestId('file-table')
  await expect(table).toBeVisible()
  await expect(page.getByTestId('treemap').getByRole('application')).toBeHidden()
  await expect(table.getByTestId('file-count')).toHaveText(`${grouped(leaves)} files`)

  // Sorted by size, largest first; again: smallest first.
  const sizes = async () =>
    (await table
      .getByTestId('file-row')
      .locator('.cell.bytes')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-bytes'))))) as number[]
  const desc = await sizes()
  expect(desc.length).toBeGreaterThan(3)
  expect(desc).toEqual([...desc].sort((a, b) => b - a))
  await table.getByTestId('file-sort-bytes').click()
  const asc = await sizes()
  expect(asc).toEqual([...asc].sort((a, b) => a - b))

  // The page's search filters the table too.
  // A source whose path is in no other file's path, so the search keeps it alone.
  const source = facts.files.find(
    (f) =>
      f.hasContent &&
      f.path.includes('/') &&
      facts.files.every((g) => g === f || !g.path.toLowerCase().includes(f.path.toLowerCase())),
  )!
  await page.getByTestId('search').fill(source.path)
  await expect(table.getByTestId('file-count')).toHaveText(new RegExp(`^1 file of ${grouped(leaves)}$`))
  const row = table.getByTestId('file-row')
  await expect(row).toHaveCount(1)
  await expect(row.locator('.cell.path')).toContainText(source.path.split('/').pop()!)
  await expect(row.locator('.cell.origin')).not.toBeEmpty()

  // Selecting shows the file's folder in the treemap.
  await row.click()
  await expect(row).toHaveAttribute('aria-selected', 'true')
  await page.getByTestId('tab-map').click()
  const folder = source.path.split('/').slice(0, -1).pop()!
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-zoom', new RegExp(`/${folder}$`))

  // Enter on the row opens the file.
  await page.getByTestId('tab-files').click()
  await row.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('viewer-path')).toHaveText(source.path)
})

test('ArrowDown and ArrowUp move focus between rows in the file table and the findings table', async ({
  page,
}) => {
  await openArtifact(page, samplePath())
  const focusedIndex = () => page.evaluate(() => document.activeElement?.getAttribute('data-index') ?? null)
  await showFlatFindings(page)
  const findings = page.getByTestId('finding-row')
  await findings.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect.poll(focusedIndex).toBe('1')
  await page.keyboard.press('ArrowUp')
  await expect.poll(focusedIndex).toBe('0')
  await page.getByTestId('tab-files').click()
  await page.getByTestId('file-row').first().focus()
  // Focus moves on the next frame: wait for each step before the next key.
  await page.keyboard.press('ArrowDown')
  await expect.poll(focusedIndex).toBe('1')
  await page.keyboard.press('ArrowDown')
  await expect.poll(focusedIndex).toBe('2')
})

test('a table of 30,000 files (sorted in time slices) sorts by size both ways', async ({ page }) => {
  const count = 30_000
  await openArtifact(page, writeTemp('many.js.map', manySourcesMap(count)))
  await page.getByTestId('tab-files').click()
  const table = page.getByTestId('file-table')
  // The map and its sources.
  await expect(table.getByTestId('file-count')).toHaveText(`${grouped(count + 1)} files`)
  const bytes = () =>
    table
      .getByTestId('file-row')
      .locator('.cell.bytes')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-bytes'))))
  const largest = await bytes()
  expect(largest[0]).toBeGreaterThan(largest[1]!) // the map itself first
  expect(largest.slice(1)).toEqual([...largest.slice(1)].sort((a, b) => b - a))
  // Smallest first: 'export const v0 = 0\n', then the other one-digit sources.
  await table.getByTestId('file-sort-bytes').click()
  await page.screenshot({ path: 'test-results/file-table-sorting.png' })
  await expect(table.getByTestId('file-count')).toHaveText(`${grouped(count + 1)} files`)
  await expect.poll(async () => (await bytes())[0]).toBe('export const v0 = 0\n'.length)
  const smallest = await bytes()
  expect(smallest).toEqual([...smallest].sort((a, b) => a - b))
  await expect(table.getByTestId('file-row').first().locator('.cell.path')).toContainText('f0.ts')
})

test('after a jump scroll each rendered row shows its own file, in order, with its row index', async ({
  page,
}) => {
  const count = 30_000
  await openArtifact(page, writeTemp('many.js.map', manySourcesMap(count)))
  await page.getByTestId('tab-files').click()
  const table = page.getByTestId('file-table')
  await expect(table.getByTestId('file-count')).toHaveText(`${grouped(count + 1)} files`)
  await table.getByTestId('file-sort-path').click()
  await expect(table.getByTestId('file-sort-path')).toContainText('▴')
  const rendered = () =>
    table.getByTestId('file-row').evaluateAll((rows) =>
      rows.map((row) => ({
        index: Number(row.getAttribute('data-index')),
        rowIndex: Number(row.getAttribute('aria-rowindex')),
        path: row.querySelector('.cell.path')!.textContent!,
        title: row.getAttribute('title')!,
        bytes: Number(row.querySelector('.cell.bytes')!.getAttribute('data-bytes')),
      })),
    )
  const scrollTo = (fraction: number) =>
    table.locator('.body').evaluate((body, f) => {
      body.scrollTop = (body.scrollHeight - body.clientHeight) * f
    }, fraction)
  const check = async () => {
    const rows = await rendered()
    expect(rows.length).toBeGreaterThan(5)
    rows.forEach((row, i) => {
      expect(row.index).toBe(rows[0]!.index + i)
      expect(row.rowIndex).toBe(row.index + 2)
      expect(row.title.endsWith(row.path)).toBe(true)
      // Source f<n>.ts holds 'export const v<n> = <n>\n': its size follows from the name shown.
      const n = /\/f(\d+)\.ts$/.exec(row.path)?.[1]
      if (n !== undefined) expect(row.bytes).toBe(`export const v${n} = ${n}\n`.length)
    })
    const paths = rows.map((r) => r.path)
    expect(paths).toEqual([...paths].sort())
    return rows
  }
  const top = await check()
  expect(top[0]!.index).toBe(0)
  await scrollTo(0.5)
  await expect.poll(async () => (await rendered())[0]!.index).toBeGreaterThan(count / 2 - 100)
  const middle = await check()
  await scrollTo(1)
  await expect.poll(async () => (await rendered()).at(-1)!.index).toBe(count)
  await check()
  // Back at the top the same row slots show the first files again.
  await scrollTo(0)
  await expect.poll(async () => (await rendered())[0]!.index).toBe(0)
  expect(await check()).toEqual(top)
  // A click on a row after a jump selects that row's file.
  await scrollTo(0.5)
  await expect.poll(async () => (await rendered())[0]!.index).toBe(middle[0]!.index)
  const row = table.locator(`[data-testid="file-row"][data-index="${middle[3]!.index}"]`)
  await row.click()
  await expect(row).toHaveAttribute('aria-selected', 'true')
  await expect(table.locator('[data-testid="file-row"][aria-selected="true"]')).toHaveCount(1)
})
