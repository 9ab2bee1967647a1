// Hostile text must not make the scanner quadratic or overflow the stack: megabyte-long single lines
// full of anchors, URLs or comment markers finish (within vitest's default timeout) and repeated
// matches are capped per rule.
import { describe, expect, test } from 'vitest'
import { MAX_FINDINGS_PER_RULE } from '../../../src/core/detectors/index'
import { scanText } from './helpers'

describe('hostile input', () => {
  test.each([
    ['prompt anchors without quotes', 'you are the user when you '.repeat(100_000)],
    ['prompt anchors after one quote', '"' + 'you are the user when you '.repeat(100_000)],
    ['comment markers', '/'.repeat(2_000_000)],
    ['secret names', 'secret_token_password_="'.repeat(100_000)],
  ])('%s: no findings, no hang', (_name, text) => {
    expect(scanText('dist/x.js', text).filter((f) => f.category !== 'internal-notes')).toEqual([])
  })

  test('100,000 repeated internal URLs on one line are capped per rule', () => {
    const findings = scanText('dist/x.js', 'http://10.1.2.3:8080/ '.repeat(100_000))
    expect(findings.length).toBe(MAX_FINDINGS_PER_RULE)
    expect(findings.every((f) => f.rule === 'private-ip' && f.line === 1)).toBe(true)
    expect(findings[1].column).toBe(1 + 'http://10.1.2.3:8080/ '.length)
  })
})
