// npm run eval [-- --only <text>] [--markdown FILE] [--json FILE] [--baseline FILE] [--details]
// Scores the analysis on the real-world evaluation set: for every tests/eval/truth/*.json, fetches the
// pinned tarball with `npm pack` into tests/eval/.cache/ (checked against its integrity), analyzes it
// in this process through the core's one entry (as the CLI does) and compares the report with the
// truth. Prints recall and precision per category and per artifact; --markdown writes the same
// tables for the README, --json every figure (and each miss and false positive) for later
// comparison, --baseline prints the change from such a JSON file, --details lists misses and false
// positives. --only keeps the artifacts whose file name contains the text.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { analyze } from '../../src/core/analyze'
import { CATEGORIES } from '../../src/core/report/model'
import { nodeGunzip } from '../../src/cli/node-gunzip'
import { fileSource } from '../../src/cli/node-source'
import { ensureTarball } from './fetch'
import { precisionOf, recallOf, scoreArtifact, totals, type ArtifactScore } from './score'
import { artifactTable, categoryTable, formatMarkdown, formatText, ratio, summaryLines } from './table'
import { packFileName, parseTruth, type Role } from './truth'

const HERE = import.meta.dirname
const TRUTH_DIR = join(HERE, 'truth')
const CACHE_DIR = join(HERE, '.cache')

interface Args {
  only?: string
  markdown?: string
  json?: string
  baseline?: string
  details: boolean
}

function parseArgs(argv: string[]): Args {
  const args: Args = { details: false }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    if (flag === '--only') args.only = value()
    else if (flag === '--markdown') args.markdown = value()
    else if (flag === '--json') args.json = value()
    else if (flag === '--baseline') args.baseline = value()
    else if (flag === '--details') args.details = true
    else throw new Error(`unknown argument ${flag}`)
  }
  return args
}

const ROLE_ORDER: readonly Role[] = ['incident', 'leak', 'clean']

/** Truth files by role (incident, leak, clean), then by file name. */
function loadTruths(only: string | undefined) {
  return readdirSync(TRUTH_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const truth = parseTruth(JSON.parse(readFileSync(join(TRUTH_DIR, file), 'utf8')), file)
      const id = basename(file, '.json')
      if (id !== packFileName(truth.package, truth.version)) {
        throw new Error(`${file}: named ${id} but describes ${truth.package}@${truth.version}`)
      }
      return { id, truth }
    })
    .filter(({ id }) => only === undefined || id.includes(only))
    .sort((a, b) => ROLE_ORDER.indexOf(a.truth.role) - ROLE_ORDER.indexOf(b.truth.role))
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

function printDetails(s: ArtifactScore): void {
  const show = 20
  if (s.missed.length > 0) {
    console.log(`\n${s.id}: ${s.missed.length} missed`)
    for (const e of s.missed.slice(0, show)) {
      console.log(
        `  ${e.category}  ${e.path}${e.line ? `:${e.line}` : ''}${e.name ? `  [${e.name}]` : ''}  ${e.what}`,
      )
    }
  }
  if (s.falsePositives.length > 0) {
    console.log(`\n${s.id}: ${s.falsePositives.length} false positives`)
    for (const f of s.falsePositives.slice(0, show)) {
      console.log(`  ${f.category}  ${f.severity}  ${f.rule}  ${f.path}:${f.line}`)
    }
  }
  for (const { trap, finding } of s.trapHits.slice(0, show)) {
    console.log(
      `  trap hit: ${finding.rule} ${finding.severity} ${finding.path}:${finding.line} (${trap.why})`,
    )
  }
}

/** The change from an earlier --json run, over the artifacts both runs scored. */
function printBaseline(file: string, scores: readonly ArtifactScore[]): void {
  const earlier = (JSON.parse(readFileSync(file, 'utf8')) as { scores: ArtifactScore[] }).scores
  const ids = new Set(earlier.map((s) => s.id))
  const both = new Set(scores.filter((s) => ids.has(s.id)).map((s) => s.id))
  const before = totals(earlier.filter((s) => both.has(s.id)))
  const now = totals(scores.filter((s) => both.has(s.id)))
  console.log(`\nChange from ${file} over the ${both.size} artifacts both runs scored:`)
  for (const c of CATEGORIES) {
    const [b, n] = [before.categories[c], now.categories[c]]
    console.log(
      `  ${c.padEnd(20)} recall ${ratio(recallOf([b]))} -> ${ratio(recallOf([n]))}; ` +
        `precision ${ratio(precisionOf([b]))} -> ${ratio(precisionOf([n]))}`,
    )
  }
  console.log(
    `  clean packages, findings at medium or above: ${before.clean.mediumOrAbove} -> ${now.clean.mediumOrAbove}`,
  )
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const entries = loadTruths(args.only)
  if (entries.length === 0) throw new Error('no truth file matches')
  mkdirSync(CACHE_DIR, { recursive: true })
  const scores: ArtifactScore[] = []
  for (const { id, truth } of entries) {
    const path = ensureTarball(truth, id, CACHE_DIR)
    const bytes = statSync(path).size
    const started = performance.now()
    const report = await analyze([fileSource(path, basename(path), bytes)], { gunzip: nodeGunzip })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const problems = report.errors.filter((e) => e.level !== 'warning')
    const note = problems.length > 0 ? `, ${problems.length} errors: ${problems[0].message}` : ''
    console.error(`${id}: ${report.findings.length} findings in ${seconds} s${note}`)
    scores.push(scoreArtifact(truth, report, id, bytes))
  }
  const sum = totals(scores)
  const tables = [categoryTable(sum), artifactTable(scores)]
  if (args.details) scores.forEach(printDetails)
  console.log('\n' + tables.map(formatText).join('\n') + '\n' + summaryLines(sum).join('\n'))
  if (args.baseline) printBaseline(args.baseline, scores)
  const stamp = `commit ${gitCommit()}, ${new Date().toISOString().slice(0, 10)}, ${scores.length} artifacts`
  if (args.markdown) {
    const lines = summaryLines(sum).map((l) => `- ${l}`)
    writeFileSync(
      args.markdown,
      [`Measured at ${stamp}.`, '', ...tables.map(formatMarkdown), ...lines, ''].join('\n'),
    )
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ stamp, totals: sum, scores }, null, 2) + '\n')
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 2
})
