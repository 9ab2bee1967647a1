import { describe, expect, it } from 'vitest'
import { parseDiffArgs, parseScanArgs, parseSize, UsageError } from '../../../src/cli/args'
import { parseFileList } from '../../../src/cli/node-source'

describe('parseScanArgs', () => {
  it('reads operands, formats, thresholds, output, limits and --files-from', () => {
    const a = parseScanArgs([
      'a.tgz',
      'dist',
      '--format=sarif',
      '--fail-on',
      'medium',
      '-o',
      'out.sarif',
      '--max-inflated-bytes',
      '4GB',
      '--max-file-bytes=512mb',
      '--max-depth',
      '12',
      '--max-entries',
      '2_000_000',
      '--files-from',
      '-',
      '--cwd',
      'pkg',
      '--allow-unscanned',
      '--',
      '--weird-name.js',
    ])
    expect(a).toEqual({
      paths: ['a.tgz', 'dist', '--weird-name.js'],
      format: 'sarif',
      failOn: 'medium',
      allowUnscanned: true,
      keepSecrets: false,
      output: 'out.sarif',
      limits: {
        maxInflatedBytes: 4 * 1024 ** 3,
        maxFileBytes: 512 * 1024 ** 2,
        maxDepth: 12,
        maxEntries: 2_000_000,
      },
      filesFrom: '-',
      cwd: 'pkg',
      internalScopes: [],
      help: false,
    })
  })

  it('--internal-scope is repeatable and normalized; anything but a scope name is a usage error', () => {
    expect(
      parseScanArgs(['a.tgz', '--internal-scope', '@Acme', '--internal-scope', 'beta/']).internalScopes,
    ).toEqual(['@acme', '@beta'])
    expect(parseDiffArgs(['a.tgz', 'b.tgz', '--internal-scope', '@acme']).internalScopes).toEqual(['@acme'])
    expect(() => parseScanArgs(['a.tgz', '--internal-scope', '@a/b/c'])).toThrow(UsageError)
    expect(() => parseScanArgs(['a.tgz', '--internal-scope'])).toThrow(UsageError)
  })

  it('defaults to text and --fail-on high', () => {
    expect(parseScanArgs(['a.tgz'])).toMatchObject({
      format: 'text',
      failOn: 'high',
      allowUnscanned: false,
      limits: {},
    })
  })

  it.each([
    [[], /at least one file/],
    [['a', '--format', 'xml'], /unknown --format 'xml'/],
    [['a', '--fail-on', 'info'], /unknown --fail-on/],
    [['a', '--fail-on'], /--fail-on needs a value/],
    [['a', '-x'], /unknown option -x/],
    [['a', '--cwd', 'x'], /--cwd only applies to --files-from/],
    [['-'], /only accepted as --files-from -/],
    [['a', '--max-entries', '1.5'], /whole number/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseScanArgs(argv)).toThrow(UsageError)
    expect(() => parseScanArgs(argv)).toThrow(message)
  })

  it('--help wins over missing operands', () => {
    expect(parseScanArgs(['--help']).help).toBe(true)
    expect(parseDiffArgs(['-h']).help).toBe(true)
  })
})

describe('parseDiffArgs', () => {
  it('takes exactly two inputs and the common options', () => {
    expect(
      parseDiffArgs(['old.tgz', 'new.tgz', '--format', 'markdown', '--fail-on', 'critical']),
    ).toMatchObject({
      old: 'old.tgz',
      new: 'new.tgz',
      format: 'markdown',
      failOn: 'critical',
    })
    expect(() => parseDiffArgs(['one'])).toThrow(/exactly two inputs/)
    expect(() => parseDiffArgs(['a', 'b', 'c'])).toThrow(/two inputs.*\(got 3\)/)
  })
})

describe('parseSize', () => {
  it.each([
    ['1000', 1000],
    ['1KB', 1024],
    ['1.5k', 1536],
    ['2 GB', 2 * 1024 ** 3],
    ['3tb', 3 * 1024 ** 4],
  ])('%s = %d bytes', (text, bytes) => expect(parseSize('--x', text)).toBe(bytes))
  it.each(['', 'GB', '-1', '0', '1XB', '1e9'])('rejects %j', (text) =>
    expect(() => parseSize('--x', text)).toThrow(UsageError),
  )
})

describe('parseFileList', () => {
  it('reads npm pack --dry-run --json, including output printed by prepack scripts before it', () => {
    const pack = [
      { id: 'a@1.0.0', files: [{ path: 'package.json' }, { path: 'dist/a.js' }] },
      { files: [{ path: 'b' }] },
    ]
    expect(parseFileList(JSON.stringify(pack))).toEqual(['package.json', 'dist/a.js', 'b'])
    expect(parseFileList(`> a@1.0.0 prepack\n> tsc\n\n${JSON.stringify(pack, null, 2)}\n`)).toEqual([
      'package.json',
      'dist/a.js',
      'b',
    ])
  })

  it('reads a JSON array of paths, or one path per line with blanks and # comments skipped', () => {
    expect(parseFileList('["a.js","b/c.js"]')).toEqual(['a.js', 'b/c.js'])
    expect(parseFileList('# shipped\r\na.js\n\n  b/c.js  \n')).toEqual(['a.js', 'b/c.js'])
    expect(parseFileList('[draft] notes.md\n')).toEqual(['[draft] notes.md'])
  })

  it('says so when JSON does not have the expected shape', () => {
    expect(() => parseFileList('[{"files":[{"size":1}]}]')).toThrow(/has no "path"/)
    expect(() => parseFileList('[{"name":"x"}]')).toThrow(/npm pack --dry-run --json/)
    expect(() => parseFileList('[{"files": [')).toThrow(/does not parse/)
  })
})
