// `scan --batch` and `summarize` with the real binary: 1,000 generated tarballs of a few hundred
// bytes, scanned in one run and in four shards; the shards merge to the same table as the one run.
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listEntries, parseBatchArgs } from '../../../src/cli/batch'
import { parseBatchLines } from '../../../src/cli/batch-line'
import { batchCritical, batchFileName, batchTarball } from '../../fixtures/lib/batch-tarballs'
import { runCli } from './run-cli'

const SLOW = { timeout: 240_000 }
const COUNT = 1000

let dir: string
let list: string
let bytes = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ee-batch-'))
  const lines = ['# generated tarballs, one a line', '']
  for (let i = 0; i < COUNT; i++) {
    const data = batchTarball(i)
    bytes += data.length
    await writeFile(join(dir, batchFileName(i)), data)
    lines.push(join(dir, batchFileName(i)))
  }
  list = join(dir, 'list.txt')
  await writeFile(list, lines.join('\n') + '\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const summarize = async (...args: string[]) => {
  const r = await runCli(['summarize', ...args])
  expect(r.stderr).toBe('')
  return r
}

describe('scan --batch over 1,000 tarballs', () => {
  let table = ''
  const whole = () => join(dir, 'whole.jsonl')

  it('one run writes one line per artifact; exit 1 since some carry critical findings', SLOW, async () => {
    const started = performance.now()
    const r = await runCli(['scan', '--batch', list, '--jsonl', whole()])
    const seconds = (performance.now() - started) / 1000
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const lines = parseBatchLines(await readFile(whole(), 'utf8'))
    expect(lines).toHaveLength(COUNT)
    expect(new Set(lines.map((l) => l.index)).size).toBe(COUNT)
    const critical = lines.filter((l) =>
      Object.values(l.summary!.findings).some((c) => (c?.critical ?? 0) > 0),
    )
    expect(critical.map((l) => l.index).sort((a, b) => a - b)).toEqual(
      [...Array(COUNT).keys()].filter(batchCritical),
    )
    // Throughput, process start included (the README quotes a run of this test).
    console.log(
      `batch: ${COUNT} tarballs, ${(bytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(1)} s: ` +
        `${(COUNT / seconds).toFixed(0)} artifacts/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s`,
    )
    const r2 = await summarize(whole())
    expect(r2.code).toBe(1)
    table = r2.stdout
    expect(table.trimEnd().split('\n')).toHaveLength(COUNT + 1)
  })

  it('--shard 1/4 … 4/4 cover the list once and merge to the same table and summary', SLOW, async () => {
    const shards = [1, 2, 3, 4].map((i) => join(dir, `shard-${i}.jsonl`))
    const runs = await Promise.all(
      shards.map((out, i) =>
        runCli(['scan', '--batch', list, '--jsonl', out, '--shard', `${i + 1}/4`, '--concurrency', '1']),
      ),
    )
    for (const r of runs) expect([0, 1]).toContain(r.code)
    const sizes = await Promise.all(
      shards.map(async (s) => parseBatchLines(await readFile(s, 'utf8')).length),
    )
    expect(sizes).toEqual([250, 250, 250, 250])
    expect((await summarize(...shards)).stdout).toBe(table)
    // Shards in any order, and the Markdown summary too.
    expect((await summarize(...[...shards].reverse(), '-f', 'markdown')).stdout).toBe(
      (await summarize(whole(), '-f', 'markdown')).stdout,
    )
  })

  it('resumes: a run stopped mid-line continues with what is missing, to the same table', SLOW, async () => {
    const text = await readFile(whole(), 'utf8')
    const cut = join(dir, 'cut.jsonl')
    // 300 whole lines and half of the next, as a killed run leaves them.
    const keep = text.split('\n').slice(0, 300).join('\n') + '\n'
    const torn = keep + text.split('\n')[300].slice(0, 40)
    await writeFile(cut, torn)
    const r = await runCli(['scan', '--batch', list, '--jsonl', cut])
    expect(r.code).toBe(1)
    const after = await readFile(cut, 'utf8')
    expect(after.startsWith(keep)).toBe(true)
    expect(parseBatchLines(after)).toHaveLength(COUNT)
    expect((await summarize(cut)).stdout).toBe(table)
    // Nothing left to do: a second resume appends nothing.
    await runCli(['scan', '--batch', list, '--jsonl', cut])
    expect(await readFile(cut, 'utf8')).toBe(after)
    await truncate(cut, 0)
  })
})

describe('batch arguments and lists', () => {
  it('parses --shard, --concurrency and --jsonl; rejects what cannot work', () => {
    expect(
      parseBatchArgs(['--batch', 'l', '--jsonl', 'o', '--shard', '2/4', '--concurrency', '8']),
    ).toMatchObject({
      list: 'l',
      jsonl: 'o',
      shard: { index: 2, count: 4 },
      concurrency: 8,
    })
    expect(() => parseBatchArgs(['--batch', 'l'])).toThrow('needs --jsonl OUT')
    expect(() => parseBatchArgs(['--batch', 'l', '--jsonl', 'o', '--shard', '5/4'])).toThrow(
      '--shard needs I/N',
    )
    expect(() => parseBatchArgs(['--batch', 'l', '--jsonl', 'o', '--shard', '0/4'])).toThrow(
      '--shard needs I/N',
    )
    expect(() => parseBatchArgs(['--batch', 'l', '--jsonl', 'o', 'x.tgz'])).toThrow('not as arguments')
    expect(() => parseBatchArgs(['--batch', 'l', '--jsonl', 'o', '--format', 'json'])).toThrow(
      'unknown option',
    )
  })

  it('numbers entries without blank lines and comments', () => {
    expect(listEntries('# a list\n\na.tgz\r\n  lodash@4.17.21  \n#b\nc/\n')).toEqual([
      { index: 0, entry: 'a.tgz' },
      { index: 1, entry: 'lodash@4.17.21' },
      { index: 2, entry: 'c/' },
    ])
  })
})
