// Builds the report's file list as the walker hands over members and decodes each text once, handing it
// to the host and the detectors. analyze.ts owns the options and the final report; this owns everything
// that happens per file, in four parts of collect/: the file list (FileListing), source maps as one more
// container level (MapOpener), scanning (ScanDispatch) and the findings it yields (FindingIntake).
import type { AnalysisSink, MatchHashing, ScanService } from './analysis-contract'
import { FileListing, type Manifest } from './collect/file-listing'
import { FindingIntake } from './collect/finding-intake'
import { HEAD_BYTES, keep, MapOpener, type MapPlacement } from './collect/map-opener'
import { Notices } from './collect/notices'
import { ScanDispatch } from './collect/scan-dispatch'
import type { Budget } from './input/limits'
import { checkAborted } from './input/limits'
import { archiveExtension } from './input-formats'
import { isBinary, looksLikeSourceMap, SNIFF_BYTES } from './input/sniff'
import type { Member, WalkVisitor } from './input/walk'
import type { ContainerType, ExposedFile, Limits, ReportError, Stage } from './report/model'
import { formatBytes } from './report/present'
import { KeyedHash } from './util/keyed-hash'
import type { ContentStore } from './kept-texts'
import { countLinesBytes, decodedAsIs, isWellFormedUtf8 } from './util/text-measure'
import { isParted } from './parted-scan'
import { findSourceMappingURL, findSourceMappingURLInBytes } from './sourcemap'

/** V8 cannot hold a string much past 2^29 characters; bigger content is counted, never decoded. */
export const MAX_DECODE_BYTES = 500 * 1024 * 1024
/** How often a long synchronous stretch yields to the event loop so a cancel message gets through. */
const YIELD_MS = 50
const SCRIPT = /\.(?:[cm]?js|jsx|css)$/i

const decoder = new TextDecoder()
const NOT_UTF8 =
  'Not valid UTF-8: the invalid bytes read as U+FFFD, so columns after them may be off by a few characters'

export interface CollectorOptions {
  limits: Limits
  budget: Budget
  scan: boolean
  sink: AnalysisSink
  signal?: AbortSignal
  /** Where texts are scanned; without it, here and now. */
  scanner?: ScanService
  /** Bytes of text decoded as one string (default MAX_DECODE_BYTES); tests lower it. */
  maxDecodeBytes?: number
  /** Keyed hashes for a diff: of each file's content and each finding's value. */
  match?: MatchHashing
  /** npm scopes counted as first-party (normalized `@scope`). */
  internalScopes?: readonly string[]
  /** Where the host keeps texts for later (the page's viewer); without it none are kept. */
  store?: ContentStore
}

export class FileCollector implements WalkVisitor {
  private readonly listing: FileListing
  private readonly notices: Notices
  private readonly intake: FindingIntake
  private readonly dispatch: ScanDispatch
  private readonly maps: MapOpener
  private readonly maxDecodeBytes: number
  private lastYield = 0

  constructor(private readonly options: CollectorOptions) {
    const { sink, match, limits } = options
    this.maxDecodeBytes = options.maxDecodeBytes ?? MAX_DECODE_BYTES
    const valueHasher = match ? new KeyedHash(match.key) : undefined
    this.notices = new Notices(sink)
    this.listing = new FileListing({
      budget: options.budget,
      sink,
      internalScopes: options.internalScopes,
      hashContent: match && (match.hashContent ?? ((content) => valueHasher!.hash(content))),
    })
    this.intake = new FindingIntake(limits.maxFindings, this.listing, this.notices, sink)
    this.dispatch = new ScanDispatch(this.intake, options.scan, options.scanner, valueHasher)
    this.maps = new MapOpener(
      {
        listing: this.listing,
        notices: this.notices,
        intake: this.intake,
        dispatch: this.dispatch,
        sink,
        tick: (maxChars?: number) => this.tick(maxChars),
      },
      {
        maxDepth: limits.maxDepth,
        maxDecodeBytes: this.maxDecodeBytes,
        scan: options.scan,
        scanner: options.scanner,
        store: options.store,
      },
    )
  }

  get files(): ExposedFile[] {
    return this.listing.files
  }
  /** The findings listed (bounded, see FindingList) and the counts of those that are not. */
  get findings() {
    return this.intake.findings
  }
  get errors(): ReportError[] {
    return this.notices.errors
  }
  get manifest(): Manifest | undefined {
    return this.listing.manifest
  }

  // ---- WalkVisitor ----

  async container(member: Member, type: ContainerType): Promise<void> {
    this.listing.add(member, { container: type, lines: 0, head: member.data?.subarray(0, HEAD_BYTES) })
    await this.tick()
  }

