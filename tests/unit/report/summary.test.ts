import { describe, expect, it } from 'vitest'
import { summarize, SummaryBuilder, unscannedNote } from '../../../src/core/report/summary'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import type { ExposedFile, Summary } from '../../../src/core/report/model'

const file = (
  id: number,
  path: string,
  origin: string[],
  kind: ExposedFile['kind'],
  lines: number,
): ExposedFile => ({
  id,
  path,
  origin,
  kind,
  bytes: lines * 10,
  lines,
  hasContent: true,
})

describe('summarize', () => {
  it('counts first-party sources and names the map they were reconstructed from', () => {
    const files = [
      file(0, 'package/cli.js.map', ['pkg.tgz'], 'source-map', 1),
      file(1, 'src/a.ts', ['pkg.tgz', 'package/cli.js.map'], 'first-party-source', 1200),
      file(2, 'src/b.ts', ['pkg.tgz', 'package/cli.js.map'], 'first-party-source', 34),
      file(3, 'node_modules/x/i.js', ['pkg.tgz', 'package/cli.js.map'], 'third-party-source', 99),
    ]
    const s = summarize(files, [])
    expect(s.firstPartySourceFiles).toBe(2)
    expect(s.firstPartySourceLines).toBe(1234)
    expect(s.kinds['third-party-source']).toEqual({ files: 1, bytes: 990 })
    expect(s.headline).toBe(
      '2 first-party source files · 1,234 lines · reconstructed from package/cli.js.map',
    )
  })

  it('does not count first-party sources without content', () => {
    const named = { ...file(0, 'src/a.ts', ['a.map'], 'first-party-source', 0), hasContent: false, bytes: 0 }
    const s = summarize([named], [])
    expect(s.firstPartySourceFiles).toBe(0)
    expect(s.headline).toBe('1 file exposed · no first-party source')
  })
})

describe('SummaryBuilder', () => {
  it.each([1, 7, 50, 1000])(
    'fed the sample package in batches of %i gives the report summary exactly',
    async (size) => {
      const report = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())])
      expect(report.summary.firstPartySourceFiles).toBeGreaterThan(0)
      expect(report.findings.length).toBeGreaterThan(0)
      const builder = new SummaryBuilder()
      const seen: Summary[] = []
      for (let i = 0; i < Math.max(report.files.length, report.findings.length); i += size) {
        builder.addFiles(report.files.slice(i, i + size))
        builder.addFindings(report.findings.slice(i, i + size))
        seen.push(builder.build())
      }
      expect(seen.at(-1)).toEqual(report.summary)
      // Each build is a snapshot: later batches do not change a summary already handed out.
      if (seen.length > 1) expect(seen[0]).not.toEqual(seen.at(-1))
      expect(seen[0]).toEqual(summarize(report.files.slice(0, size), report.findings.slice(0, size)))
    },
  )
})

describe('unscannedNote', () => {
  const entry = (unscanned: boolean) => ({ path: 'a', message: 'm', ...(unscanned ? { unscanned } : {}) })
  it('says how many entries left parts unscanned and what the gate does with them', () => {
    expect(unscannedNote([entry(false)])).toBeUndefined()
    expect(unscannedNote([entry(true)])).toBe(
      'It left parts not read or scanned: a release gate (--fail-on) counts it as a high finding unless --allow-unscanned is given.',
    )
    expect(unscannedNote([entry(true), entry(true)])).toMatch(/^All of them left .* counts each as a high/)
    expect(unscannedNote([entry(true), entry(false), entry(true)])).toMatch(/^2 of them left/)
  })
})
