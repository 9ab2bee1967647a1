// The brief: an incident-shaped package told in one line per category, and the rules of the lines
// (counts by kind, first-party and sources first, suppressed left out of the worst severity).
import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { briefLineText, briefOf, readingOrder } from '../../../src/core/report/brief'
import type { Exposure, Report } from '../../../src/core/report/model'
import { joinWords } from '../../../src/core/report/present'
import {
  EXPOSURE_EXPERIMENT,
  EXPOSURE_GATE,
  EXPOSURE_HOST,
  EXPOSURE_TOKEN,
  exposurePackage,
} from '../../fixtures/lib/exposure-package'
import { exposed, finding, makeReport } from './make-report'

const scan = (): Promise<Report> =>
  analyze([memorySource('exposure-demo-1.0.0.tgz', exposurePackage({ extra: true }))], {})

describe('the brief of an incident-shaped package', () => {
  it('says the source tree first, then one line per category naming its exposures', async () => {
    const report = await scan()
    const brief = briefOf(report)
    expect(brief.severity).toBe('critical')
    expect(brief.shown).toBe(report.exposures!.length)
    const text = brief.lines.map(briefLineText)
    expect(text[0]).toBe('Source: 1 source tree — source of 3 first-party files via cli.js.map')
    const byLabel = new Map(brief.lines.map((l) => [l.label, l]))
    const roadmap = byLabel.get('Roadmap')!
    // Kinds in the order their first exposure comes (the experiment has more places).
    expect(roadmap.counts).toBe('1 experiment and 2 feature gates')
    expect(roadmap.items.map((i) => i.name)).toEqual([EXPOSURE_EXPERIMENT, EXPOSURE_GATE, 'BUDDY'])
    const infra = byLabel.get('Infrastructure')!
    expect(infra.items.map((i) => i.name)).toContain(EXPOSURE_HOST)
    expect(infra.counts).toBe('2 internal hosts')
    expect(briefLineText(byLabel.get('Secrets')!)).toBe(
      'Secrets: 1 — GitHub personal access token (classic) in src/config.ts',
    )
    // The prompt is named by its source file, not by the bundle it was also found in.
    expect(byLabel.get('Prompts')!.items.map((i) => i.name)).toEqual(['src/tools.ts'])
    // The dependency's author is counted as third-party.
    expect(byLabel.get('Notes')!.counts).toMatch(/in third-party code$/)
    expect(JSON.stringify(brief)).not.toContain(EXPOSURE_TOKEN)
    // Lines run most severe first.
    const ranks = brief.lines.map((l) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(l.severity))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
  })

  it('leaves suppressed exposures out (counted), and triaged ones out of the worst severity', async () => {
    const report = await scan()
    const [tree, secret] = report.exposures!
    expect([tree.severity, secret.severity]).toEqual(['critical', 'critical'])
    tree.triage = { status: 'suppressed', reason: 'published on purpose' }
    secret.triage = { status: 'suppressed', reason: 'revoked' }
    let brief = briefOf(report)
    expect(brief.suppressed).toBe(2)
    expect(brief.lines.some((l) => l.category === 'source-exposure')).toBe(false)
    expect(brief.severity).toBe('medium')
    brief = briefOf(report, { showSuppressed: true })
    expect(brief.lines[0].category).toBe('source-exposure')
    expect(brief.severity).toBe('medium')
    tree.triage = { status: 'accepted', reason: 'known' }
    brief = briefOf(report)
    expect(brief.lines[0].category).toBe('source-exposure')
    expect(brief.severity).toBe('medium')
  })
})

describe('reading order', () => {
  const tgz = 'p.tgz'
  const files = [
    exposed('package/cli.js', [tgz], 'bundle'),
    exposed('src/a.ts', [tgz, 'package/cli.js.map'], 'first-party-source'),
  ]
  const findings = [
    finding({ rule: 'r', path: 'package/cli.js', fileId: 0, severity: 'medium' }),
    finding({ rule: 'r', path: 'src/a.ts', fileId: 1, severity: 'medium' }),
    finding({ rule: 'r', path: 'src/a.ts', fileId: 1, severity: 'medium', thirdParty: true }),
    finding({ rule: 'r', path: 'src/a.ts', fileId: 1, severity: 'high', thirdParty: true }),
  ]
  const exposure = (id: number, severity: Exposure['severity'], thirdParty: boolean): Exposure => ({
    id,
    key: `k${id}`,
    kind: 'prompt',
    category: 'ai-prompts',
    rule: 'r',
    severity,
    thirdParty,
    title: `t${id}`,
    findings: [id],
    places: 1,
  })
  it('puts the more severe, then first-party, then sources before bundles', () => {
    const report = makeReport(tgz, files, findings)
    const exposures = [
      exposure(0, 'medium', false),
      exposure(1, 'medium', false),
      exposure(2, 'medium', true),
      exposure(3, 'high', true),
    ]
    const order = readingOrder(report)
    expect([...exposures].sort(order).map((e) => e.id)).toEqual([3, 1, 0, 2])
  })
})

describe('joinWords', () => {
  it('joins like prose', () => {
    expect(joinWords([])).toBe('')
    expect(joinWords(['a'])).toBe('a')
    expect(joinWords(['a', 'b'])).toBe('a and b')
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})
