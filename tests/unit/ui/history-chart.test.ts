import { describe, expect, it } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import { memorySource } from '../../../src/core/input/byte-source'
import { buildTimeline, versionScanOf } from '../../../src/core/report/timeline'
import { parseTimeline } from '../../../src/core/report/timeline-read'
import { CHART, layoutChart } from '../../../src/ui/history/chart'
import {
  HISTORY_PACKAGE,
  HISTORY_VERSIONS,
  historyFileName,
  historyVersion,
} from '../../fixtures/lib/history-versions'

const key = new Uint8Array(32).fill(5)
const scans = await Promise.all(
  HISTORY_VERSIONS.map(async (v, i) =>
    versionScanOf(
      v,
      await analyze([memorySource(historyFileName(i), historyVersion(i))], { match: { key } }),
    ),
  ),
)
const timeline = buildTimeline({ package: HISTORY_PACKAGE }, scans)

describe('history chart layout', () => {
  const layout = layoutChart(timeline)

  it('one column per version, stacked by severity to the number of exposures carried', () => {
    expect(layout.columns.map((c) => c.version)).toEqual(HISTORY_VERSIONS)
    for (const [i, c] of layout.columns.entries()) {
      expect(c.carried).toBe(timeline.versions[i].exposures.length)
      const height = c.segments.reduce((h, s) => h + s.height, 0)
      expect(height).toBeCloseTo(layout.scale(c.carried), 6)
      expect(c.top).toBeCloseTo(layout.baseline - height, 6)
      // Most severe at the bottom: segments go up in severity order.
      for (let k = 1; k < c.segments.length; k++) expect(c.segments[k].y).toBeLessThan(c.segments[k - 1].y)
    }
    expect(layout.ticks.at(-1)!).toBeGreaterThanOrEqual(layout.max)
    expect(layout.baseline - layout.scale(layout.ticks.at(-1)!)).toBeGreaterThanOrEqual(CHART.top - 1e-9)
  })

  it('marks first appearances where the timeline has them', () => {
    for (const [i, c] of layout.columns.entries()) {
      expect(c.appeared).toBe(timeline.versions[i].appeared.length)
      expect(c.segments.reduce((n, s) => n + s.appeared, 0)).toBe(timeline.versions[i].appeared.length)
      expect(c.gone).toBe(timeline.versions[i].gone.length)
    }
  })

  it('keeps columns inside the plot and labels thinned out but the newest', () => {
    const many = {
      ...timeline,
      versions: Array.from({ length: 120 }, (_, i) => ({ ...timeline.versions[i % 7], version: `1.0.${i}` })),
    }
    const wide = layoutChart(many)
    for (const c of wide.columns) {
      expect(c.x).toBeGreaterThanOrEqual(CHART.left)
      expect(c.x + c.width).toBeLessThanOrEqual(CHART.width - CHART.right + 1e-9)
    }
    const labelled = wide.columns.filter((c) => c.labelled)
    expect(labelled.length).toBeLessThanOrEqual(25)
    expect(labelled.at(-1)!.version).toBe('1.0.119')
  })
})

describe('timeline file as the page reads it', () => {
  it('round-trips through JSON; a bad field is named', () => {
    expect(parseTimeline(JSON.stringify(timeline))).toEqual(timeline)
    const bad = JSON.parse(JSON.stringify(timeline))
    bad.exposures[1].severity = 'urgent'
    expect(() => parseTimeline(JSON.stringify(bad))).toThrow('exposures[1].severity is not one of critical')
    expect(() => parseTimeline('{"format":"exposure-explorer-timeline","formatVersion":2}')).toThrow(
      'formatVersion 2 is not 1',
    )
    expect(() => parseTimeline('{"format":"exposure-explorer-timeline"')).toThrow('not valid JSON')
  })
})
