import { describe, expect, it } from 'vitest'
import type { ExposedFile } from '../../../src/core/report/model'
import { buildTree, buildTreeSteps, type TreeNode } from '../../../src/ui/treemap/tree'
import { runSliced } from '../../../src/ui/treemap/slices'

// Many files over a few hundred folders, two of them containers with a self leaf.
function manyFiles(count: number): ExposedFile[] {
  const files: ExposedFile[] = []
  for (let id = 0; id < count; id++) {
    const dir = `src/d${id % 300}/s${id % 7}`
    files.push({
      id,
      path: `${dir}/f${id}.ts`,
      origin: id % 2 === 0 ? ['pkg.tgz'] : ['pkg.tgz', 'package/app.js.map'],
      kind: id % 3 === 0 ? 'first-party-source' : 'other',
      bytes: id % 11 === 0 ? 0 : 10 + (id % 97),
      lines: id % 11 === 0 ? 0 : 1 + (id % 13),
      hasContent: id % 11 !== 0,
    })
  }
  files.push({
    id: count,
    path: 'package/app.js.map',
    origin: ['pkg.tgz'],
    kind: 'source-map',
    bytes: 5,
    lines: 1,
    hasContent: true,
  })
  return files
}

// A plain-data copy of the tree (no shared references) to compare two builds.
function shape(node: TreeNode): unknown {
  return {
    name: node.name,
    id: node.file?.id,
    leaves: node.leaves,
    sum: node.sum,
    kind: node.kind,
    self: node.self ?? false,
    container: node.container,
    children: node.children?.map(shape) ?? null,
  }
}

describe('buildTreeSteps', () => {
  it('pauses while building a large tree and ends with the same tree as buildTree', () => {
    const files = manyFiles(20_000)
    const steps = buildTreeSteps(files, (f) => f.id % 5 !== 1)
    let pauses = 0
    let r = steps.next()
    while (!r.done) {
      pauses++
      r = steps.next()
    }
    // Two passes over ~16,000 kept files: at least a dozen pauses, each a small step.
    expect(pauses).toBeGreaterThan(12)
    const whole = buildTree(files, (f) => f.id % 5 !== 1)
    expect(shape(r.value.root)).toEqual(shape(whole.root))
    expect(r.value.leaves).toBe(whole.leaves)
    expect(r.value.leaves).toBe(files.filter((f) => f.id % 5 !== 1).length)
    expect([...r.value.kinds].sort()).toEqual(['first-party-source', 'other', 'source-map'])
  })
})

describe('runSliced', () => {
  it('runs a build over several slices and returns its tree', async () => {
    const files = manyFiles(50_000)
    let slices = 0
    const done = await runSliced(
      buildTreeSteps(files),
      () => {
        slices++
        return false
      },
      0.5,
    )
    expect(done).not.toBeNull()
    expect(done!.value.leaves).toBe(files.length)
    expect(slices).toBeGreaterThan(1)
    expect(done!.busyMs).toBeGreaterThan(0)
  })

  it('takes its first step in a later task, never in the one that called it', async () => {
    let steps = 0
    function* three(): Generator<void, number, void> {
      for (let i = 0; i < 3; i++) {
        steps++
        yield
      }
      return steps
    }
    const running = runSliced(three(), () => false)
    await Promise.resolve() // the caller's own microtasks (a re-render) run first too
    expect(steps).toBe(0)
    expect((await running)?.value).toBe(3)
  })

  it('abandons the generator once cancelled between slices', async () => {
    let steps = 0
    function* endless(): Generator<void, number, void> {
      for (;;) {
        steps++
        yield
      }
    }
    let checks = 0
    const done = await runSliced(endless(), () => ++checks >= 3, 0.2)
    expect(done).toBeNull()
    expect(checks).toBe(3)
    const after = steps
    await new Promise((r) => setTimeout(r, 20))
    expect(steps).toBe(after)
  })
})
