// The other ways in: a synthetic drag-and-drop, "Try a sample", cancelling, and a worker that dies.
import { expect, test } from '@playwright/test'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildSamplePackage, sampleFacts } from '../../src/build/sample/package'
import { grouped, samplePath, waitForResult, writeBigZeroTarGz, writeTemp } from './helpers'

const facts = sampleFacts()
const expectSampleHeadline = async (page: import('@playwright/test').Page) => {
  await expect(page.getByTestId('headline')).toContainText(
    `${grouped(facts.firstPartySourceFiles)} first-party source files · ${grouped(facts.firstPartySourceLines)} lines`,
  )
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-leaves', String(facts.files.length))
}

test('a file dropped on the page is analysed', async ({ page }) => {
  await page.goto('./')
  const b64 = Buffer.from(buildSamplePackage()).toString('base64')
  await page.evaluate(
    ({ name, b64 }) => {
      const binary = atob(b64)
      const bytes = new Uint8Array(binary.length)
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
      const transfer = new DataTransfer()
      transfer.items.add(new File([bytes], name, { type: 'application/gzip' }))
      const zone = document.querySelector('[data-testid="dropzone"]')!
      const fire = (type: string) =>
        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }))
      fire('dragenter')
      fire('dragover')
      ;(window as unknown as { __transfer: DataTransfer }).__transfer = transfer
    },
    { name: facts.fileName, b64 },
  )
  await expect(page.getByText('Drop to analyse')).toBeVisible()
  await page.evaluate(() => {
    const transfer = (window as unknown as { __transfer: DataTransfer }).__transfer
    document
      .querySelector('[data-testid="dropzone"]')!
      .dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }))
  })
  await waitForResult(page)
  await expect(page.getByText('Drop to analyse')).toBeHidden()
  await expectSampleHeadline(page)
})

test('"Try a sample" analyses the bundled sample', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('try-sample').click()
  await waitForResult(page)
  await expectSampleHeadline(page)
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name))
  expect(marks).toEqual(expect.arrayContaining(['ee:input-received', 'ee:files-listed', 'ee:analysis-done']))
})

test('files stream in before the end; cancel stops a long analysis and keeps what was read', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const big = await writeBigZeroTarGz(1536 * 1024 * 1024)
  // The sample sorts before the big member: its files are listed while the big one still inflates.
  const sample = join(dirname(big), facts.fileName)
  writeFileSync(sample, buildSamplePackage())
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles([sample, big])
  await expect(page.getByTestId('progress')).toBeVisible()
  const treemap = page.getByTestId('treemap')
  await expect
    .poll(async () => Number(await treemap.getAttribute('data-leaves')), { timeout: 20_000 })
    .toBeGreaterThan(0)
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'false')
  await expect(page.getByTestId('headline')).toContainText('(so far)')
  await page.screenshot({ path: 'test-results/screens/progress-light.png' })
  await page.getByTestId('cancel').click()
  await expect(page.getByTestId('progress')).toBeHidden({ timeout: 10_000 })
  await expect(page.getByRole('status')).toContainText('Cancelled')
  // The partial report stays on screen (the core's report on abort; it may drop a file in flight).
  expect(Number(await treemap.getAttribute('data-leaves'))).toBeGreaterThan(0)
  await expect(page.getByTestId('summary')).toBeVisible()
  // The next artifact analyses normally (a fresh worker, if the old one had to be terminated).
  await page.getByTestId('file-input').setInputFiles(samplePath())
  await waitForResult(page)
  await expectSampleHeadline(page)
})

test.describe('without the service worker', () => {
  // The app's service worker precaches the worker script and claims the page: a worker started after
  // the claim is served from its cache, past page.route (it happened under CPU load).
  test.use({ serviceWorkers: 'block' })

  test('a worker that cannot run gives a clear message and a retry', async ({ page }) => {
    await page.route(/analysis\.worker/, (route) => route.abort())
    await page.goto('./')
    await page.getByTestId('file-input').setInputFiles({
      name: 'one.js',
      mimeType: 'text/javascript',
      buffer: Buffer.from(readFileSync(samplePath()).subarray(0, 10)),
    })
    const fatal = page.getByTestId('fatal')
    await expect(fatal).toContainText('analysis worker stopped')
    await page.unroute(/analysis\.worker/)
    await fatal.getByTestId('retry-lower-limits').click()
    await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true')
    await expect(page.getByTestId('fatal')).toBeHidden()
  })
})

test('a truncated archive lists its problem and keeps what was read', async ({ page }) => {
  const whole = buildSamplePackage()
  const cut = writeTemp('truncated.tgz', whole.subarray(0, Math.floor(whole.length * 0.6)))
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(cut)
  await waitForResult(page)
  await expect(page.getByTestId('errors')).toBeVisible()
  const leaves = Number(await page.getByTestId('treemap').getAttribute('data-leaves'))
  expect(leaves).toBeGreaterThan(0)
  expect(leaves).toBeLessThan(facts.files.length)
  await expect(page.getByTestId('fatal')).toBeHidden()
})

test('"Compare versions" opens the compare page and comes back', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('compare-mode').click()
  await expect(page.getByTestId('compare')).toBeVisible()
  await expect(page.getByTestId('try-sample')).toBeHidden()
  await page.getByTestId('compare').getByRole('button', { name: 'Back' }).click()
  await expect(page.getByTestId('compare')).toBeHidden()
  await expect(page.getByTestId('try-sample')).toBeVisible()
})
