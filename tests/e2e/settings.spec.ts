// Page settings: internal scopes count as first-party (remembered in this browser, the artifact is
// analysed again when they change), and third-party findings are hidden unless asked for.
import { expect, test } from '@playwright/test'
import { gzip } from '../../src/build/sample/archives'
import { writeTar } from '../../src/build/sample/tar'
import { openArtifact, showFlatFindings, waitForResult, writeTemp } from './helpers'

function artifact(): string {
  const map = {
    version: 3,
    sources: ['../src/main.ts', '../node_modules/@orbitco/billing/index.ts'],
    sourcesContent: [
      'export const main = 1\n',
      '// TODO(pat.vendor@billing-vendor.io): remove the retry hack\nexport const bill = 2\n',
    ],
    mappings: '',
    names: [],
  }
  const tgz = gzip(
    writeTar([
      { path: 'package/package.json', data: JSON.stringify({ name: '@orbitco/app', license: 'UNLICENSED' }) },
      { path: 'package/cli.js', data: 'main()\n//# sourceMappingURL=cli.js.map\n' },
      { path: 'package/cli.js.map', data: JSON.stringify(map) },
    ]),
  )
  return writeTemp('orbitco-app-1.0.0.tgz', tgz)
}

test('internal scopes count as first-party and are remembered; third-party findings show on request', async ({
  page,
}) => {
  await openArtifact(page, artifact())
  const headline = page.getByTestId('headline')
  await expect(headline).toContainText('1 first-party source file · ')
  await showFlatFindings(page)
  const rows = page.getByTestId('finding-row')
  await expect(rows.filter({ hasText: 'pat.vendor' })).toHaveCount(0)

  await page.getByTestId('settings').locator('summary').click()
  await page.getByTestId('show-third-party').check()
  await expect(rows.filter({ hasText: 'billing-vendor' }).first()).toBeVisible()
  await page.getByTestId('show-third-party').uncheck()
  await expect(rows.filter({ hasText: 'billing-vendor' })).toHaveCount(0)

  await page.getByTestId('internal-scopes').fill('@OrbitCo')
  await page.getByTestId('internal-scopes').press('Enter')
  await expect(headline).toContainText('2 first-party source files · ', { timeout: 45_000 })
  await waitForResult(page)
  await page.screenshot({ path: '/tmp/det-settings.png' })

  // Remembered in this browser: a fresh page starts with the scope set.
  await page.goto('./')
  await page.getByTestId('settings').locator('summary').click()
  await expect(page.getByTestId('internal-scopes')).toHaveValue('@orbitco')
})
