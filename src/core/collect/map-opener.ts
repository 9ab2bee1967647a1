// Source maps as one more container level: a standalone map's sources listed (and scanned) under it,
// a script's inline map read right after the script, a sibling map named by sourceMappingURL checked
// once the whole artifact is listed.
import type { AnalysisSink, ScanService } from '../analysis-contract'
import { sourceRootFinding } from '../detectors/build-environment'
import { limitHint, StopError } from '../input/limits'
import type { Member } from '../input/walk'
import type { ExposedFile, Finding } from '../report/model'
import { joinChain } from '../report/present'
import { decodeDataURL, readSourceMap, resolveMapURL } from '../sourcemap'
import { pathBaseName } from '../util/path'
import { detached } from '../util/detach'
import type { ContentStore } from '../kept-texts'
import { decodeJsonLiteral, type Span } from '../sourcemap/json-bytes'
import { countLinesThrough, rangeOf, sizeOf, WINDOW_BYTES, type SyncBytes } from '../sourcemap/byte-window'
import { sourceAt, sourceRuns, type SourceRuns } from '../sourcemap/source-runs'
import { mapSourcesChains } from '../report/bundle-fold'
import { countLinesBytes, countLinesText, utf8Length } from '../util/text-measure'
import type { FileListing } from './file-listing'
import type { FindingIntake } from './finding-intake'
import type { Notices } from './notices'
import type { ScanDispatch } from './scan-dispatch'

export const HEAD_BYTES = 64
const BACKSLASH = 0x5c

const keyOf = (origin: readonly string[], path: string) => [...origin, path].join('\0')

export interface MapOpenerParts {
  listing: FileListing
  notices: Notices
  intake: FindingIntake
  dispatch: ScanDispatch
  sink: AnalysisSink
  /** Between files: the collector's tick (`maxChars`: see ScanService.whenReady). */
  tick: (maxChars?: number) => Promise<void>
}

export interface MapOpenerOptions {
  maxDepth: number
  maxDecodeBytes: number
  scan: boolean
  scanner?: ScanService
  /** Where the host keeps texts (see kept-texts.ts). */
  store?: ContentStore
}

/** Puts `bytes` in the host's store, as `file`'s text unless `isText` is false; returns where they
 *  start there (undefined without a store). `keptAt`: where the store already holds them (a map
 *  spilled into it), so they are not put again. */
export function keep(
  store: ContentStore | undefined,
  file: ExposedFile,
  bytes: Uint8Array | SyncBytes,
  isText = true,
  keptAt?: number,
): number | undefined {
  if (!store) return undefined
  const size = sizeOf(bytes)
  if (keptAt !== undefined) {
    if (isText) store.assign(file.id, keptAt, keptAt + size, false)
    return keptAt
  }
  // Bytes behind a reader go in one window at a time (what is put is contiguous).
  const at = store.put(rangeOf(bytes, 0, bytes instanceof Uint8Array ? size : Math.min(size, WINDOW_BYTES)))
  for (let from = WINDOW_BYTES; !(bytes instanceof Uint8Array) && from < size; from += WINDOW_BYTES)
    store.put(bytes.read(from, Math.min(size, from + WINDOW_BYTES)))
  if (isText) store.assign(file.id, at, at + size, false)
  return at
}

/** Maps larger than this are not read for placements (their mappings would be a string of their own
 *  size's order, held while decoded). */
export const PLACEMENT_MAP_BYTES = 256 * 1024 * 1024

/** Where a map's bundle positions come from: the runs of its mappings and the file id of each of
 *  its sources (by index; -1 for one not listed). */
export interface MapPlacement {
  runs: SourceRuns
  fileIds: number[]
}

