// exposure-explorer scan --batch LIST --jsonl OUT [--concurrency N] [--shard I/N]: scans every
// artifact a list names, each on its own, and appends one JSON line per artifact to OUT.
//
// LIST holds one entry a line (blank lines and lines starting with # are skipped): a tarball, archive
// or folder path (relative to the current folder), or else a package spec that npm can pack
// (`lodash@4.17.21`, `@acme/ui@^2`), fetched into the cache first. `--shard I/N` takes the entries
// whose position modulo N is I-1, so N machines given the same list share it without overlap.
// Resumable: entries already in OUT with a result are skipped, so a stopped run (or a retried job)
// continues where it was; a torn last line is cut off first.
import { createWriteStream } from 'node:fs'
import { readFile, stat, truncate } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { MatchHashing } from '../core/analyze'
import type { Report } from '../core/report/model'
import type { CommonArgs } from './args'
import { common, commonFlag, UsageError, walk } from './args'
import { batchLine, entryKey, parseBatchLines, type BatchLine } from './batch-line'
import { cacheRoot } from './cache'
import { fetchTarballs, type Fetched } from './fetch-tarballs'
import { DEFAULT_CONCURRENCY, fetchFlag, type FetchArgs } from './history-args'
import { tarballFolder } from './history'
import { InputError } from './node-source'
import { packedName } from './npm'
import { chunks, forEachLimited, Limiter } from './pool'

export interface BatchArgs extends CommonArgs, FetchArgs {
  list: string
  jsonl: string
  shard: { index: number; count: number }
}

/** What main.ts lends: the scan of one file or folder, and its release gate (failsAt). */
export interface BatchHost {
  scan: (path: string, args: CommonArgs, match?: MatchHashing) => Promise<Report>
  fails: (report: Report, args: CommonArgs) => boolean
  help: string
}

export const isBatch = (argv: readonly string[]): boolean =>
  argv.some((a) => a === '--batch' || a.startsWith('--batch='))

export function parseBatchArgs(argv: readonly string[]): BatchArgs {
  const args: BatchArgs = {
    ...common(),
    list: '',
    jsonl: '',
    shard: { index: 1, count: 1 },
    concurrency: DEFAULT_CONCURRENCY,
  }
  const operands: string[] = []
  walk(
    argv,
    (flag, value) => {
      if (flag === '--batch') args.list = value()
      else if (flag === '--jsonl') args.jsonl = value()
      else if (flag === '--shard') args.shard = parseShard(value())
      else if (!fetchFlag(args, flag, value))
        return flag !== '--format' && flag !== '-f' && commonFlag(args, [], flag, value)
      return true
    },
    (arg) => operands.push(arg),
  )
  if (args.help) return args
  if (operands.length > 0)
    throw new UsageError('scan --batch takes its inputs from the list, not as arguments')
  if (!args.jsonl)
    throw new UsageError('scan --batch needs --jsonl OUT (the file the results are appended to)')
  return args
}

function parseShard(text: string): BatchArgs['shard'] {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = m ? Number(m[1]) : NaN
  const count = m ? Number(m[2]) : NaN
  if (!m || index < 1 || count < 1 || index > count || count > 1_000_000)
    throw new UsageError(`--shard needs I/N with 1 <= I <= N, such as 2/4 (got '${text}')`)
  return { index, count }
}

/** The list's entries with their positions: blank lines and # comments are not entries. */
export function listEntries(text: string): { index: number; entry: string }[] {
  const out: { index: number; entry: string }[] = []
  for (const raw of text.split('\n')) {
    const entry = raw.trim()
    if (entry === '' || entry.startsWith('#')) continue
    out.push({ index: out.length, entry })
  }
  return out
}

