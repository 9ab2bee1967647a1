// "Download reconstructed sources": the zip made in the browser for the incident-shaped tarball holds
// each source of the map at the manifest's path for its sources[i], with the map's bytes when the box
// is ticked, and masked secrets (same lengths) when it is not.
import { expect, test, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { unzipSync, strFromU8 } from 'fflate'
import { writeIncident } from '../fixtures/make-incident'
import { mapSources } from '../fixtures/lib/map-sources'
import { sampleSecrets } from '../../src/build/sample/leaks'
import { openArtifact, writeTemp } from './helpers'
import { MANIFEST_NAME, type ExtractManifest } from '../../src/core/report/extract'

const tgz = writeTemp('incident-shaped-1.0.0.tgz', '')
writeIncident(tgz, 0.02)
const reference = mapSources(tgz, 'package/cli.js.map')

async function downloadZip(page: Page, keepSecrets: boolean) {
  const box = page.getByTestId('sources-zip-keep-secrets')
  if (keepSecrets) await box.check()
  else await box.uncheck()
  const download = page.waitForEvent('download')
  await page.getByTestId('sources-zip').click()
  const file = await (await download).path()
  const zip = unzipSync(new Uint8Array(readFileSync(file)))
  const manifest = JSON.parse(strFromU8(zip[MANIFEST_NAME]!)) as ExtractManifest
  return { zip, manifest }
}

test('the zip holds the map’s sources, same paths and bytes; masked unless ticked', async ({ page }) => {
  test.setTimeout(120_000)
  await openArtifact(page, tgz)
  const withContent = reference.filter((r) => r.content !== null).length
  await expect(page.getByTestId('sources-zip')).toHaveText(
    `Download reconstructed sources (${reference.length} files)`,
  )

  const raw = await downloadZip(page, true)
  expect(raw.manifest.secretsMasked).toBe(false)
  expect(raw.manifest.sources.map((s) => s.source)).toEqual(reference.map((r) => r.source))
  expect(Object.keys(raw.zip).length).toBe(withContent + 1)
  for (const [i, r] of reference.entries()) {
    if (r.content === null) continue
    const bytes = raw.zip[raw.manifest.sources[i]!.path]
    expect(bytes, raw.manifest.sources[i]!.path).toBeDefined()
    expect(Buffer.from(bytes!).equals(Buffer.from(r.content, 'utf8'))).toBe(true)
  }

  const masked = await downloadZip(page, false)
  expect(masked.manifest.secretsMasked).toBe(true)
  const texts = Object.entries(masked.zip)
    .filter(([name]) => name !== MANIFEST_NAME)
    .map(([, bytes]) => strFromU8(bytes))
    .join('\n')
  for (const secret of [sampleSecrets().awsAccessKeyId, sampleSecrets().githubToken])
    expect(texts).not.toContain(secret)
  for (const [i, r] of reference.entries())
    if (r.content !== null)
      expect(strFromU8(masked.zip[masked.manifest.sources[i]!.path]!).length).toBe(r.content.length)
})

test('the download sits on the map tabs’ line at 1100 px, shorter to see, its names whole', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1100, height: 800 })
  await openArtifact(page, tgz)
  const button = page.getByRole('button', {
    name: `Download reconstructed sources (${reference.length} files)`,
    exact: true,
  })
  const keep = page.getByRole('checkbox', { name: 'Keep secrets as in the artifact', exact: true })
  await expect(button).toBeVisible()
  const onTabLine = async () => {
    const tab = (await page.getByTestId('tab-map').boundingBox())!
    for (const el of [button, keep]) {
      const b = (await el.boundingBox())!
      expect(b.y + b.height / 2).toBeGreaterThan(tab.y)
      expect(b.y + b.height / 2).toBeLessThan(tab.y + tab.height)
    }
  }
  await onTabLine()
  const narrow = (await button.boundingBox())!.width
  // With room, the whole words are shown.
  await page.setViewportSize({ width: 1440, height: 900 })
  await expect.poll(async () => (await button.boundingBox())!.width).toBeGreaterThan(narrow + 50)
  await onTabLine()
})
