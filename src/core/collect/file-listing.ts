// The report's file list: one ExposedFile per member, map source and dropped file, classified as it
// is added, streamed to the host in batches; the artifact's own package.json read for its name and
// licence, and the files classified before the name was known classified again once it is.
import { classifyKind } from '../classify'
import type { AnalysisSink } from '../analysis-contract'
import type { Budget } from '../input/limits'
import type { Member } from '../input/walk'
import type { ContainerType, ExposedFile } from '../report/model'
import { locationOf } from '../report/present'

const FILE_BATCH = 500
const BATCH_MS = 50
/** Heads kept for classifying again once package.json arrives (it is almost always first). */
const MAX_HEADS = 10_000

/** What the artifact's own package.json says about it (name and licence terms). */
export interface Manifest {
  name: string
  version?: string
  license?: string
  private?: boolean
}

export interface FileListingOptions {
  budget: Budget
  sink: AnalysisSink
  /** npm scopes counted as first-party (normalized `@scope`). */
  internalScopes?: readonly string[]
  /** A file's keyed content hash, for a diff. */
  hashContent?: (content: Uint8Array | string) => string
}

export interface AddedFile {
  lines: number
  hasContent?: boolean
  container?: ContainerType
  head?: Uint8Array
  fromMap?: boolean
}

export class FileListing {
  readonly files: ExposedFile[] = []
  packageName: string | undefined
  manifest: Manifest | undefined
  /** Heads of third-party files classified before the package name was known. */
  private heads = new Map<number, Uint8Array>()
  private needsReclassify = false
  private pending: ExposedFile[] = []
  private lastFlush = 0

  constructor(private readonly options: FileListingOptions) {}

  get hashContent(): ((content: Uint8Array | string) => string) | undefined {
    return this.options.hashContent
  }

  add(member: Member, extra: AddedFile): ExposedFile {
    this.options.budget.addEntry(locationOf(member))
    const file: ExposedFile = {
      id: this.files.length,
      path: member.path,
      origin: member.origin,
      kind: 'other',
      bytes: member.size,
      lines: extra.lines,
      hasContent: extra.hasContent ?? true,
    }
    if (extra.container) file.container = extra.container
    if (this.hashContent && member.data) file.contentHash = this.hashContent(member.data)
    file.kind = classifyKind(file.path, {
      packageName: this.packageName,
      internalScopes: this.options.internalScopes,
      fromMap: extra.fromMap ?? false,
      container: extra.container,
      head: extra.head,
    })
    // Only the third-party decision depends on the package name (a package's own files under
    // node_modules/<its name>/ are first-party), so only those files may need classifying again.
    if (
      this.packageName === undefined &&
      file.kind === 'third-party-source' &&
      extra.head &&
      this.heads.size < MAX_HEADS
    )
      this.heads.set(file.id, extra.head.slice())
    this.files.push(file)
    this.pending.push(file)
    return file
  }

  /** The artifact's own name, from the outermost package.json (npm packs it first, usually). */
  /** Whether `file` may be the package's own package.json (notePackageJson reads its text). */
  mayBePackageJson(file: ExposedFile): boolean {
    return (
      this.packageName === undefined &&
      file.origin.length <= 1 &&
      /^(?:[^/]+\/)?package\.json$/.test(file.path)
    )
  }

  notePackageJson(file: ExposedFile, text: string): void {
    if (!this.mayBePackageJson(file)) return
    try {
      const json = JSON.parse(text) as {
        name?: unknown
        version?: unknown
        license?: unknown
        private?: unknown
      }
      const name = json.name
      if (typeof name !== 'string' || name === '') return
      this.packageName = name
      this.manifest = { name, private: json.private === true }
      if (typeof json.version === 'string') this.manifest.version = json.version
      const license = json.license as { type?: unknown } | string | undefined
      if (typeof license === 'string') this.manifest.license = license
      else if (typeof license?.type === 'string') this.manifest.license = license.type
      this.needsReclassify = this.files.length > 1
      if (!this.needsReclassify) this.heads.clear()
    } catch {
      // Not JSON: not the manifest.
    }
  }

  /** Kinds of files seen before the package name arrived, classified again with it. */
  reclassify(): void {
    if (!this.needsReclassify) return
    for (const file of this.files) {
      if (file.kind !== 'third-party-source') continue
      file.kind = classifyKind(file.path, {
        packageName: this.packageName,
        internalScopes: this.options.internalScopes,
        fromMap: file.rawSource !== undefined,
        container:
          file.container === 'source-map' && file.mapResolution === 'inline' ? undefined : file.container,
        head: this.heads.get(file.id),
      })
    }
    this.heads.clear()
  }

  /** Streams the files added since the last batch. */
  flush(): void {
    this.lastFlush = performance.now()
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    this.options.sink.files?.(batch)
  }

  /** Streams a batch when FILE_BATCH files wait or BATCH_MS have passed since the last. */
  flushIfDue(now: number): void {
    if (this.pending.length >= FILE_BATCH || now - this.lastFlush >= BATCH_MS) this.flush()
  }
}
