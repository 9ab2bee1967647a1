// A text scanned in parts (parted-scan.ts: line-aligned pieces of its UTF-8, each in a window with
// some text either side) gives the findings a scan of the whole text gives: the same list, in the same
// order, with the whole text's lines and columns, caps per rule, places per exposure and redactions.
// Small parts force boundaries through secrets, key blocks, multi-line prompts, long lines and floods.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { envFile, npmrcFile, privateKeyFile, sampleSecrets } from '../../../src/build/sample/leaks'
import { codeText, seededRandom, token, ALNUM } from '../../../src/build/sample/random'
import { listedHashes } from '../../../src/core/count-only'
import { scanContentWithin, scanPartsWithin, TimeBudget } from '../../../src/core/detectors/index'
import { textParts, type PartSizes } from '../../../src/core/parted-scan'
import type { Finding } from '../../../src/core/report/model'
import { fileAt } from './helpers'

const encoder = new TextEncoder()
const KiB = 1024

/** Findings of the text its UTF-8 decodes to (a leading byte order mark dropped, as hosts read it),
 *  scanned whole and in parts of `sizes`. */
function scanBoth(path: string, written: string, sizes: PartSizes, listed?: Uint32Array) {
  const bytes = encoder.encode(written)
  const text = new TextDecoder().decode(bytes)
  const file = fileAt(path, text)
  const whole = scanContentWithin(file, text, new TimeBudget(1e9), undefined, listed)
  const parts = [...textParts(bytes, sizes)].length
  const parted = scanPartsWithin(file, textParts(bytes, sizes), new TimeBudget(1e9), undefined, listed)
  return { whole, parted, parts }
}

const secrets = sampleSecrets()
const prompt = [
  'const PLANNER_PROMPT = `',
  'You are a planner agent. Your task is to split the request into steps and ask the user when a step',
  'is unclear. Never run a command you were not asked to run, and always answer with the plan only.',
  'When you are done, respond with JSON: {"steps": [...]} and nothing else.',
  '`',
].join('\n')
const internalUrl =
  'fetch("https://api.corp.acme.internal/v2/users") // TODO(jdoe): ORB-1234 remove before launch'

/** A bundle-like text with every kind of finding, some of them many times, and non-ASCII text. */
function bundle(seed: number): string {
  const rng = seededRandom(seed)
  const out: string[] = []
  for (let i = 0; i < 40; i++) {
    out.push(codeText(rng, 30, true))
    out.push(`const k${i} = "${secrets.awsAccessKeyId}"; // clé ✓ ${'𝒳'.repeat(i % 3)}`)
    out.push(envFile(secrets), npmrcFile(secrets), prompt)
    if (i % 7 === 0) out.push(privateKeyFile())
    if (i % 9 === 0) out.push(`const gh = "ghp_${token(rng, ALNUM, 36)}";`)
    // A long minified line with matches along it.
    if (i % 5 === 0)
      out.push(
        Array.from(
          { length: 400 },
          (_, j) => `a${j}=${j % 40 === 0 ? `"http://10.1.2.${j % 250}:8080/x"` : j};`,
        ).join(''),
      )
  }
  // 600 copies of one line: places per exposure and the cap per rule.
  for (let i = 0; i < 600; i++) out.push(internalUrl)
  out.push(codeText(rng, 50, false))
  return out.join('\n')
}

const same = ({ whole, parted }: ReturnType<typeof scanBoth>) => {
  expect(parted.stoppedAt).toBe(whole.stoppedAt)
  expect(parted.counted).toEqual(whole.counted)
  expect(parted.findings).toEqual(whole.findings)
}

