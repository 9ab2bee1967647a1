// Baselines between the CLI and the page: a baseline `scan --write-baseline` made (its secrets keyed
// hashes under its own key), loaded in the page, suppresses the same secret there (the page analyses
// again with the baseline's key); saved again by the page, it keeps the entries of the other version
// and its key, and `scan --baseline` suppresses the same exposures with it. No secret in any file.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { EXPOSURE_TOKEN, exposurePackage } from '../fixtures/lib/exposure-package'
import type { Baseline } from '../../src/core/report/baseline'
import type { Report } from '../../src/core/report/model'
import { openArtifact, ROOT, waitForResult, writeTemp } from './helpers'

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['src/cli/bin.js', ...args], { cwd: ROOT, encoding: 'utf8' })

test('a CLI baseline suppresses the same secret in the page, and the page-saved one in the CLI', async ({
  page,
}) => {
  const older = writeTemp('exposure-demo-1.0.0.tgz', exposurePackage())
  const newer = writeTemp('exposure-demo-1.1.0.tgz', exposurePackage({ version: '1.1.0', extra: true }))
  const written = writeTemp('cli.baseline.json', '')
  expect(cli('scan', newer, '--write-baseline', written, '--fail-on', 'none').status).toBe(0)
  const fromCli = JSON.parse(readFileSync(written, 'utf8')) as Baseline
  // The reviewer suppresses the secret in the file: the entry holds its keyed hash, not the token.
  const secretEntry = fromCli.entries.find((e) => e.category === 'secrets')!
  expect(secretEntry.key).toMatch(/ h:[0-9a-f]{16}$/)
  secretEntry.status = 'suppressed'
  secretEntry.reason = 'revoked'
  writeFileSync(written, JSON.stringify(fromCli))

  await openArtifact(page, older)
  const secretRow = page
    .getByTestId('exposure-row')
    .filter({ hasText: 'GitHub personal access token (classic) in src/config.ts' })
  await expect(secretRow).toHaveCount(1)
  await page.getByTestId('baseline-input').setInputFiles(written)
  await waitForResult(page)
  // Matched under the baseline's key: suppressed, so hidden until asked for.
  await expect(secretRow).toHaveCount(0)
  await page.getByTestId('show-suppressed').check()
  await expect(secretRow).toHaveAttribute('data-triage', 'suppressed')
  // Everything else the CLI accepted is accepted here too.
  await expect(page.getByTestId('exposure-row').first()).toBeVisible()
  await expect(page.locator('[data-testid="exposure-row"][data-triage=""]')).toHaveCount(0)

  const saved = page.waitForEvent('download')
  await page.getByTestId('baseline-save').click()
  const text = readFileSync(await (await saved).path(), 'utf8')
  expect(text).not.toContain(EXPOSURE_TOKEN)
  const fromPage = JSON.parse(text) as Baseline
  expect(fromPage.key).toBe(fromCli.key)
  // The entries of 1.1.0 that 1.0.0 lacks (its second host and gate) are kept.
  expect(fromPage.entries.map((e) => e.key).sort()).toEqual(fromCli.entries.map((e) => e.key).sort())
  expect(fromPage.entries.find((e) => e.key === secretEntry.key)).toMatchObject({
    status: 'suppressed',
    reason: 'revoked',
  })

  const pageFile = writeTemp('page.baseline.json', text)
  for (const input of [older, newer]) {
    const run = cli('scan', input, '--baseline', pageFile, '--format', 'json', '--fail-on', 'high')
    expect(run.status, run.stderr).toBe(0)
    const exposures = (JSON.parse(run.stdout) as Report).exposures!
    expect(exposures.filter((e) => !e.triage)).toEqual([])
    expect(exposures.filter((e) => e.triage!.status === 'suppressed').map((e) => e.kind)).toEqual(['secret'])
  }
})
