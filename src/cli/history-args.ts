// Arguments of `exposure-explorer history <package>`, and the flags it shares with `scan --batch`
// (--cache, --registry, --concurrency). The common flags (limits, --fail-on, -o, …) are scan's.
import semver from 'semver'
import type { CommonArgs } from './args'
import { common, commonFlag, parseCount, UsageError, walk } from './args'

export const HISTORY_FORMATS = ['text', 'json', 'markdown'] as const

/** Flags of commands that fetch tarballs and scan several artifacts. */
export interface FetchArgs {
  /** `--cache DIR`: where tarballs and per-artifact results are kept (see cache.ts). */
  cache?: string
  /** `--registry URL`: passed to npm; without it npm's own configuration decides. */
  registry?: string
  /** `--concurrency N`: artifacts scanned at once. */
  concurrency: number
}

export interface HistoryArgs extends CommonArgs, FetchArgs {
  package: string
  /** `--versions RANGE`: a semver range; without it, every published version. */
  range?: string
}

/** Artifacts scanned at once by default: the machines this runs on often have 2 cores. */
export const DEFAULT_CONCURRENCY = 2

/** Handles --cache, --registry and --concurrency; false for any other flag. */
export function fetchFlag(args: FetchArgs, flag: string, value: () => string): boolean {
  switch (flag) {
    case '--cache':
      args.cache = value()
      return true
    case '--registry': {
      const v = value()
      if (!/^https?:\/\/[^\s]+$/i.test(v))
        throw new UsageError(`--registry needs an http(s) URL (got '${v}')`)
      args.registry = v
      return true
    }
    case '--concurrency':
      args.concurrency = Math.min(64, parseCount(flag, value()))
      return true
  }
  return false
}

/** npm package names: lower-case URL-safe characters, optionally under one @scope. */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i

export function parseHistoryArgs(argv: readonly string[]): HistoryArgs {
  const args: HistoryArgs = { ...common(), package: '', concurrency: DEFAULT_CONCURRENCY }
  const operands: string[] = []
  walk(
    argv,
    (flag, value) => {
      if (flag === '--versions') args.range = value()
      else if (!fetchFlag(args, flag, value)) return commonFlag(args, HISTORY_FORMATS, flag, value)
      return true
    },
    (arg) => operands.push(arg),
  )
  if (args.help) return args
  if (operands.length !== 1)
    throw new UsageError(`history needs exactly one package name (got ${operands.length})`)
  const name = operands[0]
  if (!PACKAGE_NAME.test(name)) {
    const at = name.lastIndexOf('@')
    if (at > 0 && PACKAGE_NAME.test(name.slice(0, at)))
      throw new UsageError(
        `history takes a package name; give versions as --versions '${name.slice(at + 1)}'`,
      )
    throw new UsageError(`'${name}' is not an npm package name`)
  }
  args.package = name
  if (args.range !== undefined && semver.validRange(args.range) === null)
    throw new UsageError(`--versions needs a semver range such as '>=2.0.0 <3' (got '${args.range}')`)
  return args
}
