// The HTML incident report (`scan --format html`, the page's HTML report) opened from disk: it makes
// no request at all, runs nothing, and a hostile artifact's names show as text.
import { expect, test } from '@playwright/test'
import { analyze } from '../../src/core/analyze'
import { memorySource } from '../../src/core/input/byte-source'
import { htmlParts } from '../../src/core/report/format-html'
import { buildHostileNamesPackage, HOSTILE_FILE_NAME, PWNED_IMG } from '../fixtures/lib/hostile-names'
import { exposurePackage } from '../fixtures/lib/exposure-package'
import { openArtifact, ROOT, writeTemp } from './helpers'
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

async function reportFile(name: string, bytes: Uint8Array): Promise<string> {
  const report = await analyze([memorySource(name, bytes)])
  const html = [...htmlParts(report, { treemapImage: 'data:image/png;base64,iVBORw0KGgo=' })].join('')
  return writeTemp(`${name}.exposure.html`, html)
}

for (const [name, bytes] of [
  [HOSTILE_FILE_NAME, buildHostileNamesPackage()],
  ['exposure-demo-1.0.0.tgz', exposurePackage()],
] as const) {
  test(`the HTML report of ${name} opens from disk with no request and no markup of the artifact's`, async ({
    page,
  }) => {
    const path = await reportFile(name, bytes)
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(`file://${path}`)
    await expect(page.getByRole('heading', { name: 'Brief' })).toBeVisible()
    // The page itself is the only thing loaded (the treemap picture is a data: URL).
    expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([`file://${path}`])
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(await page.locator('script').count()).toBe(0)
    expect(await page.locator('img').count()).toBe(1)
    if (name === HOSTILE_FILE_NAME) await expect(page.locator('body')).toContainText(PWNED_IMG)
    // Each brief link opens an exposure of the same document.
    const link = page.locator('a[href^="#exposure-"]').first()
    const target = (await link.getAttribute('href'))!
    await link.click()
    await expect(page.locator(target)).toBeInViewport()
  })
}

test('the page saves the HTML report the CLI writes, with the treemap picture; it opens from disk with no request', async ({
  page,
  browser,
}) => {
  const bytes = exposurePackage({ extra: true })
  const path = writeTemp('exposure-demo-1.0.0.tgz', bytes)
  await openArtifact(page, path)
  const saved = page.waitForEvent('download')
  await page.getByTestId('export-html').click()
  const download = await saved
  expect(download.suggestedFilename()).toBe('exposure-demo-1.0.0.exposure.html')
  const html = readFileSync(await download.path(), 'utf8')
  // Opened as the user would: the saved file under its .html name.
  const file = writeTemp(download.suggestedFilename(), html)
  // The artifact's identity, as scan --format html gives it.
  expect(html).toContain(createHash('sha256').update(bytes).digest('hex'))
  // The same report as the CLI's, but for the treemap picture only the page can draw.
  const cli = spawnSync(process.execPath, ['src/cli/bin.js', 'scan', path, '--format', 'html'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const picture =
    /<h2>Treemap<\/h2>\n<img class="treemap" alt="[^"]*" src="data:image\/png;base64,[A-Za-z0-9+/=]+">\n/
  expect(html).toMatch(picture)
  expect(html.replace(picture, '')).toBe(cli.stdout)

  const reader = await browser.newPage()
  const requests: string[] = []
  reader.on('request', (r) => requests.push(r.url()))
  await reader.goto(`file://${file}`)
  await expect(reader.getByRole('heading', { name: 'Brief' })).toBeVisible()
  expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([`file://${file}`])
  expect(await reader.locator('script').count()).toBe(0)
  const img = reader.locator('img.treemap')
  await expect(img).toBeVisible()
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(100)
  await reader.screenshot({ path: 'test-results/html-report-from-page.png', fullPage: true })
  await reader.close()
})