describe('a text scanned in parts', () => {
  test.each([
    [4 * KiB, 4 * KiB],
    [16 * KiB, 4 * KiB],
    [64 * KiB, 8 * KiB],
    [256 * KiB, 64 * KiB],
  ])("gives the whole text's findings (parts of %d bytes, overlap %d)", (part, overlap) => {
    const text = bundle(part)
    const result = scanBoth('dist/cli.js', text, { from: 0, part, overlap })
    expect(result.parts).toBeGreaterThan(text.length / part / 2)
    expect(result.whole.findings.length).toBeGreaterThan(700)
    same(result)
    // What the text holds shows up: a secret, the multi-line prompt, the flood folded and capped.
    const rules = new Set(result.whole.findings.map((f: Finding) => f.rule))
    for (const rule of ['aws-access-key-id', 'ai-prompt-literal', 'private-key-pem'])
      expect(rules).toContain(rule)
    expect(result.whole.findings.some((f) => (f.repeats ?? 0) > 0)).toBe(true)
  })

  test('count-only: the same findings kept and the same counts', () => {
    const text = bundle(7)
    const { whole } = scanBoth('dist/cli.js', text, { from: 0, part: 8 * KiB, overlap: 4 * KiB })
    const listed = listedHashes(whole.findings.filter((_, i) => i % 3 === 0))
    const result = scanBoth('dist/cli.js', text, { from: 0, part: 8 * KiB, overlap: 4 * KiB }, listed)
    expect(Object.keys(result.whole.counted ?? {}).length).toBeGreaterThan(0)
    same(result)
  })

  test("the caps per text on prompt anchors and named prompts stop where the whole text's do", () => {
    const anchors = Array.from({ length: 5200 }, (_, i) => `x${i}("the user")`).join('\n')
    const named = Array.from({ length: 1100 }, (_, i) => `const a${i}Prompt = "hi";`).join('\n')
    const late =
      'const LATE_PROMPT = "Summarize the conversation so far for the user in a few short sentences and never include code or secrets."'
    for (const text of [
      `${anchors}\n${prompt}\n${late}`,
      `${named}\n${late}\n${prompt}`,
      `${prompt}\n${anchors}\n${named}\n${prompt}\n${late}`,
    ]) {
      const result = scanBoth('dist/cli.js', text, { from: 0, part: 8 * KiB, overlap: 4 * KiB })
      same(result)
    }
  })

  test('a match longer than the overlap (a whole prompt file) still gives its finding', () => {
    // What may differ: a single match reaching further than the overlap is seen cut at its window's
    // edge (here the prompt file's value); its finding, place and excerpt are the same.
    const text = Array.from({ length: 400 }, () => prompt.split('\n')[1]).join('\n')
    const { whole, parted } = scanBoth('prompts/system.md', text, {
      from: 0,
      part: 8 * KiB,
      overlap: 4 * KiB,
    })
    expect(whole.findings.map((f) => f.rule)).toEqual(['ai-prompt-file'])
    const strip = (f: Finding) => ({ ...f, subject: undefined, valueHash: undefined })
    expect(parted.findings.map(strip)).toEqual(whole.findings.map(strip))
  })

  test('a line with no line break near a cut is cut between characters, with the same findings', () => {
    const line = Array.from(
      { length: 3000 },
      (_, j) => `é${j}="${j % 100 === 0 ? secrets.githubToken : 'x'}";`,
    ).join('')
    same(scanBoth('dist/min.js', `${line}\n${line}`, { from: 0, part: 5000, overlap: 4 * KiB }))
  })

  test('property: any text of findings, filler and line breaks, any part size', () => {
    const pieces = [
      prompt,
      internalUrl,
      envFile(secrets),
      npmrcFile(secrets),
      privateKeyFile(),
      `const k = "${secrets.awsAccessKeyId}";`,
      '\n',
      '\n\n',
      '\uFEFF',
      '𝒳é',
      'x'.repeat(700),
      'function f(a) { return a + 1 }\n',
      '/* a comment\n TODO: ORB-877 */',
    ]
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 32 * KiB }),
        fc.integer({ min: 4 * KiB, max: 16 * KiB }),
        (chosen, part, overlap) => {
          same(scanBoth('dist/cli.js', chosen.join(''), { from: 0, part, overlap }))
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('a part’s window', () => {
  /** Bytes of every kind a cut may meet: line breaks, ASCII, two- to four-byte characters, a byte
   *  order mark, stray continuation bytes and lead bytes cut short. */
  const piece = fc.constantFrom(
    [0x0a],
    [0x61],
    [0x20, 0x62],
    [0xc3, 0xa9],
    [0xe2, 0x82, 0xac],
    [0xf0, 0x9f, 0x98, 0x80],
    [0xef, 0xbb, 0xbf],
    [0x80],
    [0xbf, 0x80],
    [0xe2, 0x82],
    [0xf0],
    [0xc3],
  )

  test('is the whole text’s at its offset, and the own ranges join to the whole text', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (pieces, part, overlap) => {
          const bytes = Uint8Array.from(pieces.flat())
          const whole = new TextDecoder().decode(bytes)
          let joined = ''
          for (const p of textParts(bytes, { from: 0, part, overlap })) {
            expect(p.text).toBe(whole.slice(p.offset, p.offset + p.text.length))
            const own = p.text.slice(p.from, p.to === Infinity ? undefined : p.to)
            const at = joined.length
            expect(p.offset + p.from).toBe(at)
            const before = whole.slice(0, at)
            expect(p.line).toBe(before.split('\n').length)
            expect(p.lineStart).toBe(before.lastIndexOf('\n') + 1)
            joined += own
          }
          expect(joined).toBe(whole)
        },
      ),
      { numRuns: 400 },
    )
  })
})