/** The source a finding in a bundle comes from, by its map's mappings: for exposures.ts. */
export function sourcePlacer(
  files: readonly ExposedFile[],
  placements: ReadonlyMap<string, MapPlacement>,
): (finding: Finding) => ExposedFile | undefined {
  const mapOf = placements.size > 0 ? mapSourcesChains(files) : new Map<number, string>()
  return (f) => {
    if (f.fileId === undefined || f.line === 0) return undefined
    const chain = mapOf.get(f.fileId)
    const placement = chain === undefined ? undefined : placements.get(chain)
    if (!placement) return undefined
    const source = sourceAt(placement.runs, f.line - 1, f.column - 1)
    const id = source < 0 ? -1 : (placement.fileIds[source] ?? -1)
    return id < 0 ? undefined : files[id]
  }
}

/** The bytes of `span` in a buffer of their own. */
function ownCopy(bytes: Uint8Array | SyncBytes, span: Span): Uint8Array {
  const read = rangeOf(bytes, span.start, span.end)
  const own =
    !(bytes instanceof Uint8Array) && read.byteOffset === 0 && read.byteLength === read.buffer.byteLength
  return own ? read : read.slice()
}

export class MapOpener {
  /** Per map, by the origin chain of its sources (joinChain): where its bundle's positions come from. */
  readonly placements = new Map<string, MapPlacement>()
  private siblings: { file: ExposedFile; key: string }[] = []
  /** Inline maps found in the file just added, read right after it so their sources follow it. */
  private inlineMaps: { bytes: Uint8Array; origin: string[]; owner: ExposedFile }[] = []

  constructor(
    private readonly parts: MapOpenerParts,
    private readonly options: MapOpenerOptions,
  ) {}

  /** A standalone map: listed as a container (when the depth allows), then its sources under it.
   *  `data`: its bytes, or a reader over them (a map too large to hold). */
  async mapFile(member: Member, data: Uint8Array | SyncBytes): Promise<void> {
    const { listing } = this.parts
    const lines = data instanceof Uint8Array ? countLinesBytes(data) : countLinesThrough(data)
    const canOpen = member.origin.length + 1 <= this.options.maxDepth
    const file = listing.add(member, {
      lines,
      container: canOpen ? 'source-map' : undefined,
      head: rangeOf(data, 0, HEAD_BYTES),
    })
    // The map's bytes, not its text: only a host that shows the map decodes it, and its sources are
    // kept as ranges of these bytes.
    const isText = sizeOf(data) <= this.options.maxDecodeBytes
    const keptAt = keep(this.options.store, file, data, isText, member.keptAt)
    if (!canOpen) {
      this.depthError(file)
      return this.parts.tick()
    }
    await this.readMap(data, [...member.origin, member.path], file, keptAt)
  }

