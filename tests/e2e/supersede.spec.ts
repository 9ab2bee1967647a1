// The page keeps up: an artifact opened while the worker is stuck on another one is analysed (in a
// fresh worker), and the stuck job's late end does not send the page back to the landing page.
import { expect, test } from '@playwright/test'
import { sampleFacts } from '../../src/build/sample/package'
import { samplePath, waitForResult, writeTemp } from './helpers'

/** Runs in the page before the app: a worker that receives an analysis of an input named stuck-*
 *  behaves as one blocked inside a long step: it reads no message after that and answers nothing.
 *  Counts the workers the page starts. */
function stuckWorkerHook() {
  const Real = window.Worker
  const w = window as unknown as { __workers: number }
  w.__workers = 0
  window.Worker = class extends Real {
    #stuck = false
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      w.__workers++
    }
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      if (this.#stuck) return
      const m = message as { type?: string; inputs?: { path: string }[] }
      if (m.type === 'analyze' && m.inputs?.some((i) => i.path.startsWith('stuck'))) {
        this.#stuck = true
        return
      }
      super.postMessage(message, transfer as Transferable[])
    }
  }
}

test.describe('with a worker that gets stuck', () => {
  // The service worker could serve the worker script; the hook wraps the constructor either way.
  test.use({ serviceWorkers: 'block' })

  test('a new artifact supersedes a stuck one, and stays', async ({ page }) => {
    test.setTimeout(90_000)
    await page.addInitScript(stuckWorkerHook)
    await page.goto('./')
    // The reader and its scan pool (one scan worker per core beyond the reader's, at least one) start
    // with the page, before any drop; the analysis starts no more.
    await expect(page.getByTestId('file-input')).toBeAttached()
    const cores = await page.evaluate(() => navigator.hardwareConcurrency)
    const firstSet = 1 + Math.max(1, Math.min(4, cores - 1))
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __workers: number }).__workers))
      .toBe(firstSet)
    await page.getByTestId('file-input').setInputFiles(writeTemp('stuck-1.0.0.tgz', 'any bytes'))
    await expect(page.getByTestId('progress')).toBeVisible()
    await expect(page.getByTestId('headline')).toHaveText('Reading the artifact…')
    expect(await page.evaluate(() => (window as unknown as { __workers: number }).__workers)).toBe(firstSet)

    // The user gives up on it and opens another artifact from the results page.
    await page.getByTestId('file-input').setInputFiles(samplePath())
    await waitForResult(page)
    await expect(page.locator('header .input')).toHaveText(sampleFacts().fileName)
    // It ran in a fresh set of workers: the stuck one and its pool were replaced.
    expect(await page.evaluate(() => (window as unknown as { __workers: number }).__workers)).toBe(
      2 * firstSet,
    )
    await expect(page.getByTestId('fatal')).toHaveCount(0)
    await expect(page.getByRole('status')).toHaveCount(0)
    // And it stays: nothing of the stuck job comes back later (a grace time or two after).
    await page.waitForTimeout(3_500)
    await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true')
    await expect(page.locator('header .input')).toHaveText(sampleFacts().fileName)
    await expect(page.getByTestId('treemap')).toHaveAttribute('data-state', 'ready')
  })
})
