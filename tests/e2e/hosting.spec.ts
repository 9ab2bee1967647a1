// The two ways the app is hosted (issue 7): the built dist/ served from a sub-path of a static host,
// and dist/exposure-explorer.html opened from disk. Each analyses an artifact end to end, with the
// strict CSP in force and nothing blocked by it.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, test, type Page } from '@playwright/test'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../src/build/sample/package'
import { builtDist, serveStatic, watchPage, type StaticServer } from '../fixtures/lib/hostile-page'

const PREFIX = '/tools/ee/'

/** Counts the workers the page starts (the reader and its scan pool). */
function countWorkers() {
  const Real = window.Worker
  const w = window as unknown as { __workers: number }
  w.__workers = 0
  window.Worker = class extends Real {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      w.__workers++
    }
  }
}

/** The reader and at least one scan worker beside it were started. */
async function expectPool(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __workers: number }).__workers)).toBeGreaterThan(1)
}

async function expectAnalysed(page: Page): Promise<void> {
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true', { timeout: 30_000 })
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('headline')).toContainText('first-party source')
  // The treemap redraws at most every 250 ms, so its count may trail the final headline briefly.
  await expect
    .poll(async () => Number(await page.getByTestId('treemap').getAttribute('data-leaves')))
    .toBeGreaterThan(10)
  await expect(page.getByTestId('exposure-row').first()).toBeVisible()
}

test.describe('served from a sub-path', () => {
  let server: StaticServer
  test.beforeAll(async () => {
    server = await serveStatic(builtDist(), PREFIX)
  })
  test.afterAll(() => server.close())

  test('analyses the bundled sample, loading only files below the sub-path', async ({ page }) => {
    const watch = await watchPage(page)
    await page.goto(server.url)
    await page.getByTestId('try-sample').click()
    await expectAnalysed(page)
    expect(await watch.problems()).toEqual([])
    expect(server.requests.length).toBeGreaterThan(2)
    for (const path of server.requests) expect(path.startsWith(PREFIX), path).toBe(true)
    expect(server.requests).toContain(`${PREFIX}sample/${SAMPLE_FILE_NAME}`)
  })

  test('works offline after the first load (the service worker serves the app files)', async ({
    page,
    context,
  }) => {
    await page.goto(server.url)
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    // The first load was not yet controlled; reload once so the worker has seen every file.
    await page.reload()
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
    await context.setOffline(true)
    const before = server.requests.length
    await page.addInitScript(countWorkers)
    await page.reload()
    await page.getByTestId('try-sample').click()
    await expectAnalysed(page)
    await expectPool(page)
    expect(server.requests.slice(before)).toEqual([])
  })
})

test('dist/exposure-explorer.html works from file:// with everything inlined', async ({ page }) => {
  const file = join(builtDist(), 'exposure-explorer.html')
  expect(existsSync(file), `${file} (npm run build makes it)`).toBe(true)
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  const watch = await watchPage(page)
  await page.addInitScript(countWorkers)
  await page.goto(pathToFileURL(file).href)
  // No sample to fetch from disk: the landing page does not offer one.
  await expect(page.getByTestId('dropzone')).toBeVisible()
  await expect(page.getByTestId('try-sample')).toHaveCount(0)
  await page.getByTestId('file-input').setInputFiles({
    name: SAMPLE_FILE_NAME,
    mimeType: 'application/gzip',
    buffer: Buffer.from(buildSamplePackage()),
  })
  await expectAnalysed(page)
  await expectPool(page)
  expect(await watch.problems()).toEqual([])
  // One file: the page itself, then only blob:/data: URLs it made (the inlined worker).
  const external = requests.filter((u) => !/^(blob|data):/.test(u))
  expect(external).toEqual([pathToFileURL(file).href])
})
