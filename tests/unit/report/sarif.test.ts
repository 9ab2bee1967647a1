import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { formatSarif, pathToUri } from '../../../src/core/report/format-sarif'
import { buildSamplePackage, SAMPLE_FILE_NAME } from '../../../src/build/sample/package'
import { exposed, finding, incidentLikeReport, makeReport } from './make-report'

// The official SARIF 2.1.0 schema (see sarif-2.1.0.schema.README.md), checked with formats on: a
// `uri-reference` that is not one, or a `uri` that is relative, fails here as it would in a consumer.
const schema = JSON.parse(readFileSync(new URL('./sarif-2.1.0.schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv({ allErrors: true })
addFormats(ajv)
const validateSarif = ajv.compile(schema)

function expectValid(log: unknown) {
  const ok = validateSarif(log)
  expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors?.slice(0, 3))).toEqual([])
  expect(ok).toBe(true)
}

interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: string
  message: { text: string }
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region?: Record<string, number> }
    logicalLocations: { fullyQualifiedName: string }[]
  }[]
  partialFingerprints: Record<string, string>
}
interface SarifRule {
  id: string
  help: { text: string }
  defaultConfiguration: { level: string }
}
interface SarifRun {
  tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } }
  results: SarifResult[]
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[]
}
const runOf = (log: Record<string, unknown>) => (log.runs as SarifRun[])[0]

describe('formatSarif against the SARIF 2.1.0 schema', () => {
  it('the validator rejects what the schema forbids (it is really checking)', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false)
    expect(validateSarif({ version: '2.1.0', runs: [], extra: 1 })).toBe(false)
    const bad = formatSarif(incidentLikeReport()) as { runs: SarifRun[] }
    bad.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b|c'
    expect(validateSarif(bad)).toBe(false)
  })

  it('validates for a report with findings of every severity, errors and a file-level finding', () => {
    expectValid(formatSarif(incidentLikeReport()))
  })

  it('validates for an empty report and for hostile paths', () => {
    expectValid(formatSarif(makeReport('empty.tgz', [])))
    const odd = [
      'src/a b/c#d?.ts',
      'webpack:/x.js',
      '/abs/path/ünïcode.ts',
      '../up/../and%20back.js',
      '[x](y) <b>.js',
      '',
    ]
    const report = makeReport(
      'odd.tgz',
      odd.map((p) => exposed(p, ['odd.tgz'], 'bundle')),
      odd.map((p, i) => finding({ rule: `rule-${i}`, path: p, origin: ['odd.tgz'], line: i, column: i })),
      [{ path: 'odd.tgz › x', message: 'truncated', level: 'limit' }],
    )
    expectValid(formatSarif(report))
  })

  it('validates for the analysis of the sample package', async () => {
    const report = await analyze([memorySource(SAMPLE_FILE_NAME, buildSamplePackage())])
    const log = formatSarif(report)
    expectValid(log)
    expect((log.runs as SarifRun[])[0].results).toHaveLength(report.findings.length)
  })
})

describe('formatSarif', () => {
  it('writes one run with a rule per rule id and a result per finding', () => {
    const report = incidentLikeReport()
    const log = formatSarif(report)
    expect(log.version).toBe('2.1.0')
    expect(log.runs).toHaveLength(1)
    const run = runOf(log)
    expect(run.tool.driver.name).toBe('exposure-explorer')
    expect(run.tool.driver.version).toBe(report.tool.version)
    expect(run.tool.driver.informationUri).toBeUndefined()
    const ids = run.tool.driver.rules.map((r) => r.id)
    expect(ids).toEqual([...new Set(report.findings.map((f) => f.rule))].sort())
    const critical = run.tool.driver.rules.find((r) => r.id === 'sourcemap-first-party-content')!
    expect(critical.defaultConfiguration.level).toBe('error')
    expect(critical.help.text.length).toBeGreaterThan(20)
    expect(run.tool.driver.rules.find((r) => r.id === 'internal-hostname')!.defaultConfiguration.level).toBe(
      'warning',
    )
    expect(run.tool.driver.rules.find((r) => r.id === 'todo-comment')!.defaultConfiguration.level).toBe(
      'note',
    )
    expect(run.results).toHaveLength(report.findings.length)
    run.results.forEach((r, i) => {
      const f = report.findings[i]
      expect(r.ruleId).toBe(f.rule)
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(f.rule)
      const loc = r.locations[0]
      expect(loc.physicalLocation.artifactLocation.uri).toBe(f.path)
      expect(loc.logicalLocations[0].fullyQualifiedName).toBe([...f.origin!, f.path].join(' › '))
      if (f.line > 0)
        expect(loc.physicalLocation.region).toMatchObject({ startLine: f.line, startColumn: f.column })
      else expect(loc.physicalLocation.region).toBeUndefined()
    })
    expect(run.results[1].locations[0].physicalLocation.region!.endColumn).toBe(39)
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1)
  })

  it('keeps fingerprints across versions (other tarball name, shifted line) and apart for distinct leaks', () => {
    const leak = (tgz: string, line: number, excerpt = 'TOKEN=ghp_••••') =>
      makeReport(
        tgz,
        [exposed('package/a.js', [tgz], 'bundle')],
        [finding({ rule: 'github-token', path: 'package/a.js', origin: [tgz], line, excerpt })],
      )
    const fp = (log: Record<string, unknown>) => runOf(log).results[0].partialFingerprints
    expect(fp(formatSarif(leak('a-1.0.tgz', 3)))).toEqual(fp(formatSarif(leak('a-1.1.tgz', 9))))
    expect(fp(formatSarif(leak('a-1.0.tgz', 3)))).not.toEqual(
      fp(formatSarif(leak('a-1.0.tgz', 3, 'X=ghp_••'))),
    )
  })

  it('ties the places of one exposure by correlationGuid and summarizes the exposures in the run', () => {
    const tgz = 'a-1.0.tgz'
    const host = (path: string, line: number) =>
      finding({
        rule: 'internal-hostname',
        category: 'internal-endpoints',
        path,
        origin: [tgz],
        line,
        subject: 'h.corp',
      })
    const report = makeReport(
      tgz,
      [exposed('package/a.js', [tgz], 'bundle')],
      [
        host('package/a.js', 1),
        host('package/b.js', 4),
        finding({ rule: 'r', path: 'package/a.js', origin: [tgz] }),
      ],
    )
    const log = formatSarif(report)
    expectValid(log)
    const run = runOf(log) as unknown as {
      results: { correlationGuid: string; properties: { exposure: { title: string } } }[]
      properties: { exposures: { total: number; brief: string[] } }
    }
    expect(run.results[0].correlationGuid).toBe(run.results[1].correlationGuid)
    expect(run.results[2].correlationGuid).not.toBe(run.results[0].correlationGuid)
    expect(run.results[0].properties.exposure.title).toBe('internal host h.corp')
    expect(run.properties.exposures.total).toBe(2)
    expect(run.properties.exposures.brief).toContain('Infrastructure: 1 internal host — h.corp')
  })

  it('encodes exposed paths as URI references', () => {
    expect(pathToUri('src/a b/c#d.ts')).toBe('src/a%20b/c%23d.ts')
    expect(pathToUri('webpack:/x.js')).toBe('webpack%3A/x.js')
  })
})
