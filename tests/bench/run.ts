// npm run bench [-- --runs N] [--scales 1,10] [--no-release] [--only cli|page|floor] [--no-extra]
//                 [--skip-build] [--port P]
// Fetches the real release (npm pack, pinned integrity) and generates the inputs (incident at each
// scale, 100,000-member tarball, 200,000-source map) into tests/fixtures/out/bench/, then per run and
// input measures, in this order: the Node floor with node:zlib, the CLI, the Node floor with fflate
// (whole processes, alternating), the browser floor with native DecompressionStream and with fflate,
// and the app (Playwright, Debian Chromium). Each floor is the faster of its two gunzips in that run.
// Prints a table of medians with each run's ratio to the floor of the same run, and writes every raw
// figure to results.<inputs>.json beside it.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { basename, join } from 'node:path'
import {
  launch,
  runApp,
  runBrowserFloor,
  runBrowserScan,
  runZoomFrames,
  type AppRun,
  type BrowserFloorRun,
  type FrameStats,
} from './lib/browser-bench'
import { BENCH_DIR, ensureInput, ROOT, type BenchInput, type InputSpec } from './lib/inputs'
import {
  checkReport,
  runCli,
  runNodeFloor,
  runNodeScan,
  type CliRun,
  type NodeFloorRun,
} from './lib/node-bench'
import type { ScanResult } from './floor/scan-core'
import { startServer } from './lib/server'
import { summarize } from './lib/summarize'

export interface InputRuns {
  input: BenchInput
  /** Node floor with node:zlib (the CLI's own gunzip), then with fflate, one of each per run. */
  nodeFloor: NodeFloorRun[]
  nodeFloorFflate: NodeFloorRun[]
  cli: (CliRun & { check: string; figures?: Figures })[]
  /** Browser floor with native DecompressionStream, then with fflate, one of each per run. */
  browserFloor: BrowserFloorRun[]
  browserFloorFflate: BrowserFloorRun[]
  app: (AppRun & { check: string })[]
  nodeScan: ScanResult[]
  browserScan: ScanResult[]
  zoom?: FrameStats
}

function parseArgs(argv: string[]) {
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const only = opt('only') as 'cli' | 'page' | 'floor' | undefined
  if (only && !['cli', 'page', 'floor'].includes(only)) throw new Error(`--only cli|page|floor, not ${only}`)
  return {
    runs: Math.max(1, Number(opt('runs') ?? 3)),
    // --scales none: only the extra inputs.
    scales: (opt('scales') ?? '1,10')
      .split(',')
      .map(Number)
      .filter((n) => n > 0),
    only,
    extra: !argv.includes('--no-extra'),
    build: !argv.includes('--skip-build'),
    port: Number(opt('port') ?? 4391),
    release: !argv.includes('--no-release'),
  }
}

interface Figures {
  files: number
  lines: number
}

/** The first-party figures an analysis must report: the generator's, or for the real release those of
 *  the CLI's report in the same run (undefined when the CLI did not run). */
function expectedFigures(r: InputRuns, run: number): Figures | undefined {
  const f = r.input.written?.facts
  return f ? { files: f.firstPartySourceFiles, lines: f.firstPartySourceLines } : r.cli[run]?.figures
}

