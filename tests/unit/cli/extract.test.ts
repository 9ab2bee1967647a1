// `scan --extract DIR` on the incident-shaped tarball: every source of the map is written with the
// bytes the map holds (with --keep-secrets), at the path the manifest gives for its `sources[i]`;
// without the flag the secrets are masked and nothing else changes length.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './run-cli'
import { MANIFEST_NAME, type ExtractManifest } from '../../../src/core/report/extract'
import { writeIncident } from '../../fixtures/make-incident'
import { mapSources } from '../../fixtures/lib/map-sources'
import { sampleSecrets } from '../../../src/build/sample/leaks'

const dir = mkdtempSync(join(tmpdir(), 'ee-extract-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const tgz = join(dir, 'incident.tgz')
writeIncident(tgz, 0.02)
const reference = mapSources(tgz, 'package/cli.js.map')

async function extract(out: string, ...flags: string[]): Promise<ExtractManifest> {
  const run = await runCli(['scan', tgz, '--extract', out, ...flags])
  expect([0, 1], run.stderr).toContain(run.code)
  return JSON.parse(readFileSync(join(out, MANIFEST_NAME), 'utf8')) as ExtractManifest
}

function filesUnder(root: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(relative(root, p).split('\\').join('/'))
    }
  }
  walk(root)
  return out.sort()
}

describe('scan --extract', () => {
  it('writes every source of the map with its bytes, at the manifest path of its sources[i]', async () => {
    const out = join(dir, 'raw')
    const manifest = await extract(out, '--keep-secrets')
    expect(manifest.secretsMasked).toBe(false)
    expect(manifest.sources.map((s) => s.source)).toEqual(reference.map((r) => r.source))
    const withContent = reference.filter((r) => r.content !== null)
    expect(withContent.length).toBeGreaterThan(10)
    for (const [i, r] of reference.entries()) {
      const entry = manifest.sources[i]!
      if (r.content === null) continue
      expect(readFileSync(join(out, entry.path)).equals(Buffer.from(r.content, 'utf8')), entry.path).toBe(
        true,
      )
    }
    const written = manifest.sources.filter((s) => s.hasContent).map((s) => s.path)
    expect(filesUnder(out)).toEqual([...written, MANIFEST_NAME].sort())
  })

  it('masks secrets unless asked, keeping every text the same length', async () => {
    const out = join(dir, 'masked')
    const manifest = await extract(out)
    expect(manifest.secretsMasked).toBe(true)
    const all = manifest.sources
      .filter((s) => s.hasContent)
      .map((s) => readFileSync(join(out, s.path), 'utf8'))
      .join('\n')
    for (const secret of [sampleSecrets().awsAccessKeyId, sampleSecrets().githubToken])
      expect(all).not.toContain(secret)
    for (const [i, r] of reference.entries())
      if (r.content !== null)
        expect(readFileSync(join(out, manifest.sources[i]!.path), 'utf8').length).toBe(r.content.length)
  })

  it('--keep-secrets without --extract is a usage error', async () => {
    const run = await runCli(['scan', tgz, '--keep-secrets'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--keep-secrets only applies to --extract')
  })
})
