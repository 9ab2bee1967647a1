// A new treemap mode is one object and one registration: the tree, the layout, the colours and the
// legend pick it up with no other change.
import { afterAll, describe, expect, it } from 'vitest'
import type { ExposedFile } from '../../../src/core/report/model'
import { LIGHT } from '../../../src/ui/treemap/colors'
import { layoutView } from '../../../src/ui/treemap/layout'
import {
  AREA_MODES,
  COLOR_MODES,
  colorModesFor,
  legend,
  nodeColor,
  registerAreaMode,
  registerColorMode,
  type AreaMode,
  type ColorMode,
} from '../../../src/ui/treemap/modes'
import { buildTree, findNode, sizeOf } from '../../../src/ui/treemap/tree'

const file = (id: number, path: string, bytes: number): ExposedFile => ({
  id,
  path,
  origin: [],
  kind: 'other',
  bytes,
  lines: 1,
  hasContent: true,
})

describe('treemap mode registry', () => {
  const areas = AREA_MODES.length
  const colors = COLOR_MODES.length
  afterAll(() => {
    AREA_MODES.splice(areas)
    COLOR_MODES.splice(colors)
  })

  it('sizes and lays out by a registered area mode', () => {
    // Every file weighs the length of its name.
    const byName: AreaMode = {
      id: 'name-length',
      label: 'Name length',
      unit: 'bytes',
      size: (f) => f.path.length,
    }
    registerAreaMode(byName)
    const tree = buildTree([file(0, 'a/xx', 1), file(1, 'a/yyyyyy', 1), file(2, 'b/zzzz', 1)])
    expect(sizeOf(findNode(tree, ['a'])!, 'name-length')).toBe(4 + 8)
    expect(sizeOf(tree.root, 'bytes')).toBe(3)
    const root = layoutView(tree, tree.root, {
      sizeBy: 'name-length',
      width: 100,
      height: 100,
      labelHeight: 0,
    })
    const area = (name: string) => {
      const n = root.children!.find((c) => c.data.name === name)!
      return (n.x1 - n.x0) * (n.y1 - n.y0)
    }
    expect(area('a') / area('b')).toBeCloseTo(12 / 6, 0)
  })

  it('colours and lists a registered colour mode, offered where its needs are met', () => {
    const stripes: ColorMode = {
      id: 'stripes',
      label: 'Stripes',
      color: (node) => (node.name.length % 2 === 0 ? '#000000' : '#ffffff'),
      legend: () => [{ label: 'Even name', color: '#000000' }],
    }
    registerColorMode(stripes)
    const tree = buildTree([file(0, 'ab', 1)])
    expect(nodeColor(tree.root.children![0]!, 'stripes', { worst: new Map() }, LIGHT, new Map())).toBe(
      '#000000',
    )
    expect(legend('stripes', new Set(), LIGHT)).toEqual([{ label: 'Even name', color: '#000000' }])
    expect(colorModesFor({}).map((m) => m.id)).toContain('stripes')
    // The diff colouring is for the compare page only.
    expect(colorModesFor({}).map((m) => m.id)).not.toContain('diff')
  })
})
