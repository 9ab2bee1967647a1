// The kind of each exposed file. (Interface fixed; bodies being built — issue 2.)
import type { ContainerType, Kind } from '../report/model'

export interface ClassifyContext {
  /** The package's own name (from package.json), whose paths count as first-party. */
  packageName?: string
  /** True for sources reconstructed from a source map. */
  fromMap: boolean
  /** Set when the file is itself an archive or a map. */
  container?: ContainerType
  /** The first bytes of the content, when available (binary sniffing). */
  head?: Uint8Array
}

export function classifyKind(path: string, context: ClassifyContext): Kind {
  void path
  return context.container === 'source-map' ? 'source-map' : 'other'
}

/** Tests, fixtures, specs, mocks and snapshots: findings there are kept but lowered one severity. */
export function isTestPath(path: string): boolean {
  return /(^|\/)(__tests__|__mocks__|__fixtures__|__snapshots__|tests?|spec|fixtures?|e2e)(\/|$)|\.(test|spec)\.[cm]?[jt]sx?$/i.test(
    path,
  )
}
