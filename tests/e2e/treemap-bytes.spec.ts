// The treemap draws what leaked: on an incident-shaped tarball (a bundle, its map with the sources'
// text, binaries), each byte is drawn once. The map's sources are drawn inside the map, the map's own
// leaf weighs the rest of the map, and the drawn bytes add up to the tarball's inflated size.
import { expect, test, type Locator } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { writeIncident } from '../fixtures/make-incident'
import { openArtifact } from './helpers'
import type { RectInfo as Rect } from '../../src/ui/treemap/layout'
import { OVERHEAD_SUFFIX } from '../../src/ui/treemap/tree'

/** Sizes of the regular-file members of a .tgz, read from the tar headers. */
function memberSizes(path: string): Map<string, number> {
  const tar = gunzipSync(readFileSync(path))
  const sizes = new Map<string, number>()
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const text = (from: number, len: number) =>
      header
        .subarray(from, from + len)
        .toString('latin1')
        .replace(/\0.*$/s, '')
    const size = parseInt(text(124, 12).trim() || '0', 8)
    const type = text(156, 1)
    const name = (text(345, 155) ? text(345, 155) + '/' : '') + text(0, 100)
    if (type === '0' || type === '') sizes.set(name, size)
    at += 512 + Math.ceil(size / 512) * 512
  }
  return sizes
}

const rectsOf = async (treemap: Locator) =>
  JSON.parse((await treemap.getAttribute('data-rects')) ?? '[]') as Rect[]
const sum = (rects: Rect[]) => rects.reduce((n, r) => n + r.bytes, 0)

test('an incident-shaped tarball is drawn at its inflated size, the map as the tree it rebuilds', async ({
  page,
}) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ee-e2e-')), 'orbit-incident.tgz')
  const written = writeIncident(path, 0.02)
  const members = memberSizes(path)
  const inflated = [...members.values()].reduce((a, b) => a + b, 0)
  const mapBytes = members.get('package/cli.js.map')!
  expect(mapBytes).toBeGreaterThan(written.sourceTextBytes)

  await openArtifact(page, path)
  const treemap = page.getByTestId('treemap')
  await expect(treemap).toHaveAttribute('data-bytes', String(inflated))
  const top = await rectsOf(treemap)
  expect(sum(top)).toBe(inflated)

  // The tarball's one folder: the whole package, every member once.
  const app = treemap.getByRole('application')
  await app.click({ position: { x: top[0]!.x + 6, y: top[0]!.y + 5 } })
  await expect(treemap).toHaveAttribute('data-zoom', 'orbit-incident.tgz/package')
  const inPackage = await rectsOf(treemap)
  expect(sum(inPackage)).toBe(inflated)
  const map = inPackage.find((r) => r.name === 'cli.js.map' && r.folder)!
  expect(map.bytes).toBe(mapBytes)
  expect(inPackage.filter((r) => r.name.startsWith('cli.js.map'))).toHaveLength(1)

  // Inside the map: its sources, and its own leaf named apart, weighing the map without them.
  await app.click({ position: { x: map.x + 6, y: map.y + 5 } })
  await expect(treemap).toHaveAttribute('data-zoom', 'orbit-incident.tgz/package/cli.js.map')
  const inMap = await rectsOf(treemap)
  expect(sum(inMap)).toBe(mapBytes)
  const own = inMap.find((r) => r.name === 'cli.js.map' + OVERHEAD_SUFFIX && !r.folder)!
  expect(own.bytes).toBe(mapBytes - written.sourceTextBytes)
  expect(inMap.some((r) => r.name === 'cli.js.map')).toBe(false)
  await app.hover({ position: { x: own.x + own.w / 2, y: own.y + own.h / 2 } })
  const tip = page.getByTestId('treemap-tooltip')
  await expect(tip).toContainText('package/cli.js.map')
  await expect(tip).toContainText(/Drawn as .* without the .* of sources drawn beside it/)

  // Area by lines is one click away, and the byte total does not depend on it.
  await page.getByTestId('size-by').selectOption('lines')
  await expect(treemap).toHaveAttribute('data-bytes', String(inflated))
  await page.getByTestId('size-by').selectOption('bytes')
})

test('Area = bytes in the bundle sizes the map’s sources by what they make of cli.js', async ({ page }) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ee-e2e-')), 'orbit-incident.tgz')
  writeIncident(path, 0.02)
  const bundle = memberSizes(path).get('package/cli.js')!
  await openArtifact(page, path)
  const treemap = page.getByTestId('treemap')
  const app = treemap.getByRole('application')
  await page.getByTestId('size-by').selectOption('shipped')
  const top = await rectsOf(treemap)
  await app.click({ position: { x: top[0]!.x + 6, y: top[0]!.y + 5 } })
  await expect(treemap).toHaveAttribute('data-zoom', 'orbit-incident.tgz/package')
  // The map's sources and its bundle's unmapped bytes weigh the bundle; the bundle itself nothing.
  await expect
    .poll(async () => (await rectsOf(treemap)).find((r) => r.name === 'cli.js.map')?.size)
    .toBe(bundle)
  const inPackage = await rectsOf(treemap)
  expect(inPackage.find((r) => r.name === 'cli.js')!.size).toBe(0)
  const map = inPackage.find((r) => r.name === 'cli.js.map')!
  await app.click({ position: { x: map.x + 6, y: map.y + 5 } })
  await expect(treemap).toHaveAttribute('data-zoom', /cli\.js\.map/)
  const inMap = await rectsOf(treemap)
  const unmapped = inMap.find((r) => r.name === 'cli.js: unmapped bytes')!
  expect(unmapped.size).toBeGreaterThan(0)
  expect(inMap.reduce((n, r) => n + r.size, 0)).toBe(bundle)
  await page.screenshot({ path: 'test-results/treemap-shipped.png' })
})
