// A truth file of the real-world evaluation set (tests/eval/truth/<npm pack file name>.json): what a
// person found by reading one published artifact. The format is described in the README's
// "Real-world evaluation" section; `parseTruth` checks it so a typo fails loudly instead of scoring 0.
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../src/core/report/model'

export type Role = 'incident' | 'leak' | 'clean'
const ROLES: readonly Role[] = ['incident', 'leak', 'clean']

export interface ExpectedExposure {
  category: Category
  /** Own description; never a secret value. */
  what: string
  /** The exposed path as the report names it. */
  path: string
  /** 1-based line where it begins; absent for whole-file exposures. */
  line?: number
  /** A non-secret identifier the finding's excerpt or message must contain. */
  name?: string
  /** The lowest severity the reviewer accepts. */
  minSeverity?: Severity
}

export interface NonExposure {
  category: Category
  path: string
  line?: number
  name?: string
  why: string
}

export interface TruthCounts {
  firstPartySourceFiles: number
  firstPartySourceLines: number
  reconstructedFrom?: string[]
}

export interface Truth {
  package: string
  version: string
  integrity: string
  role: Role
  why: string
  license: string
  counts?: TruthCounts
  /** Categories for which `exposures` lists every real exposure: precision is judged only for these. */
  complete: Category[]
  /** Categories for which `exposures` names every distinct real exposure (a flag name) while giving
   *  only its first place: a finding in one is judged right when the name its message quotes is one
   *  of them, wherever it is. A category is in `complete` or here, not both. */
  completeNames?: Category[]
  exposures: ExpectedExposure[]
  nonExposures: NonExposure[]
}

/** The npm pack file name (without .tgz) a truth file is named after: `@a/b` 1.0 -> `a-b-1.0`. */
export function packFileName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}`
}

function fail(source: string, message: string): never {
  throw new Error(`${source}: ${message}`)
}

function isCategory(value: unknown): value is Category {
  return (CATEGORIES as readonly unknown[]).includes(value)
}

function checkPlace(source: string, where: string, entry: Record<string, unknown>): void {
  if (!isCategory(entry.category)) fail(source, `${where}: unknown category ${String(entry.category)}`)
  if (typeof entry.path !== 'string' || entry.path === '') fail(source, `${where}: path is missing`)
  if (entry.line !== undefined && !(Number.isInteger(entry.line) && (entry.line as number) >= 1)) {
    fail(source, `${where}: line must be a 1-based integer`)
  }
  if (entry.name !== undefined && (typeof entry.name !== 'string' || entry.name === '')) {
    fail(source, `${where}: name must be a non-empty string`)
  }
}

/** Checks a parsed truth file; `source` names it in error messages. */
export function parseTruth(value: unknown, source: string): Truth {
  const t = value as Truth
  if (typeof t !== 'object' || t === null) fail(source, 'not an object')
  for (const key of ['package', 'version', 'integrity', 'why', 'license'] as const) {
    if (typeof t[key] !== 'string' || t[key] === '') fail(source, `${key} is missing`)
  }
  if (!/^sha512-[A-Za-z0-9+/]+=*$/.test(t.integrity)) fail(source, 'integrity must be sha512-<base64>')
  if (!ROLES.includes(t.role)) fail(source, `role must be one of ${ROLES.join(', ')}`)
  if (!Array.isArray(t.complete) || !t.complete.every(isCategory)) fail(source, 'complete: unknown category')
  t.completeNames ??= []
  if (!Array.isArray(t.completeNames) || !t.completeNames.every(isCategory))
    fail(source, 'completeNames: unknown category')
  if (t.completeNames.some((c) => t.complete.includes(c)))
    fail(source, 'a category is judged by place (complete) or by name (completeNames), not both')
  if (t.role === 'clean' && t.complete.length !== CATEGORIES.length) {
    fail(source, 'a clean package lists every category as complete')
  }
  if (!Array.isArray(t.exposures)) fail(source, 'exposures must be an array')
  t.exposures.forEach((e, i) => {
    checkPlace(source, `exposures[${i}]`, e as unknown as Record<string, unknown>)
    if (typeof e.what !== 'string' || e.what === '') fail(source, `exposures[${i}]: what is missing`)
    if (e.minSeverity !== undefined && !SEVERITIES.includes(e.minSeverity)) {
      fail(source, `exposures[${i}]: unknown minSeverity ${e.minSeverity}`)
    }
  })
  t.nonExposures ??= []
  if (!Array.isArray(t.nonExposures)) fail(source, 'nonExposures must be an array')
  t.nonExposures.forEach((e, i) => {
    checkPlace(source, `nonExposures[${i}]`, e as unknown as Record<string, unknown>)
    if (typeof e.why !== 'string' || e.why === '') fail(source, `nonExposures[${i}]: why is missing`)
  })
  if (t.counts !== undefined) {
    const c = t.counts
    if (!Number.isInteger(c.firstPartySourceFiles) || !Number.isInteger(c.firstPartySourceLines)) {
      fail(source, 'counts: firstPartySourceFiles and firstPartySourceLines must be integers')
    }
  }
  return t
}
