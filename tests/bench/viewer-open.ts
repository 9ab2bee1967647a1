// Opening a very large file in the viewer after an analysis: from the double click on its row in the
// file table to the editor showing its first lines, and the longest main-thread task in between,
// for each path given (twice each: the worker keeps what it found the first time).
//   npx tsx tests/bench/viewer-open.ts <artifact> [--paths package/cli.js,package/cli.js.map]
//     [--dir dist-hp] [--port 4436]
import { loadavg } from 'node:os'
import type { Page } from '@playwright/test'
import { analyzeIn, cliArgs, withAppPage } from './lib/app-page'

const cli = cliArgs()
const paths = cli.opt('paths', 'package/cli.js,package/cli.js.map').split(',')

async function openOnce(page: Page, path: string): Promise<{ ms: number; longest: number }> {
  await page.getByTestId('search').fill(path)
  const row = page
    .locator(`[data-testid="file-row"]`)
    .filter({ hasText: path.split('/').pop()! })
    .first()
  await row.waitFor()
  const t0 = await page.evaluate(() => {
    const w = window as unknown as { __lt: number[] }
    w.__lt = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lt.push(e.duration)
    }).observe({ type: 'longtask' })
    return performance.now()
  })
  await row.dblclick()
  await page.waitForSelector('[data-testid="viewer-content"] .cm-line', { timeout: 120_000 })
  const t1 = await page.evaluate(() => performance.now())
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { __lt: number[] }).__lt))
  await page.keyboard.press('Escape')
  await page.getByTestId('viewer').waitFor({ state: 'detached' })
  return { ms: t1 - t0, longest }
}

await withAppPage(cli, 4436, async (page) => {
  await analyzeIn(page, cli.file)
  await page.getByTestId('tab-files').click()
  for (const path of paths)
    for (const round of ['first', 'again']) {
      const r = await openOnce(page, path)
      console.log(
        `${path} (${round}): viewer shown after ${Math.round(r.ms)} ms, longest task ${Math.round(r.longest)} ms ` +
          `(load ${loadavg()[0].toFixed(2)})`,
      )
    }
})
