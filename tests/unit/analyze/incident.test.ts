// The incident-shaped tarball at small scale, read from disk the way the CLI reads it: the headline
// figures must equal the generator's plan exactly.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { fileSource } from '../../../src/cli/node-source'
import { writeIncident } from '../../fixtures/make-incident'

const dir = mkdtempSync(join(tmpdir(), 'ee-analyze-incident-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('analyze(incident-shaped tarball, scale 0.02)', () => {
  it('reports the planned first-party files and lines, every source under the map', async () => {
    const out = join(dir, 'incident.tgz')
    const { facts } = writeIncident(out, 0.02)
    const report = await analyze([fileSource(out, 'incident.tgz', statSync(out).size)], {
      chunkBytes: 64 * 1024,
    })
    expect(report.errors).toEqual([])
    const underMap = report.files.filter((f) => f.origin.join(' › ') === `incident.tgz › ${facts.mapPath}`)
    expect(underMap).toHaveLength(facts.sources)
    expect(report.files.length).toBe(facts.members + facts.sources)
    expect(report.summary.firstPartySourceFiles).toBe(facts.firstPartySourceFiles)
    expect(report.summary.firstPartySourceLines).toBe(facts.firstPartySourceLines)
    expect(report.summary.reconstructedFrom).toEqual([`incident.tgz › ${facts.mapPath}`])
  })
})
