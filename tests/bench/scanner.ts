// Scanner throughput: MB/s of scanContent with every rule, median of 5 runs, next to a baseline of one
// simple regex pass over the same texts measured in the same run (the ratio is what carries across
// machines). Inputs: generated code (src/build/sample/random.ts codeText, split into files) and
// real minified bundles from this project's node_modules (**/dist/*.js).
// Run: npm run bench:scanner [-- --mb 20]
import { scanContent } from '../../src/core/detectors/index'
import type { ExposedFile, Finding } from '../../src/core/report/model'
import { codeText, seededRandom } from '../../src/build/sample/random'
import { nodeModulesTexts } from '../unit/detectors/node-modules-walk'

const mbArg = process.argv.indexOf('--mb')
const TARGET_MB = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 20

interface Input {
  path: string
  text: string
}

const fileOf = (path: string, id: number): ExposedFile => ({
  id,
  path,
  origin: [],
  kind: 'other',
  bytes: 0,
  lines: 0,
  hasContent: true,
})
const sizeOf = (inputs: Input[]) => inputs.reduce((n, i) => n + i.text.length, 0)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function generated(): Input[] {
  const rng = seededRandom(0xbe5c)
  const inputs: Input[] = []
  let total = 0
  for (let i = 0; total < TARGET_MB * 1e6; i++) {
    const text = codeText(rng, 2000, i % 2 === 0)
    inputs.push({ path: `src/gen/file-${i}.${i % 2 === 0 ? 'ts' : 'js'}`, text })
    total += text.length
  }
  return inputs
}

/** Real minified bundles: the dist/*.js files of this project's node_modules. */
function bundles(): Input[] {
  return nodeModulesTexts(TARGET_MB * 1e6, {
    accept: (path, size) => /\/dist\/[^/]+\.js$/.test(path) && size > 20_000 && size < 8e6,
    maxDepth: 6,
  })
}

function measure(label: string, inputs: Input[]): void {
  const mb = sizeOf(inputs) / 1e6
  const scanRates: number[] = []
  const baseRates: number[] = []
  let findings: Finding[] = []
  // One untimed run first, so both measurements see optimized code.
  inputs.forEach((input, i) => scanContent(fileOf(input.path, i), input.text))
  for (let run = 0; run < 5; run++) {
    let t = performance.now()
    let count = 0
    for (const input of inputs) count += (input.text.match(/\bfunction\b/g) ?? []).length
    baseRates.push(mb / ((performance.now() - t) / 1000))
    t = performance.now()
    findings = []
    inputs.forEach((input, i) => findings.push(...scanContent(fileOf(input.path, i), input.text)))
    scanRates.push(mb / ((performance.now() - t) / 1000))
    void count
  }
  const scan = median(scanRates)
  const base = median(baseRates)
  console.log(`${label}: ${inputs.length} files, ${mb.toFixed(1)} MB`)
  console.log(
    `  scanner  ${scan.toFixed(1)} MB/s (median of 5; runs ${scanRates.map((r) => r.toFixed(0)).join(', ')})`,
  )
  console.log(`  baseline ${base.toFixed(1)} MB/s (one /\\bfunction\\b/g pass)`)
  console.log(`  ratio    scanner / baseline = ${(scan / base).toFixed(3)}`)
  const byRule = new Map<string, number>()
  for (const f of findings)
    byRule.set(`${f.severity} ${f.rule}`, (byRule.get(`${f.severity} ${f.rule}`) ?? 0) + 1)
  console.log(
    `  findings ${findings.length}: ${
      [...byRule]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}=${n}`)
        .join(', ') || 'none'
    }`,
  )
}

measure('generated code (codeText)', generated())
measure('minified bundles (node_modules/**/dist/*.js)', bundles())