  /** Lists every source of a map (its bytes) as a file under `origin` (which ends with the map).
   *  `keptAt`: where the host's store holds the map's bytes, when it already does. */
  private async readMap(
    bytes: Uint8Array | SyncBytes,
    origin: string[],
    owner: ExposedFile,
    keptAt?: number,
  ): Promise<void> {
    const { listing, notices, intake, dispatch, tick } = this.parts
    const { store } = this.options
    const where = joinChain(origin)
    const size = sizeOf(bytes)
    notices.progress('parsing-maps', 0, size, where)
    // Only where each content lies is held, never the texts: a source's text is measured (on its
    // literal, or decoded), handed to the scanner if it has room, else decoded from the map when
    // its turn comes; the host's store keeps the same range.
    // `rawChars`: its literal was measured (so it is well-formed UTF-8 and may go to the scan service
    // as it is), this long between its quotes as written.
    const sources: {
      file: ExposedFile
      content: Span | undefined
      scanned: boolean
      rawChars: number | undefined
    }[] = []
    // A scan service (the CLI's threads) takes each text as it is decoded, so the threads scan while
    // the rest of the map is read (on the incident's map the threads used to wait for all 4,756
    // sources to be decoded first), until it holds as much as it takes; what is left waits for the
    // loop below. Scanning here and now would hold up the listing instead.
    const { scanner } = this.options
    let early = this.options.scan && scanner !== undefined
    // The sources of a map read through a window wait for the scan service as copies of their
    // literals' bytes: no more than half a window's worth of them at a time (the CLI's threads' own
    // bound), so what such a map holds stays of the order of its window.
    const waiting = bytes instanceof Uint8Array ? undefined : WINDOW_BYTES / 2
    // A copy of a source's JSON literal, for a scan service that moves it to its thread instead of
    // copying the decoded string there: what a reader read for it is that copy when it is a buffer
    // of its own (copying it again doubled the garbage of a windowed map's sources).
    const literalAt = (span: Span | undefined) =>
      span && dispatch.takesLiterals ? ownCopy(bytes, span) : undefined
    const fileIds: number[] = []
    let plain = true
    /** Where its mappings are, when they place findings of its bundle (read once the sources are
     *  handed on). */
    let mappings: Span | undefined
    try {
      // With a scan service that takes literals, the sources are measured on their bytes and each
      // is decoded once only, where it is scanned (see literal-measure.ts).
      const measureOnly = early && dispatch.takesLiterals
      const info = readSourceMap(
        bytes,
        (entry) => {
          const { content, literal } = entry
          const has = content !== null
          const span = has ? entry.contentSpan : undefined
          const file = listing.add(
            {
              path: entry.path,
              origin,
              size: literal?.bytes ?? (has ? utf8Length(content!) : 0),
              data: null,
            },
            { lines: literal?.lines ?? (has ? countLinesText(content!) : 0), hasContent: has, fromMap: true },
          )
          file.rawSource = entry.raw
          if (entry.section === undefined) fileIds[entry.index] = file.id
          else plain = false
          if (listing.hashContent && has)
            file.contentHash = listing.hashContent(
              content ?? decodeJsonLiteral(rangeOf(bytes, span!.start, span!.end)),
            )
          early &&= scanner!.whenReady(waiting) === null
          const scanned = early && has
          if (scanned && literal) dispatch.scanLiteral(file, literalAt(span)!, literal.rawChars)
          else if (scanned) dispatch.scan(file, content!, undefined, undefined, literalAt(span))
          if (store && span) {
            keptAt ??= keep(store, owner, bytes, false)!
            store.assign(file.id, keptAt + span.start, keptAt + span.end, true)
          }
          sources.push({ file, content: span, scanned, rawChars: literal?.rawChars })
        },
        { measureOnly },
      )
      if (info.sourceRoot !== undefined && this.options.scan) {
        // An inline map's line is its script's sourceMappingURL: the finding is on the whole script.
        const line = owner.mapResolution === 'inline' ? 0 : info.sourceRootLine
        const found = sourceRootFinding(owner, info.sourceRoot, line)
        if (found) intake.addUnmarked([found])
      }
      if (plain && this.options.scan && info.damageWarning === undefined) mappings = info.mappingsSpan
      // A damaged map's bytes past the damage are not read: a secret there would go unseen.
      for (const warning of info.warnings)
        notices.error({
          path: where,
          message: warning,
          level: 'warning',
          ...(warning === info.damageWarning ? { unscanned: true } : {}),
        })
    } catch (error) {
      if (error instanceof StopError) throw error
      notices.error({
        path: where,
        message: `Source map could not be read: ${error instanceof Error ? error.message : String(error)}`,
        level: 'error',
        unscanned: true,
      })
    }
    notices.progress('parsing-maps', size, size, where)
    // The rest are scanned after the map is listed, so a huge map's file list reaches the host first.
    for (const { file, content, scanned, rawChars } of sources) {
      if (content === undefined) continue
      // A measured literal goes as it is spelled; the scan service unescapes it where it scans.
      if (!scanned && rawChars !== undefined) dispatch.scanLiteral(file, literalAt(content)!, rawChars)
      else if (!scanned)
        dispatch.scan(
          file,
          decodeJsonLiteral(rangeOf(bytes, content.start, content.end)),
          undefined,
          undefined,
          literalAt(content),
        )
      await tick(waiting)
    }
    // Last: the file list (the headline) and the sources' scans do not wait for the mappings' walk.
    if (mappings) this.place(bytes, mappings, where, fileIds)
    await tick()
  }

