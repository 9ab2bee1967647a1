// A detector that throws on one file costs that file's scan only: the rest is listed and scanned.
import { describe, expect, it, vi } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'

vi.mock('../../../src/core/detectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/core/detectors')>()),
  scanContentWithin: (file: { path: string }) => {
    if (file.path === 'bad.js') throw new Error('boom')
    return { findings: [], stoppedAt: null }
  },
  scanArtifact: () => [],
  markThirdParty: () => undefined,
}))

describe('a failing detector', () => {
  it('adds a warning for that file and goes on', async () => {
    const text = (s: string) => new TextEncoder().encode(s)
    const report = await analyze([memorySource('bad.js', text('x')), memorySource('good.js', text('y'))])
    expect(report.files.map((f) => f.path)).toEqual(['bad.js', 'good.js'])
    expect(report.errors).toEqual([
      {
        path: 'bad.js',
        message: 'Not scanned: the detectors failed on this file (boom).',
        level: 'warning',
        unscanned: true,
      },
    ])
  })
})
