// The report formats' one table: a format registered there is offered by the CLI (`--format`, its
// help) and by the page's export, with no other change. Shown with a dummy format.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { help, parseDiffArgs, parseScanArgs, UsageError } from '../../../src/cli/args'
import { main } from '../../../src/cli/main'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import {
  registerReportFormat,
  reportFormats,
  type ReportFormat,
} from '../../../src/core/report/formats/registry'
import { exportFile } from '../../../src/ui/export/exports'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'

/** Counts per kind, one line each: what a new format could be. */
const DUMMY: ReportFormat = {
  id: 'kind-counts',
  cli: '(files per kind, one line each)',
  button: { label: 'Kinds', title: 'Files per kind' },
  fileSuffix: '.kinds.txt',
  mediaType: 'text/plain',
  scan: (report) => Object.entries(report.summary.kinds).map(([kind, k]) => `${kind} ${k!.files}\n`),
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ee-formats-'))
  registerReportFormat(DUMMY)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('a report format registered in the table', () => {
  it('is accepted by scan --format and listed in the help; diff refuses it (it writes no diff)', () => {
    expect(parseScanArgs(['a.tgz', '--format', 'kind-counts']).format).toBe('kind-counts')
    expect(help()).toContain('kind-counts (files per kind, one line each)')
    expect(() => parseDiffArgs(['a.tgz', 'b.tgz', '-f', 'kind-counts'])).toThrow(UsageError)
  })

  it('writes its text for the CLI and downloads it on the page', async () => {
    const bytes = buildSamplePackage()
    const report = await analyze([memorySource(SAMPLE_FILE_NAME, bytes)])
    const expected = DUMMY.scan(report)
    const input = join(dir, SAMPLE_FILE_NAME)
    const output = join(dir, 'out.txt')
    await writeFile(input, bytes)
    expect(await main(['scan', input, '-f', 'kind-counts', '-o', output, '--fail-on', 'none'])).toBe(0)
    expect(await readFile(output, 'utf8')).toBe([...expected].join(''))
    expect(
      reportFormats()
        .filter((f) => f.button)
        .map((f) => f.id),
    ).toContain('kind-counts')
    const download = exportFile(report, 'kind-counts')
    expect(download).toEqual({
      name: 'acme-orbit-cli-3.4.1.kinds.txt',
      type: 'text/plain',
      parts: [...expected],
    })
    expect(download.parts.join('')).toMatch(/^bundle \d+$/m)
  })

  it('keeps ids unique', () => {
    expect(() => registerReportFormat({ ...DUMMY })).toThrow(/already registered/)
  })
})
