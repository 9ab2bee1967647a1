// Equal texts are scanned once: a copy of a text at a path with the same facts for the detectors gets
// the findings a scan of its own would give (placed at its own path), third-party and test copies
// are marked as such, and copies past the fold are only counted. The reference is the same artifact
// with each copy made distinct by trailing blank lines (no finding there), so every copy is scanned.
import { describe, expect, test } from 'vitest'
import { analyze } from '../../../src/core/analyze'
import type { ScanResult, ScanService } from '../../../src/core/analysis-contract'
import { scanText } from '../../../src/core/scan-text'
import { pathFacts } from '../../../src/core/detectors'
import { memorySource } from '../../../src/core/input/byte-source'
import type { ExposedFile, Report } from '../../../src/core/report/model'
import { MIN_SAME_TEXT_CHARS, SameTexts } from '../../../src/core/same-text'
import { gzip } from '../../../src/build/sample/archives'
import { floodLine } from '../../fixtures/lib/flood'
import { seededRandom } from '../../../src/build/sample/random'
import { writeTar } from '../../../src/build/sample/tar'
import { decodeJsonLiteral } from '../../../src/core/sourcemap/json-bytes'

/** Three distinct lines of findings and some plain code: well past the length copies are looked up at. */
const TEXT =
  [floodLine(seededRandom(1)), floodLine(seededRandom(2)), floodLine(seededRandom(3))].join('') +
  'export const answer = 42\n'.repeat(60)

const PATHS = [
  'package/lib/a.js',
  'package/lib/b.js',
  'package/test/a.test.js',
  'package/node_modules/dep/index.js',
  'package/docs/notes.md',
  'package/config.yml',
  ...Array.from({ length: 150 }, (_, i) => `package/lib/copy${i}.js`),
]

function tarball(distinct: boolean): Uint8Array {
  const entries = [{ path: 'package/package.json', data: '{"name":"same-text","version":"1.0.0"}\n' }]
  PATHS.forEach((path, i) => entries.push({ path, data: distinct ? TEXT + '\n'.repeat(i + 1) : TEXT }))
  return gzip(writeTar(entries))
}

/** The report without what the trailing lines change (sizes, line counts, timings). */
function comparable(report: Report) {
  return {
    findings: report.findings,
    summary: report.summary.findings,
    folds: report.folds,
    errors: report.errors,
  }
}