  /** Keeps the runs of a plain map's mappings (`span`: their string literal in `bytes`), to place
   *  findings in its bundle (exposures.ts) by where their code came from. Mappings that cannot be
   *  read place nothing. */
  private place(bytes: Uint8Array | SyncBytes, span: Span, where: string, fileIds: number[]): void {
    // A map read through a window (too large to hold) is not read again for this.
    if (!(bytes instanceof Uint8Array) || bytes.length > PLACEMENT_MAP_BYTES) return
    try {
      // Base64 needs no decoding: the bytes between the quotes, unless something in them is escaped.
      const inner = bytes.subarray(span.start + 1, span.end - 1)
      const runs = sourceRuns(
        inner.includes(BACKSLASH) ? decodeJsonLiteral(bytes.subarray(span.start, span.end)) : inner,
      )
      this.placements.set(where, { runs, fileIds: Array.from(fileIds, (id) => id ?? -1) })
    } catch {
      // Mappings with a bad escape, or that are not base64: nothing placed.
    }
  }

  /** A JS/CSS file's sourceMappingURL: inline maps are read next (openInline), siblings checked at
   *  the end (resolveSiblings). */
  mapReference(file: ExposedFile, url: string | undefined): void {
    if (url === undefined) return
    file.sourceMappingURL = detached(
      url.startsWith('data:') && url.length > 80 ? `${url.slice(0, 60)}…` : url,
    )
    const inline = url.startsWith('data:') ? decodeDataURL(url) : undefined
    if (inline) {
      file.mapResolution = 'inline'
      if (file.origin.length + 1 > this.options.maxDepth) return this.depthError(file)
      file.container = 'source-map'
      this.inlineMaps.push({ bytes: inline, origin: [...file.origin, file.path], owner: file })
      return
    }
    const target = resolveMapURL(file.path, url)
    if (target === undefined) file.mapResolution = 'external'
    else this.siblings.push({ file, key: keyOf(file.origin, target) })
  }

  /** Reads the inline maps of the file just added. */
  async openInline(): Promise<void> {
    for (const map of this.inlineMaps.splice(0)) await this.readMap(map.bytes, map.origin, map.owner)
  }

  /** Siblings resolve against the whole artifact, so this runs once everything is listed. */
  resolveSiblings(): void {
    const { files } = this.parts.listing
    const present = new Set(
      files.filter((f) => f.rawSource === undefined).map((f) => keyOf(f.origin, f.path)),
    )
    for (const { file, key } of this.siblings) {
      // A URL the build wrote as an absolute path on its own machine
      // (`/home/dev/lib/flex.js.map`) names the `flex.js.map` shipped next to the script.
      const next = keyOf(file.origin, `${file.path}.map`)
      const named = key.endsWith(`/${pathBaseName(file.path)}.map`) && present.has(next)
      file.mapResolution = present.has(key) || named ? 'sibling' : 'missing'
    }
    // A script whose map is in the artifact is compiler output: the map's sources are the source.
    for (const file of files)
      if (
        file.kind === 'first-party-source' &&
        (file.mapResolution === 'sibling' || file.mapResolution === 'inline')
      )
        file.kind = 'bundle'
  }

  /** A map nested past limits.maxDepth: listed, not opened. */
  depthError(file: ExposedFile): void {
    this.parts.notices.errorFor(
      file,
      `Source map not opened: it would be nested ${file.origin.length + 1} containers deep, past limits.maxDepth (${this.options.maxDepth}); ${limitHint('maxDepth')}`,
      'limit',
      true,
    )
  }
}
