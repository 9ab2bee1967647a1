// Shared browser-test helpers: generated inputs written to temp files, opening an artifact the way a
// person does (the file input), and waiting on the page's ready signals — never on a sleep.
import { expect, type Page } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Report } from '../../src/core/report/model'
import { buildSamplePackage, sampleFacts } from '../../src/build/sample/package'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** How long an analysis of a small generated fixture may take in a loaded CI container. */
export const ANALYSIS_TIMEOUT = 45_000

/** Writes `bytes` to a fresh temp folder as `name`; returns the path. */
export function writeTemp(name: string, bytes: Uint8Array | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ee-e2e-'))
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/** The generated sample package on disk, under its real file name. */
export function samplePath(): string {
  return writeTemp(sampleFacts().fileName, buildSamplePackage())
}

/** Waits until the analysis is done: the final headline and a treemap that has drawn. */
export async function waitForResult(page: Page): Promise<void> {
  await expect(page.getByTestId('headline')).toHaveAttribute('data-final', 'true', {
    timeout: ANALYSIS_TIMEOUT,
  })
  await expect(page.getByTestId('treemap')).toHaveAttribute('data-state', 'ready', {
    timeout: ANALYSIS_TIMEOUT,
  })
}

/** Opens the app and analyses `paths` through the file input, as one artifact. */
export async function openArtifact(page: Page, paths: string | string[]): Promise<void> {
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(paths)
  await waitForResult(page)
}

/** The CLI's JSON report for the same input (exit code 1 only means findings at the threshold). */
export function cliReport(path: string): Report {
  const run = spawnSync(process.execPath, ['src/cli/bin.js', 'scan', path, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  if (run.status !== 0 && run.status !== 1) throw new Error(`CLI failed (${run.status}): ${run.stderr}`)
  return JSON.parse(run.stdout) as Report
}

/** Exports the page's JSON report and checks it field by field against `scan --format json` of the
 *  same input (timings aside, the two must be the same report). Returns the exported report. */
export async function expectExportEqualsCli(page: Page, input: string): Promise<Report> {
  const download = page.waitForEvent('download')
  await page.getByTestId('export-json').click()
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as Report
  const cli = cliReport(input)
  for (const field of ['tool', 'input', 'summary', 'files', 'findings', 'errors'] as const)
    expect(exported[field], field).toEqual(cli[field])
  return exported
}

/** "1234567" -> "1,234,567", as the page and the report headline write numbers. */
export const grouped = (n: number): string => n.toLocaleString('en-US')

/** A .tgz holding one member of `size` zero bytes, streamed to disk (a few MB for gigabytes of
 *  content): an input that keeps the worker busy long enough to cancel it. */
export async function writeBigZeroTarGz(size: number): Promise<string> {
  const { createGzip } = await import('node:zlib')
  const { createWriteStream } = await import('node:fs')
  const { tarHeader, tarPadding, TAR_END } = await import('../../src/build/sample/tar')
  const path = join(mkdtempSync(join(tmpdir(), 'ee-e2e-')), 'big-zeros.tgz')
  const gzip = createGzip({ level: 1 })
  const done = new Promise<void>((resolvePromise, reject) => {
    gzip.pipe(createWriteStream(path)).on('finish', resolvePromise).on('error', reject)
  })
  const write = (chunk: Uint8Array) =>
    new Promise<void>((resolveWrite) =>
      gzip.write(chunk) ? resolveWrite() : gzip.once('drain', resolveWrite),
    )
  for (const block of tarHeader({ path: 'package/zeros.bin' }, size)) await write(block)
  const zeros = new Uint8Array(16 * 1024 * 1024)
  for (let left = size; left > 0; left -= zeros.length)
    await write(zeros.subarray(0, Math.min(left, zeros.length)))
  await write(tarPadding(size))
  await write(TAR_END)
  gzip.end()
  await done
  return path
}

/** Switches the findings table from a row per exposure (the default once the analysis is done) to a
 *  row per finding, for checks about single findings. */
export async function showFlatFindings(page: Page): Promise<void> {
  const toggle = page.getByTestId('group-toggle')
  if ((await toggle.count()) > 0) await toggle.uncheck()
  await expect(page.getByTestId('exposure-row')).toHaveCount(0)
}