  async file(member: Member): Promise<void> {
    const { data } = member
    const { listing } = this
    if (member.spilled) return this.maps.mapFile(member, member.spilled)
    if (!data && member.head) {
      // A binary read no further than its head (see HEAD_ONLY_BYTES), listed as below.
      listing.add(member, { lines: 0, head: member.head })
      return this.tick()
    }
    if (!data) {
      listing.add(member, { hasContent: false, lines: 0 })
      return this.tick()
    }
    if (member.origin.length === 0) this.noteDroppedFile(member.path, data)
    const head = data.subarray(0, SNIFF_BYTES)
    if (looksLikeSourceMap(head, member.path)) return this.maps.mapFile(member, data)
    if (isBinary(head)) {
      listing.add(member, { lines: 0, head })
      return this.tick()
    }
    const lines = countLinesBytes(data)
    if (data.length > this.maxDecodeBytes) {
      const file = listing.add(member, { lines, head })
      this.notices.errorFor(
        file,
        `Not scanned: ${formatBytes(data.length)} of text is past the ${formatBytes(this.maxDecodeBytes)} that can be decoded as one string; only its size and lines are listed`,
        'limit',
        true,
      )
      return this.tick()
    }
    if (isParted(data.length)) return this.partedFile(member, data, lines, head)
    const decoded = decoder.decode(data)
    const file = listing.add(member, { lines, head })
    // A copy of an earlier text is held as that text (one string for the host to keep, not one per copy).
    const same = this.dispatch.findSame(file, decoded)
    const kept = same?.entry.text
    const text = typeof kept === 'string' ? kept : decoded
    if (!decodedAsIs(decoded, data)) this.notices.errorFor(file, NOT_UTF8, 'warning')
    listing.notePackageJson(file, text)
    keep(this.options.store, file, data)
    if (SCRIPT.test(file.path)) this.maps.mapReference(file, findSourceMappingURL(text))
    this.dispatch.scan(file, text, same, data)
    await this.tick()
  }

  /** A text long enough to be scanned in parts (see parted-scan.ts): read from its bytes, never
   *  decoded whole here (nor kept as an equal text's: same-text keeps no text this long). */
  private async partedFile(member: Member, data: Uint8Array, lines: number, head: Uint8Array) {
    const file = this.listing.add(member, { lines, head })
    if (!isWellFormedUtf8(data)) this.notices.errorFor(file, NOT_UTF8, 'warning')
    if (this.listing.mayBePackageJson(file)) this.listing.notePackageJson(file, decoder.decode(data))
    keep(this.options.store, file, data)
    if (SCRIPT.test(file.path)) this.maps.mapReference(file, findSourceMappingURLInBytes(data))
    this.dispatch.scanBytes(file, data)
    await this.tick()
  }

  /** A dropped file that is not a container: say so when its name promises an archive, or it is empty,
   *  so a wrong or damaged download is not mistaken for a clean artifact. */
  private noteDroppedFile(path: string, data: Uint8Array): void {
    // Names that promise an archive: the content decides, but a mismatch is worth a warning.
    const archive = archiveExtension(path)
    let message: string | undefined
    if (data.length === 0) message = 'The file is empty (0 bytes): there is nothing in it to analyse.'
    else if (archive)
      message = `Named like a .${archive.toLowerCase()} archive, but its bytes match no archive format (gzip, tar, zip, crx); read as a plain file.`
    if (message) this.error({ path, message, level: 'warning' })
  }

  error(error: ReportError): void {
    this.notices.error(error)
  }

  progress(stage: Stage, done: number, total: number, path: string): void {
    this.notices.progress(stage, done, total, path)
  }

  // ---- after the walk (analyze.ts calls these in this order) ----

  /** Waits for every text handed to the scan service (a no-op without one). */
  drainScans(): Promise<void> {
    return this.dispatch.drain()
  }

  calibrateLate(): void {
    this.intake.calibrateLate()
  }

  reclassify(): void {
    this.listing.reclassify()
  }

  /** Per map (by the origin chain of its sources): the runs that place its bundle's positions. */
  get placements(): ReadonlyMap<string, MapPlacement> {
    return this.maps.placements
  }

  resolveSiblings(): void {
    this.maps.resolveSiblings()
  }

  flushFiles(): void {
    this.listing.flush()
  }

  /** Between files: read the inline maps just found, flush a batch when due, report scanning
   *  progress, and yield now and then. */
  /** `maxChars`: the scan service's bound on text waiting, if tighter than its own (whenReady). */
  async tick(maxChars?: number): Promise<void> {
    const { signal } = this.options
    checkAborted(signal)
    await this.maps.openInline()
    const now = performance.now()
    this.listing.flushIfDue(now)
    if (this.options.scan && this.notices.progressDue(now))
      this.progress('scanning', this.intake.scannedCount, 0, this.files.at(-1)?.path ?? '')
    const full = this.options.scanner?.whenReady(maxChars)
    if (full) await full
    if (now - this.lastYield >= YIELD_MS) {
      this.lastYield = now
      await new Promise<void>((resolve) => setTimeout(resolve, 0))
      checkAborted(signal)
    }
  }
}