/** A package spec npm can pack: name, name@version, name@range or @scope/name@…; not a path. */
const PACKAGE_SPEC = /^(@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*(@[^\s/\\]+)?$/i
const EXACT = /^((?:@[^/]+\/)?[^@]+)@(\d+\.\d+\.\d+(?:[-+][\w.+-]*)?)$/

/** The results already in OUT (entries that were read), after cutting a torn last line. */
async function resumeFrom(path: string): Promise<Set<string>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set()
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
  if (text.length > 0 && !text.endsWith('\n')) {
    const keep = text.lastIndexOf('\n') + 1
    await truncate(path, Buffer.byteLength(text.slice(0, keep)))
    text = text.slice(0, keep)
  }
  return new Set(
    parseBatchLines(text)
      .filter((l) => !l.failed)
      .map(entryKey),
  )
}

async function readList(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
  }
}

/** Entries per group: the specs of a group are fetched by one npm process. */
const GROUP = 8
const GROUPS_AT_ONCE = 2

/** Exit code: 1 when an artifact fails --fail-on; 2 (after every line is written) when an entry
 *  could not be fetched or read. */
export async function runBatch(argv: readonly string[], host: BatchHost): Promise<number> {
  const args = parseBatchArgs(argv)
  if (args.help) {
    process.stdout.write(host.help)
    return 0
  }
  const entries = listEntries(await readList(args.list)).filter(
    (e) => e.index % args.shard.count === args.shard.index - 1,
  )
  const done = await resumeFrom(args.jsonl)
  const todo = entries.filter((e) => !done.has(entryKey(e)))
  const out = createWriteStream(args.jsonl, { flags: 'a' })
  const opened = new Promise<void>((ok, fail) => out.once('open', () => ok()).once('error', fail))
  await opened.catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot write ${args.jsonl}: ${error.code ?? 'unwritable'}`)
  })
  const write = (line: BatchLine) =>
    new Promise<void>((ok, fail) => out.write(JSON.stringify(line) + '\n', (e) => (e ? fail(e) : ok())))
  const tarballs = tarballFolder(cacheRoot(args.cache), args.registry)
  const scanning = new Limiter(args.concurrency)
  let failed = 0
  let failing = 0
  try {
    await forEachLimited(chunks(todo, GROUP), GROUPS_AT_ONCE, async (group) => {
      const where = await locate(group, tarballs, args.registry)
      await Promise.all(
        group.map((e) =>
          scanning.run(async () => {
            const found = where.get(e.entry)!
            const started = performance.now()
            // A file that vanished or cannot be opened fails its own line, not the batch.
            const report = found.path
              ? await host.scan(found.path, args).catch((error: unknown) => messageOf(error))
              : (found.failed ?? 'not read')
            if (typeof report === 'string') {
              failed++
              await write({ index: e.index, entry: e.entry, failed: report })
              return
            }
            if (host.fails(report, args)) failing++
            await write(batchLine(e.index, e.entry, report, performance.now() - started))
          }),
        ),
      )
    })
  } finally {
    await new Promise<void>((ok) => out.end(ok))
  }
  if (failed > 0)
    throw new InputError(
      `${failed} of ${entries.length} entries could not be fetched or read; their lines in ${args.jsonl} say why`,
    )
  return failing > 0 ? 1 : 0
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Where each entry's bytes are: a path that exists, else a tarball npm fetches for the spec. */
async function locate(
  group: readonly { entry: string }[],
  tarballs: string,
  registry?: string,
): Promise<Map<string, Fetched>> {
  const out = new Map<string, Fetched>()
  const specs: { spec: string; file?: string }[] = []
  for (const { entry } of group) {
    const path = resolve(entry)
    const isThere = await stat(path).then(
      () => true,
      () => false,
    )
    if (isThere) out.set(entry, { path })
    else if (PACKAGE_SPEC.test(entry)) {
      const exact = EXACT.exec(entry)
      specs.push({ spec: entry, file: exact ? packedName(exact[1], exact[2]) : undefined })
    } else out.set(entry, { failed: 'no such file, and not a package spec' })
  }
  if (specs.length > 0)
    for (const [spec, fetched] of await fetchTarballs(specs, tarballs, registry)) out.set(spec, fetched)
  return out
}
