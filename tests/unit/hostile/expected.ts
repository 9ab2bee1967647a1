// What each hostile input of tests/fixtures/lib/hostile-inputs.ts must produce: the exact error
// entries, and the files that must survive next to them (the "nothing lost" half of the promise).
// Shared by the core test and the CLI test, which must agree.
import type { ReportError } from '../../../src/core/report/model'

export interface Expected {
  errors: ReportError[]
  /** Paths (origin chain › path) that must be in the report. */
  kept: string[]
  /** A finding that must still be made: rule category and the path it is in. */
  finding?: { category: string; path: string }
  /** Exact file count, where the input fixes it. */
  files?: number
}

const maxFile = (path: string): ReportError => ({
  path,
  level: 'limit',
  unscanned: true,
  message:
    'Stopped: the decompressed content passed limits.maxFileBytes (2.0 MB); raise limits.maxFileBytes to read further.',
})
const maxInflated = (path: string): ReportError => ({
  path,
  level: 'limit',
  unscanned: true,
  message:
    'Stopped: decompressed data passed the limit of 4.0 MB (limits.maxInflatedBytes; ' +
    'a decompression bomb looks like this too); raise limits.maxInflatedBytes to read further.',
})
const notUtf8 = (path: string): ReportError => ({
  path,
  level: 'warning',
  message:
    'Not valid UTF-8: the invalid bytes read as U+FFFD, so columns after them may be off by a few characters.',
})
const NO_EOCD = 'zip is truncated or corrupt: no end-of-central-directory record.'
/** A map cut short: what was read before the damage is listed, with two warnings. */
const damagedMap = (path: string): ReportError[] => [
  { path, level: 'warning', message: '"sourcesContent" has 0 entries for 1 sources' },
  {
    path,
    level: 'warning',
    unscanned: true,
    message:
      'the map is damaged (the map ends early at byte 73 (truncated?)); the 1 sources and 0 contents before the damage are listed',
  },
]

export const EXPECTED: Record<string, Expected> = {
  'gzip-bomb': { errors: [maxFile('bomb.tgz')], kept: ['bomb.tgz › bomb.tar'] },
  'zip-bomb': {
    errors: [maxInflated('bomb.zip › chunk-4.txt')],
    kept: ['bomb.zip › chunk-0.txt', 'bomb.zip › chunk-3.txt'],
    files: 4,
  },
  'nested-zip-bomb': {
    errors: [maxInflated('nested-bomb.zip › middle-0.zip › leaf-1.zip › leaf-3.txt')],
    kept: ['nested-bomb.zip › middle-0.zip › leaf-0.zip › leaf-3.txt'],
  },
  'overlapping-zip': {
    errors: [
      {
        path: 'overlap.zip',
        level: 'error',
        unscanned: true,
        message:
          'zip entries "overlap-0.txt" and "overlap-1.txt" share their data (an overlapping-entry zip bomb); the zip was not read.',
      },
    ],
    kept: [],
    files: 0,
  },
  'truncated-gzip': {
    errors: [
      {
        path: 'truncated.tgz',
        level: 'error',
        unscanned: true,
        message: 'gzip data is truncated (unexpected end of data) after 174 compressed bytes.',
      },
    ],
    kept: ['truncated.tgz › package/package.json', 'truncated.tgz › package/index.js'],
  },
  'truncated-tar': {
    errors: [
      {
        path: 'truncated.tar',
        level: 'error',
        unscanned: true,
        message: 'truncated: the archive stops inside a header at byte 2048.',
      },
    ],
    kept: ['truncated.tar › package/package.json', 'truncated.tar › package/index.js'],
  },
  'truncated-zip': {
    errors: [{ path: 'truncated.zip', level: 'error', message: NO_EOCD, unscanned: true }],
    kept: [],
    files: 0,
  },
  'invalid-json-map': {
    errors: damagedMap('app.js.map'),
    kept: ['app.js.map', 'app.js.map › src/a.ts'],
    files: 2,
  },
  // Mappings are not decoded (sources and contents are all the report needs), so indices past the
  // end of `sources`/`names` cannot be misread: the map is read without complaint.
  'out-of-range-map': { errors: [], kept: ['range.js.map', 'range.js.map › src/range.ts'], files: 2 },
  'non-utf8': {
    errors: [notUtf8('latin1.js')],
    kept: ['latin1.js'],
    finding: { category: 'internal-endpoints', path: 'latin1.js' },
  },
  'single-line-50mb': {
    errors: [],
    kept: ['one-line.min.js'],
    finding: { category: 'internal-endpoints', path: 'one-line.min.js' },
  },
  'many-sources': {
    errors: [],
    kept: ['many.js.map › src/m0/f0.ts', 'many.js.map › src/m499/f199999.ts'],
    files: 200_001,
  },
  empty: {
    errors: [
      {
        path: 'empty.tgz',
        level: 'warning',
        message: 'The file is empty (0 bytes): there is nothing in it to analyse.',
      },
    ],
    kept: ['empty.tgz'],
    files: 1,
  },
  'not-an-archive': {
    errors: [
      {
        path: 'release.tgz',
        level: 'warning',
        message:
          'Named like a .tgz archive, but its bytes match no archive format (gzip, tar, zip, crx); read as a plain file.',
      },
      // Noise is not text either; both are true and both are said.
      notUtf8('release.tgz'),
    ],
    kept: ['release.tgz'],
    files: 1,
  },
  mixed: {
    errors: [
      ...damagedMap('hostile-mixed-1.0.0.tgz › package/dist/bad.js.map'),
      {
        path: 'hostile-mixed-1.0.0.tgz › package/vendor/broken.zip',
        level: 'error',
        message: NO_EOCD,
        unscanned: true,
      },
      notUtf8('hostile-mixed-1.0.0.tgz › package/latin1.js'),
      maxFile('hostile-mixed-1.0.0.tgz › package/vendor/bomb.gz'),
    ],
    kept: [
      'hostile-mixed-1.0.0.tgz › package/package.json',
      'hostile-mixed-1.0.0.tgz › package/index.js',
      'hostile-mixed-1.0.0.tgz › package/lib/config.js',
      'hostile-mixed-1.0.0.tgz › package/dist/range.js.map › src/range.ts',
      'hostile-mixed-1.0.0.tgz › package/latin1.js',
      'hostile-mixed-1.0.0.tgz › package/empty.js',
      'hostile-mixed-1.0.0.tgz › package/README.md',
    ],
    finding: { category: 'internal-endpoints', path: 'package/lib/config.js' },
  },
}

/** Inputs that take seconds each (50 MB line, 200,000 sources, a 64 MiB bomb); run in their own file. */
export const HEAVY = new Set(['single-line-50mb', 'many-sources', 'gzip-bomb'])

export const chainOf = (f: { origin: string[]; path: string }) => [...f.origin, f.path].join(' › ')
