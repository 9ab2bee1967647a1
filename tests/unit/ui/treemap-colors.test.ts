import { describe, expect, it } from 'vitest'
import type { ExposedFile, Kind } from '../../../src/core/report/model'
import { KINDS } from '../../../src/core/report/model'
import {
  DARK,
  DIFF_COLORS,
  KIND_COLORS,
  LIGHT,
  SEVERITY_COLORS,
  textOn,
} from '../../../src/ui/treemap/colors'
import { legend, nodeColor } from '../../../src/ui/treemap/modes'
import { buildTree, findNode } from '../../../src/ui/treemap/tree'

const file = (id: number, path: string, kind: Kind = 'other'): ExposedFile => ({
  id,
  path,
  origin: [],
  kind,
  bytes: 10,
  lines: 1,
  hasContent: true,
})

describe('treemap colours', () => {
  const tree = buildTree([
    file(0, 'a/x.ts', 'first-party-source'),
    file(1, 'a/y.ts', 'test'),
    file(2, 'b/z.js', 'bundle'),
  ])
  const a = findNode(tree, ['a'])!
  const [x] = a.children!

  it('colours a leaf by its kind, a folder by its most common kind', () => {
    const cache = new Map()
    expect(nodeColor(x!, 'kind', { worst: new Map() }, LIGHT, cache)).toBe(KIND_COLORS[x!.kind])
    expect(nodeColor(findNode(tree, ['b'])!, 'kind', { worst: new Map() }, LIGHT, new Map())).toBe(
      KIND_COLORS.bundle,
    )
  })

  it('colours by the worst severity below, neutral without findings', () => {
    const worst = new Map([
      [0, 'low' as const],
      [1, 'critical' as const],
    ])
    expect(nodeColor(a, 'severity', { worst }, LIGHT, new Map())).toBe(SEVERITY_COLORS.critical)
    expect(nodeColor(findNode(tree, ['b'])!, 'severity', { worst }, DARK, new Map())).toBe(DARK.neutral)
  })

  it('colours by diff status, new winning over changed, same as neutral', () => {
    const diff = new Map([
      [0, 'changed' as const],
      [1, 'new' as const],
      [2, 'same' as const],
    ])
    expect(nodeColor(a, 'diff', { worst: new Map(), diff }, LIGHT, new Map())).toBe(DIFF_COLORS.new)
    expect(nodeColor(findNode(tree, ['b'])!, 'diff', { worst: new Map(), diff }, LIGHT, new Map())).toBe(
      LIGHT.neutral,
    )
  })

  it('lists only the kinds present, and every severity plus "No findings"', () => {
    expect(
      legend('kind', new Set<Kind>(['test', 'generated', 'bundle', 'declaration']), LIGHT).map(
        (i) => i.label,
      ),
    ).toEqual(['Bundle', 'Type declarations', 'Generated code', 'Test'])
    expect(legend('severity', new Set(), LIGHT)).toHaveLength(6)
    expect(legend('diff', new Set(), DARK).at(-1)!.color).toBe(DARK.neutral)
  })

  it('picks the more readable of black and white text for every palette colour', () => {
    const contrast = (a: string, b: string) => {
      const lum = (hex: string) => {
        const n = parseInt(hex.slice(1), 16)
        const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
          const s = v / 255
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
        })
        return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!
      }
      const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p)
      return (hi! + 0.05) / (lo! + 0.05)
    }
    for (const color of [...KINDS.map((k) => KIND_COLORS[k]), ...Object.values(SEVERITY_COLORS)]) {
      const chosen = textOn(color)
      const other = chosen === '#111111' ? '#ffffff' : '#111111'
      expect(contrast(color, chosen)).toBeGreaterThanOrEqual(contrast(color, other) * 0.8)
      expect(contrast(color, chosen)).toBeGreaterThan(3)
    }
  })
})