/** Scans on a microtask, answering in reverse order of submission within each turn. */
class ReversingService implements ScanService {
  submitted = 0
  #queue: (() => void)[] = []
  submit(file: ExposedFile, text: string, done: (result: ScanResult) => void): void {
    this.submitted++
    this.#queue.push(() => done(scanText(file, text)))
  }
  whenReady(): null {
    return null
  }
  async drain(): Promise<void> {
    await Promise.resolve()
    for (const run of this.#queue.splice(0).reverse()) run()
  }
}

/** Scans at once, a map source from its literal as the page's and the CLI's services do. */
class LiteralService implements ScanService {
  readonly takesLiterals = true
  readonly scanned: { file: string; literal: boolean }[] = []
  submit(...[file, text, done, , , literal]: Parameters<ScanService['submit']>): void {
    this.scanned.push({ file: file.path, literal: literal !== undefined })
    done(scanText(file, literal ? decodeJsonLiteral(literal) : text))
  }
  whenReady(): null {
    return null
  }
  async drain(): Promise<void> {}
}

describe('equal texts scanned once', () => {
  test('copies give the findings, counts and folds of a scan of each copy', async () => {
    const same = await analyze([memorySource('same.tgz', tarball(false))])
    const distinct = await analyze([memorySource('same.tgz', tarball(true))])
    expect(comparable(same)).toEqual(comparable(distinct))
    // The copies past the first hundred places of each exposure are counted, not listed.
    expect(same.summary.unlisted?.repeats).toBeGreaterThan(0)
    expect(same.findings.some((f) => f.path === 'package/node_modules/dep/index.js' && f.thirdParty)).toBe(
      true,
    )
    expect(same.findings.some((f) => f.path === 'package/test/a.test.js' && f.inTest)).toBe(true)
  })

  test('with a scan service answering out of order, each distinct text is submitted once', async () => {
    const service = new ReversingService()
    const same = await analyze([memorySource('same.tgz', tarball(false))], { scanner: service })
    const inLine = await analyze([memorySource('same.tgz', tarball(false))])
    expect(comparable(same)).toEqual(comparable(inLine))
    // package.json, then one text per distinct set of path facts (code, test code, markdown, YAML).
    expect(service.submitted).toBe(1 + 4)
  })

  test("a map's sources handed over as literals are looked up by their literal, apart from texts", async () => {
    // escaped.js holds, as its text, the literal spelling of the map's first source (`\n` as two
    // characters): it must not be taken for that source, nor the source for it.
    const entries = [
      { path: 'package/package.json', data: '{"name":"same-text","version":"1.0.0"}\n' },
      { path: 'package/escaped.js', data: JSON.stringify(TEXT).slice(1, -1) },
      {
        path: 'package/cli.js.map',
        data: JSON.stringify({
          version: 3,
          sources: ['a.js', 'b.js', 'c.js'],
          sourcesContent: [TEXT, TEXT, `${TEXT}x`],
          mappings: '',
        }),
      },
    ]
    const input = () => [memorySource('literal.tgz', gzip(writeTar(entries)))]
    const service = new LiteralService()
    const report = await analyze(input(), { scanner: service })
    expect(comparable(report)).toEqual(comparable(await analyze(input())))
    expect(report.findings.some((f) => f.path === 'b.js')).toBe(true)
    // The two equal sources cost one scan; each text is scanned as itself.
    expect(service.scanned.filter((t) => t.file.startsWith('package/')).map((t) => t.file)).toEqual([
      'package/package.json',
      'package/escaped.js',
    ])
    expect(service.scanned.filter((t) => !t.file.startsWith('package/'))).toEqual([
      { file: 'a.js', literal: true },
      { file: 'c.js', literal: true },
    ])
  })

  test('a text differing from a kept one only in its middle is not taken for it', () => {
    const texts = new SameTexts()
    const facts = pathFacts('a.js')
    const base = 'x'.repeat(4 * MIN_SAME_TEXT_CHARS)
    const other = base.slice(0, 2001) + 'y' + base.slice(2002)
    expect(texts.find(base, facts)?.first).toBe(true)
    expect(texts.find(other, facts)?.first).toBe(true)
    expect(texts.find(base, facts)?.first).toBe(false)
    expect(texts.find(base, pathFacts('a.md'))?.first).toBe(true)
    // Short texts are scanned without a look-up.
    expect(texts.find('short', facts)).toBeUndefined()
  })

  test('bytes are compared whole, kept as a copy, and never taken for a string', () => {
    const texts = new SameTexts()
    const facts = pathFacts('a.js')
    const utf8 = (text: string) => new TextEncoder().encode(text)
    const base = 'x'.repeat(4 * MIN_SAME_TEXT_CHARS)
    const moved = utf8(base)
    expect(texts.find(moved, facts)?.first).toBe(true)
    // The caller's buffer goes to another thread: the kept copy still answers.
    structuredClone(moved.buffer, { transfer: [moved.buffer] })
    expect(texts.find(utf8(base), facts)?.first).toBe(false)
    expect(texts.find(utf8(base.slice(0, 2001) + 'y' + base.slice(2002)), facts)?.first).toBe(true)
    expect(texts.find(base, facts)?.first).toBe(true)
    // Measured as `chars` long: short ones are not looked up.
    expect(texts.find(utf8(base), facts, 10)).toBeUndefined()
  })

  test('path facts tell apart every path property the detectors read', () => {
    const paths = [
      'a.js',
      'a.test.js',
      '.npmrc',
      'prompts/a.md',
      'a.json',
      'a.html',
      'Dockerfile',
      'a.yml',
      'a.md',
      'a.txt',
      'prompts.js',
    ]
    expect(new Set(paths.map(pathFacts)).size).toBe(paths.length)
  })
})
