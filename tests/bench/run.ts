// npm run bench [-- --runs N] [--scales 1,10] [--only cli|page|floor] [--no-extra] [--skip-build] [--port P]
// Generates the inputs (incident at each scale, 100,000-member tarball, 200,000-source map) into
// tests/fixtures/out/bench/, then per run and input measures, in this order: the Node floor, the CLI,
// the browser floor and the app (Playwright, Debian Chromium). Prints a table of medians with each
// run's ratio to the floor of the same run, and writes every raw figure to results.<inputs>.json beside it.
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
  nodeFloor: NodeFloorRun[]
  cli: (CliRun & { check: string })[]
  browserFloor: BrowserFloorRun[]
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
  }
}

/** The app's check: the summary panel shows the generator's first-party figures. */
function checkSummary(text: string, input: BenchInput): string {
  const f = input.written.facts
  if (!text) return 'no summary'
  const want = [f.firstPartySourceFiles, f.firstPartySourceLines].map((n) => n.toLocaleString('en-US'))
  const missing = want.filter((w) => !text.includes(w))
  return missing.length ? `summary lacks ${missing.join(', ')}` : 'ok'
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const specs: InputSpec[] = args.scales.map((scale) => ({ kind: 'incident', scale }))
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
    cli: [],
    browserFloor: [],
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
          say('node floor')
          r.nodeFloor.push(await runNodeFloor(r.input))
        }
        // Scanner throughput on the incident's sources (1× only: the figure does not depend on scale).
        const scanThis = r.input.written.facts.kind === 'incident' && r.input.written.facts.scale === 1
        if (wantCli && scanThis) {
          say('node scanner')
          r.nodeScan.push(await runNodeScan(r.input))
        }
        if (wantCli) {
          say('cli')
          const cli = await runCli(r.input)
          r.cli.push({ ...cli, check: cli.error ?? checkReport(cli.report, r.input) })
          delete r.cli.at(-1)!.report // keep results.json small
        }
        if (!wantBrowser) continue
        const browser = await launch()
        try {
          say('browser floor')
          r.browserFloor.push(await runBrowserFloor(browser, base, r.input))
          if (scanThis && args.only !== 'floor') {
            say('worker scanner')
            r.browserScan.push(await runBrowserScan(browser, base, r.input))
          }
          if (wantApp) {
            say('app')
            const app = await runApp(browser, base, r.input)
            r.app.push({ ...app, check: checkSummary(app.summaryText, r.input) })
          }
        } catch (error) {
          process.stderr.write(`  failed: ${error instanceof Error ? error.message : String(error)}\n`)
        } finally {
          await browser.close()
        }
      }
    }
    const many = results.find((r) => r.input.written.facts.kind === 'many-sources')
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
