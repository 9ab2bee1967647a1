import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import {
  buildTimeline,
  failedVersion,
  versionScanOf,
  type VersionScan,
} from '../../../src/core/report/timeline'
import { formatTimelineMarkdown, formatTimelineText } from '../../../src/core/report/timeline-format'
import { parseTimeline, TIMELINE_PREFIX } from '../../../src/core/report/timeline-read'
import {
  HISTORY_PACKAGE,
  HISTORY_VERSIONS,
  historyFileName,
  historyVersion,
  planMismatches,
  PLAN,
} from '../../fixtures/lib/history-versions'
import { seededRandom, token, UPPER_ALNUM } from '../../../src/build/sample/random'

const key = new Uint8Array(32).map((_, i) => i * 7 + 1)

async function scanVersion(i: number, matchKey = key): Promise<VersionScan> {
  const report = await analyze([memorySource(historyFileName(i), historyVersion(i))], {
    match: { key: matchKey },
  })
  return versionScanOf(HISTORY_VERSIONS[i], report, `2026-01-0${i + 1}T00:00:00.000Z`)
}

const scans = await Promise.all(HISTORY_VERSIONS.map((_, i) => scanVersion(i)))

describe('timeline of generated versions', () => {
  const timeline = buildTimeline({ package: HISTORY_PACKAGE }, scans)

  it('reports each planted exposure appearing and going away at its planned version', () => {
    expect(planMismatches(timeline)).toEqual([])
    // The plan is not trivial: every version but the last two adds something, five take something away.
    expect(timeline.versions.filter((v) => v.appeared.length > 0).length).toBeGreaterThanOrEqual(5)
    expect(timeline.versions.filter((v) => v.gone.length > 0).length).toBeGreaterThanOrEqual(4)
  })

  it('marks the first appearance and counts the versions carrying each exposure', () => {
    for (const e of timeline.exposures) {
      const carrying = timeline.versions.filter((v) => v.exposures.includes(e.id))
      expect(carrying[0].version).toBe(e.firstVersion)
      expect(carrying.at(-1)!.version).toBe(e.lastVersion)
      expect(carrying.length).toBe(e.versions)
      expect(timeline.versions.find((v) => v.appeared.includes(e.id))!.version).toBe(e.firstVersion)
    }
  })

  it('a token replaced by one of the same shape is a new exposure; the same token later is not', () => {
    const secrets = timeline.exposures.filter((e) => e.category === 'secrets')
    expect(secrets.map((e) => [e.firstVersion, e.lastVersion])).toEqual(
      PLAN.filter((p) => p.category === 'secrets').map((p) => [
        HISTORY_VERSIONS[p.from],
        HISTORY_VERSIONS[p.to],
      ]),
    )
    // Both redact to the same shape; they are told apart only by the keyed hash, which is not shown.
    expect(secrets[0].excerpt).toContain('••••')
  })

  it('never carries a secret value or a keyed hash, in any format', () => {
    const rng = seededRandom(0x1ed6e2)
    const keys = ['AKIA' + token(rng, UPPER_ALNUM, 16), 'AKIA' + token(rng, UPPER_ALNUM, 16)]
    const hashes = scans
      .flatMap((s) => s.exposures.map((e) => / (h:[0-9a-f]+)$/.exec(e.key)?.[1]))
      .filter((k) => k !== undefined)
    expect(hashes.length).toBeGreaterThan(0)
    for (const text of [
      JSON.stringify(timeline),
      formatTimelineText(timeline),
      formatTimelineMarkdown(timeline),
    ]) {
      for (const k of keys) expect(text).not.toContain(k)
      for (const h of hashes) expect(text).not.toContain(h.slice(2))
    }
  })

  it('the JSON round-trips and is read back as a timeline; a report is not', async () => {
    expect(parseTimeline(JSON.stringify(timeline))).toEqual(timeline)
    const report = await analyze([memorySource(historyFileName(0), historyVersion(0))])
    expect(() => parseTimeline(JSON.stringify(report))).toThrow('not a timeline')
    expect(TIMELINE_PREFIX.test(JSON.stringify(timeline, null, 1))).toBe(true)
    expect(TIMELINE_PREFIX.test(JSON.stringify(report))).toBe(false)
  })

  it('hashes made with another key give the same story (identities are per key, the timeline is not)', async () => {
    const other = await Promise.all(
      HISTORY_VERSIONS.map((_, i) => scanVersion(i, new Uint8Array(32).fill(3))),
    )
    const again = buildTimeline({ package: HISTORY_PACKAGE }, other)
    expect(again.versions.map((v) => v.change)).toEqual(timeline.versions.map((v) => v.change))
  })
})

describe('a version that could not be read', () => {
  it('is marked and skipped: the next version is compared with the last one read', () => {
    const withGap = [scans[2], failedVersion(HISTORY_VERSIONS[3], 'npm: 404 Not Found'), scans[4]]
    const t = buildTimeline({ package: HISTORY_PACKAGE }, withGap)
    expect(t.versions[1]).toMatchObject({
      failed: 'npm: 404 Not Found',
      appeared: [],
      gone: [],
      change: 'not read',
    })
    const direct = buildTimeline({ package: HISTORY_PACKAGE }, [scans[2], scans[4]])
    const categories = (ids: number[], tl: typeof t) => ids.map((id) => tl.exposures[id].category).sort()
    expect(categories(t.versions[2].appeared, t)).toEqual(categories(direct.versions[1].appeared, direct))
    expect(categories(t.versions[2].gone, t)).toEqual(categories(direct.versions[1].gone, direct))
    expect(formatTimelineText(t)).toMatch(/^ {2}not read: npm: 404 Not Found$/m)
  })
})

describe('timeline text and Markdown', () => {
  it('artifact and registry text cannot start a line, drive a terminal or become Markdown', () => {
    const hostile = scans.map((s, i) => ({
      ...s,
      version: i === 1 ? '1.1.0\n::error::pwned\u001b]8;;http://x\u0007' : s.version,
      exposures: s.exposures.map((e) => ({
        ...e,
        excerpt: `[x](http://evil)\n<img src=x onerror=alert(1)>${e.excerpt}`,
      })),
    }))
    const t = buildTimeline({ package: '@acme/\u202Eledger' }, hostile)
    const text = formatTimelineText(t)
    for (const c of ['\u001b', '\u0007', '\u202E']) expect(text).not.toContain(c)
    expect(text).not.toMatch(/^\s*::/m)
    expect(text).toContain('\\n::error::pwned\\x1B')
    const md = formatTimelineMarkdown(t)
    // Escaped punctuation is literal text in Markdown: no tag, no link.
    expect(md).toContain('\\<img')
    expect(md).not.toMatch(/(?<!\\)<img/)
    expect(md).not.toMatch(/(?<!\\)\]\(http/)
    expect(md).not.toMatch(/^\s*::/m)
  })

  it('lists every version with its figures and the change line', () => {
    const t = buildTimeline({ package: HISTORY_PACKAGE, range: '>=1' }, scans)
    const text = formatTimelineText(t)
    for (const v of t.versions) expect(text).toContain(`Version ${v.version} (2026-01-0`)
    expect(text).toContain(`History of ${HISTORY_PACKAGE}: ${HISTORY_VERSIONS.length} versions in >=1`)
    const md = formatTimelineMarkdown(t)
    expect(md.split('\n').filter((l) => /^\| \d/.test(l))).toHaveLength(HISTORY_VERSIONS.length)
  })
})
