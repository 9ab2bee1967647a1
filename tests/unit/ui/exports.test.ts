import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { reconstructedPaths } from '../../../src/core/report/formats/paths'
import { exportFile } from '../../../src/ui/export/exports'
import { NEWLINE_SOURCES, newlineNamesTarball } from '../../fixtures/lib/hostile-text'

describe('the "paths" export', () => {
  it('is one line per reconstructed file, whatever newlines the names hold', async () => {
    const report = await analyze([memorySource('newline-names-1.0.0.tgz', newlineNamesTarball())])
    const paths = reconstructedPaths(report)
    // The names reach the report as written, newlines and all.
    expect(paths.some((p) => p.includes('\n'))).toBe(true)
    const text = exportFile(report, 'paths').parts.join('')
    const lines = text.split('\n').slice(0, -1)
    expect(lines).toHaveLength(paths.length)
    expect(lines).toHaveLength(NEWLINE_SOURCES.length)
    expect(lines).toContain('src/a.ts\\nsrc/forged.ts')
    expect(lines).toContain('src/b.ts\\r\\n/etc/passwd')
    expect(lines).not.toContain('src/forged.ts')
    expect(text).not.toContain('\r')
  })
})
