// An open-source package's own flag names and work notes are public with its repository: the page
// lists them at info, saying why; the same code published as proprietary keeps them at low. The
// manifest comes last in the tarball, as npm sometimes packs it.
import { expect, test } from '@playwright/test'
import { gzip } from '../../src/build/sample/archives'
import { writeTar } from '../../src/build/sample/tar'
import { openArtifact, showFlatFindings, writeTemp } from './helpers'

function artifact(license: string): string {
  const tgz = gzip(
    writeTar([
      {
        path: 'package/src/plan.ts',
        data: "// see PLAN-42 before the launch\nif (statsig.checkGate('orbit_quiet_lake')) plan()\n",
      },
      { path: 'package/package.json', data: JSON.stringify({ name: 'orbit-plan', license }) },
    ]),
  )
  return writeTemp(`orbit-plan-${license.replace(/\W/g, '')}.tgz`, tgz)
}

test('flags and notes are info under an open-source licence, low when proprietary', async ({ page }) => {
  const rows = page.getByTestId('finding-row')
  const gate = rows.filter({ hasText: 'orbit_quiet_lake' })
  const ticket = rows.filter({ hasText: 'PLAN-42' })

  await openArtifact(page, artifact('MIT'))
  await showFlatFindings(page)
  await expect(gate.locator('.severity')).toHaveText('info')
  await expect(ticket.locator('.severity')).toHaveText('info')
  await expect(gate).toHaveAttribute('title', /published under MIT, so its source is public anyway/)
  await page.screenshot({ path: '/tmp/det-b-open-source.png' })

  await openArtifact(page, artifact('UNLICENSED'))
  await showFlatFindings(page)
  await expect(gate.locator('.severity')).toHaveText('low')
  await expect(ticket.locator('.severity')).toHaveText('low')
  await expect(gate).not.toHaveAttribute('title', /published under/)
})