/** The app's check: the headline and summary show the expected first-party figures. */
function checkSummary(text: string, want: Figures | undefined): string {
  if (!text) return 'no summary'
  if (!want) return /first-party source/.test(text) ? 'ok' : 'no first-party figures'
  const missing = [want.files, want.lines]
    .map((n) => n.toLocaleString('en-US'))
    .filter((w) => !text.includes(w))
  return missing.length ? `summary lacks ${missing.join(', ')}` : 'ok'
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const specs: InputSpec[] = args.release ? [{ kind: 'release' }] : []
  specs.push(...args.scales.map((scale): InputSpec => ({ kind: 'incident', scale })))
  if (args.extra) specs.push({ kind: 'many-files' }, { kind: 'many-sources' })
  const inputs = specs.map(ensureInput)
  const wantNode = args.only !== 'page'
  const wantCli = !args.only || args.only === 'cli'
  const wantBrowser = args.only !== 'cli'
  const wantApp = !args.only || args.only === 'page'

  const appDir = join(ROOT, 'dist-h')
  if (wantApp && args.build) {
    const build = spawnSync('npm', ['run', 'build'], {
      cwd: ROOT,
      env: { ...process.env, EE_OUT_DIR: 'dist-h' },
      stdio: 'inherit',
    })
    if (build.status !== 0) throw new Error('the app build failed')
  }
  const server = wantBrowser
    ? await startServer(appDir, join(ROOT, 'tests/bench/floor'), args.port)
    : undefined
  const base = `http://127.0.0.1:${args.port}`
  const results: InputRuns[] = inputs.map((input) => ({
    input,
    nodeFloor: [],
    nodeFloorFflate: [],
    cli: [],
    browserFloor: [],
    browserFloorFflate: [],
    app: [],
    nodeScan: [],
    browserScan: [],
  }))
  try {
    for (let run = 0; run < args.runs; run++) {
      for (const r of results) {
        const say = (what: string) =>
          process.stderr.write(`run ${run + 1}/${args.runs} · ${r.input.label} · ${what}\n`)
        if (wantNode) {
          say('node floor (zlib)')
          r.nodeFloor.push(await runNodeFloor(r.input, 'zlib'))
        }
        // Scanner throughput on the incident's sources (1× only: the figure does not depend on scale).
        const scanThis = r.input.scanThroughput
        if (wantCli && scanThis) {
          say('node scanner')
          r.nodeScan.push(await runNodeScan(r.input))
        }
        if (wantCli) {
          say('cli')
          const cli = await runCli(r.input)
          const s = cli.report?.summary
          r.cli.push({
            ...cli,
            check: cli.error ?? checkReport(cli.report, r.input),
            figures: s && { files: s.firstPartySourceFiles, lines: s.firstPartySourceLines },
          })
          delete r.cli.at(-1)!.report // keep results.json small
        }
        if (wantNode) {
          say('node floor (fflate)')
          r.nodeFloorFflate.push(await runNodeFloor(r.input, 'fflate'))
        }
        if (!wantBrowser) continue
        const failed = (error: unknown) =>
          process.stderr.write(`  failed: ${error instanceof Error ? error.message : String(error)}\n`)
        const browser = await launch()
        try {
          say('browser floor (native)')
          r.browserFloor.push(await runBrowserFloor(browser, base, r.input, 'native'))
          say('browser floor (fflate)')
          r.browserFloorFflate.push(await runBrowserFloor(browser, base, r.input, 'fflate'))
          if (scanThis && args.only !== 'floor') {
            say('worker scanner')
            r.browserScan.push(await runBrowserScan(browser, base, r.input))
          }
        } catch (error) {
          failed(error)
        } finally {
          await browser.close()
        }
        // The app in a browser of its own with a profile on disk, as a user's (closed first, the
        // floors' browser does not count in its memory).
        if (wantApp) {
          try {
            say('app')
            const app = await runApp(base, r.input)
            r.app.push({ ...app, check: checkSummary(app.summaryText, expectedFigures(r, run)) })
          } catch (error) {
            failed(error)
          }
        }
      }
    }
    const many = results.find((r) => r.input.written?.facts.kind === 'many-sources')
    if (wantApp && many) {
      process.stderr.write('treemap zoom frames · many-sources\n')
      const browser = await launch()
      try {
        many.zoom = await runZoomFrames(browser, base, many.input)
      } catch (error) {
        process.stderr.write(
          `  zoom check failed: ${error instanceof Error ? error.message : String(error)}\n`,
        )
      } finally {
        await browser.close()
      }
    }
  } finally {
    server?.close()
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average at the end ${load}`
  writeFileSync(
    join(BENCH_DIR, `results.${inputs.map((i) => basename(i.file, '.tgz')).join('+')}.json`),
    JSON.stringify({ machine, runs: args.runs, results }, null, 2),
  )
  console.log(`\n${machine}; medians of ${args.runs} run(s)\n`)
  console.log(summarize(results))
}

await main()
