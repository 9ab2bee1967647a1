// Builds the report's file list as the walker hands over members: one ExposedFile per member, map
// source, and dropped file; source maps (standalone, inline, sibling) opened as one more container
// level; text decoded one file at a time and handed to the host and the detectors. analyze.ts owns
// the options and the final report; this owns everything that happens per file.
import { classifyKind } from './classify'
import { openSourceLicense } from './classify/license'
import {
  asThirdParty,
  markOpenSource,
  markThirdParty,
  openSourceCalibrated,
  pathFacts,
  PUBLIC_WITH_OPEN_SOURCE,
} from './detectors'
import { sourceRootFinding } from './detectors/build-environment'
import type { Budget } from './input/limits'
import { archiveExtension } from './input-formats'
import { checkAborted, limitHint, StopError } from './input/limits'
import { formatBytes, joinChain, locationOf } from './report/present'
import { isBinary, looksLikeSourceMap, SNIFF_BYTES } from './input/sniff'
import type { Member, WalkVisitor } from './input/walk'
import type { ContainerType, ExposedFile, Finding, Limits, ReportError, Stage } from './report/model'
import { decodeDataURL, findSourceMappingURL, readSourceMap, resolveMapURL } from './sourcemap'
import type { AnalysisSink, MatchHashing, ScanResult, ScanService } from './analysis-contract'
import { scanText } from './scan-text'
import { countLinesBytes, countLinesText, isWellFormedUtf8, utf8Length } from './util/text-measure'
import { KeyedHash } from './util/keyed-hash'
import { pathBaseName } from './util/path'
import { exposureKey, FindingList } from './finding-list'
import { SameTexts, type SameText } from './same-text'

/** V8 cannot hold a string much past 2^29 characters; bigger content is counted, never decoded. */
export const MAX_DECODE_BYTES = 500 * 1024 * 1024
const FILE_BATCH = 500
const BATCH_MS = 50
const PROGRESS_MS = 200
/** How often a long synchronous stretch yields to the event loop so a cancel message gets through. */
const YIELD_MS = 50
const HEAD_BYTES = 64
/** Heads kept for classifying again once package.json arrives (it is almost always first). */
const MAX_HEADS = 10_000
const SCRIPT = /\.(?:[cm]?js|jsx|css)$/i

const decoder = new TextDecoder()

const keyOf = (origin: readonly string[], path: string) => [...origin, path].join('\0')

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
}

/** What the artifact's own package.json says about it (name and licence terms). */
export interface Manifest {
  name: string
  license?: string
  private?: boolean
}

export class FileCollector implements WalkVisitor {
  readonly files: ExposedFile[] = []
  /** The findings listed (bounded, see FindingList) and the counts of those that are not. */
  readonly findings: FindingList
  readonly errors: ReportError[] = []
  packageName: string | undefined
  manifest: Manifest | undefined
  /** Heads of third-party files classified before the package name was known. */
  private heads = new Map<number, Uint8Array>()
  private needsReclassify = false
  private siblings: { file: ExposedFile; key: string }[] = []
  private pending: ExposedFile[] = []
  private lastFlush = 0
  private lastProgress = 0
  private lastYield = 0
  private scannedCount = 0
  /** Findings were taken before package.json was read: calibrateLate has work to do. */
  private scannedBeforeManifest = false
  /** Texts handed to the scan service, in the order they were handed over, with their results once
   *  back: results are taken in this order, whatever order the threads answer in, so which places
   *  of a flood are listed does not depend on timing. */
  private submitted: { file: ExposedFile; result: ScanResult | undefined; same?: SameText }[] = []
  private submittedHead = 0
  /** Texts scanned so far, so an equal text at a path with the same facts is not scanned again. */
  private readonly sameTexts = new SameTexts()

  private readonly maxDecodeBytes: number
  private readonly valueHasher: KeyedHash | undefined
  private readonly hashContent: ((content: Uint8Array | string) => string) | undefined

  constructor(private readonly options: CollectorOptions) {
    this.maxDecodeBytes = options.maxDecodeBytes ?? MAX_DECODE_BYTES
    const { match } = options
    this.valueHasher = match ? new KeyedHash(match.key) : undefined
    this.hashContent = match && (match.hashContent ?? ((content) => this.valueHasher!.hash(content)))
    const max = options.limits.maxFindings
    this.findings = new FindingList(max, (first) =>
      this.error({
        path: locationOf(first),
        message:
          `Stopped listing findings: the artifact has more than ${max.toLocaleString('en-US')} ` +
          `(limits.maxFindings); the summary still counts every one by category and severity; ` +
          `raise limits.maxFindings to list them.`,
        level: 'limit',
      }),
    )
  }

  // ---- WalkVisitor ----

  async container(member: Member, type: ContainerType): Promise<void> {
    this.add(member, { container: type, lines: 0, head: member.data?.subarray(0, HEAD_BYTES) })
    await this.tick()
  }

  async file(member: Member): Promise<void> {
    const { data } = member
    if (!data) {
      this.add(member, { hasContent: false, lines: 0 })
      return this.tick()
    }
    if (member.origin.length === 0) this.noteDroppedFile(member.path, data)
    const head = data.subarray(0, SNIFF_BYTES)
    if (looksLikeSourceMap(head, member.path)) return this.mapFile(member, data)
    if (isBinary(head)) {
      this.add(member, { lines: 0, head })
      return this.tick()
    }
    const lines = countLinesBytes(data)
    if (data.length > this.maxDecodeBytes) {
      const file = this.add(member, { lines, head })
      this.errorFor(
        file,
        `Not scanned: ${formatBytes(data.length)} of text is past the ${formatBytes(this.maxDecodeBytes)} that can be decoded as one string; only its size and lines are listed`,
        'limit',
        true,
      )
      return this.tick()
    }
    const decoded = decoder.decode(data)
    const file = this.add(member, { lines, head })
    // A copy of an earlier text is held as that text (one string for the host to keep, not one per copy).
    const same = this.findSame(file, decoded)
    const text = same?.entry.text ?? decoded
    if (text.includes('\uFFFD') && !isWellFormedUtf8(data))
      this.errorFor(
        file,
        'Not valid UTF-8: the invalid bytes read as U+FFFD, so columns after them may be off by a few characters',
        'warning',
      )
    this.notePackageJson(file, text)
    this.options.sink.content?.(file.id, text)
    if (SCRIPT.test(file.path)) this.mapReference(file, text)
    this.scan(file, text, same, data)
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
    this.errors.push(error)
    this.options.sink.errors?.([error])
  }

  progress(stage: Stage, done: number, total: number, path: string): void {
    const now = performance.now()
    if (now - this.lastProgress < PROGRESS_MS && done < total) return
    this.lastProgress = now
    this.options.sink.progress?.({ stage, done, total, path })
  }

  // ---- files ----

  private add(
    member: Member,
    extra: {
      lines: number
      hasContent?: boolean
      container?: ContainerType
      head?: Uint8Array
      fromMap?: boolean
    },
  ): ExposedFile {
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
  private notePackageJson(file: ExposedFile, text: string): void {
    if (
      this.packageName !== undefined ||
      file.origin.length > 1 ||
      !/^(?:[^/]+\/)?package\.json$/.test(file.path)
    )
      return
    try {
      const json = JSON.parse(text) as { name?: unknown; license?: unknown; private?: unknown }
      const name = json.name
      if (typeof name !== 'string' || name === '') return
      this.packageName = name
      this.manifest = { name, private: json.private === true }
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

  // ---- source maps ----

  private async mapFile(member: Member, data: Uint8Array): Promise<void> {
    const lines = countLinesBytes(data)
    const canOpen = member.origin.length + 1 <= this.options.limits.maxDepth
    const file = this.add(member, {
      lines,
      container: canOpen ? 'source-map' : undefined,
      head: data.subarray(0, HEAD_BYTES),
    })
    // The map's bytes, not its text: only a host that shows the map decodes it (57 MB on the
    // incident's map, which every source below is decoded from anyway).
    if (data.length <= this.maxDecodeBytes) this.options.sink.content?.(file.id, data)
    if (!canOpen) {
      this.depthError(file)
      return this.tick()
    }
    await this.readMap(data, [...member.origin, member.path], file)
  }

  /** Lists every source of a map (its bytes) as a file under `origin` (which ends with the map). */
  private async readMap(bytes: Uint8Array, origin: string[], owner: ExposedFile): Promise<void> {
    const where = joinChain(origin)
    this.progress('parsing-maps', 0, bytes.length, where)
    const sources: { file: ExposedFile; text: string | null; scanned: boolean }[] = []
    // A scan service (the CLI's threads) takes each text as it is decoded, so the threads scan while
    // the rest of the map is read (on the incident's map the threads used to wait for all 4,756
    // sources to be decoded first), until it holds as much as it takes; what is left waits for the
    // loop below. Scanning here and now would hold up the listing instead.
    const { scanner } = this.options
    let early = this.options.scan && scanner !== undefined
    try {
      const info = readSourceMap(bytes, (entry) => {
        const content = entry.content
        const file = this.add(
          { path: entry.path, origin, size: content === null ? 0 : utf8Length(content), data: null },
          {
            lines: content === null ? 0 : countLinesText(content),
            hasContent: content !== null,
            fromMap: true,
          },
        )
        file.rawSource = entry.raw
        if (this.hashContent && content !== null) file.contentHash = this.hashContent(content)
        early &&= scanner!.whenReady() === null
        const scanned = early && content !== null
        if (scanned) this.scan(file, content)
        sources.push({ file, text: content, scanned })
      })
      if (info.sourceRoot !== undefined && this.options.scan) {
        // An inline map's line is its script's sourceMappingURL: the finding is on the whole script.
        const line = owner.mapResolution === 'inline' ? 0 : info.sourceRootLine
        const found = sourceRootFinding(owner, info.sourceRoot, line)
        const listed = found ? this.findings.add([found]) : []
        if (listed.length > 0) this.options.sink.findings?.(listed)
      }
      // A damaged map's bytes past the damage are not read: a secret there would go unseen.
      for (const warning of info.warnings)
        this.error({
          path: where,
          message: warning,
          level: 'warning',
          ...(warning === info.damageWarning ? { unscanned: true } : {}),
        })
    } catch (error) {
      if (error instanceof StopError) throw error
      this.error({
        path: where,
        message: `Source map could not be read: ${error instanceof Error ? error.message : String(error)}`,
        level: 'error',
        unscanned: true,
      })
    }
    this.progress('parsing-maps', bytes.length, bytes.length, where)
    // The rest are scanned after the map is listed, so a huge map's file list reaches the host first.
    for (const { file, text, scanned } of sources) {
      if (text === null) continue
      this.options.sink.content?.(file.id, text)
      if (!scanned) this.scan(file, text)
      await this.tick()
    }
    await this.tick()
  }

  /** A JS/CSS file's sourceMappingURL: inline maps are read now, siblings checked at the end. */
  private mapReference(file: ExposedFile, text: string): void {
    const url = findSourceMappingURL(text)
    if (url === undefined) return
    file.sourceMappingURL = url.startsWith('data:') && url.length > 80 ? `${url.slice(0, 60)}…` : url
    const inline = url.startsWith('data:') ? decodeDataURL(url) : undefined
    if (inline) {
      file.mapResolution = 'inline'
      if (file.origin.length + 1 > this.options.limits.maxDepth) return this.depthError(file)
      file.container = 'source-map'
      this.inlineMaps.push({ bytes: inline, origin: [...file.origin, file.path], owner: file })
      return
    }
    const target = resolveMapURL(file.path, url)
    if (target === undefined) file.mapResolution = 'external'
    else this.siblings.push({ file, key: keyOf(file.origin, target) })
  }

  /** Inline maps found in the file just added, read right after it so their sources follow it. */
  private inlineMaps: { bytes: Uint8Array; origin: string[]; owner: ExposedFile }[] = []

  async afterFile(): Promise<void> {
    for (const map of this.inlineMaps.splice(0)) await this.readMap(map.bytes, map.origin, map.owner)
  }

  /** Siblings resolve against the whole artifact, so this runs once everything is listed. */
  resolveSiblings(): void {
    const present = new Set(
      this.files.filter((f) => f.rawSource === undefined).map((f) => keyOf(f.origin, f.path)),
    )
    for (const { file, key } of this.siblings) {
      // A URL the build wrote as an absolute path on its own machine
      // (`/home/dev/lib/flex.js.map`) names the `flex.js.map` shipped next to the script.
      const next = keyOf(file.origin, `${file.path}.map`)
      const named = key.endsWith(`/${pathBaseName(file.path)}.map`) && present.has(next)
      file.mapResolution = present.has(key) || named ? 'sibling' : 'missing'
    }
    // A script whose map is in the artifact is compiler output: the map's sources are the source.
    for (const file of this.files)
      if (
        file.kind === 'first-party-source' &&
        (file.mapResolution === 'sibling' || file.mapResolution === 'inline')
      )
        file.kind = 'bundle'
  }

  private depthError(file: ExposedFile): void {
    this.errorFor(
      file,
      `Source map not opened: it would be nested ${file.origin.length + 1} containers deep, past limits.maxDepth (${this.options.limits.maxDepth}); ${limitHint('maxDepth')}`,
      'limit',
      true,
    )
  }

  // ---- scanning, batching ----

  /** The earlier equal text `file` can take the result of, or the entry `text` is now kept as. */
  private findSame(file: ExposedFile, text: string) {
    return this.options.scan ? this.sameTexts.find(text, () => pathFacts(file.path)) : undefined
  }

  private scan(file: ExposedFile, text: string, same = this.findSame(file, text), bytes?: Uint8Array): void {
    if (!this.options.scan) return
    const { scanner } = this.options
    if (same && !same.first) {
      // An equal text came earlier: its result is taken in this file's turn.
      if (!scanner) return this.takeSame(file, same.entry)
      this.submitted.push({ file, result: undefined, same: same.entry })
      return this.takeSubmitted()
    }
    if (!scanner) {
      const result = scanText(file, text, this.valueHasher)
      same?.entry.settle(result)
      return this.takeScan(file, result)
    }
    const slot = { file, result: undefined as ScanResult | undefined }
    this.submitted.push(slot)
    scanner.submit(
      file,
      text,
      (result) => {
        same?.entry.settle(result)
        slot.result = result
        this.takeSubmitted()
      },
      bytes,
    )
  }

  /** Takes the results that are back, up to the first that is not. */
  private takeSubmitted(): void {
    const queue = this.submitted
    while (this.submittedHead < queue.length) {
      const slot = queue[this.submittedHead]
      if (slot.same) {
        if (slot.same.result === undefined) break
        this.submittedHead++
        this.takeSame(slot.file, slot.same)
        continue
      }
      if (slot.result === undefined) break
      this.submittedHead++
      this.takeScan(slot.file, slot.result)
    }
    if (this.submittedHead > 1024 && this.submittedHead * 2 > queue.length) {
      this.submitted = queue.slice(this.submittedHead)
      this.submittedHead = 0
    }
  }

  private takeScan(file: ExposedFile, result: ScanResult): void {
    if (!Array.isArray(result)) {
      if (result.stoppedAt !== undefined) this.errorFor(file, result.error, 'error', true)
      // A detector bug must not cost the rest of the artifact.
      else
        this.errorFor(
          file,
          `Not scanned: the detectors failed on this file (${result.error})`,
          'warning',
          true,
        )
      if (!result.findings?.length) return
      result = result.findings
    }
    this.scannedCount++
    if (result.length === 0) return
    // Marked before they stream, with the kind the file has now and the licence known now (the
    // package.json that can still change them is read first in every npm tarball).
    markThirdParty(result, this.files)
    if (this.manifest === undefined) this.scannedBeforeManifest = true
    else markOpenSource(result, openSourceLicense(this.manifest))
    const listed = this.findings.add(result)
    if (listed.length === 0) return
    this.flushFiles()
    this.options.sink.findings?.(listed)
  }

  /** Findings made before package.json was read (npm does not always pack it first) get the
   *  licence's calibration once everything is scanned; the streamed ones are replaced in the report. */
  calibrateLate(): void {
    const license = openSourceLicense(this.manifest)
    if (!this.scannedBeforeManifest || license === undefined) return
    this.findings.restate(
      (finding) => openSourceCalibrated(finding, license),
      (category, severity) =>
        PUBLIC_WITH_OPEN_SOURCE.has(category) && severity !== 'info' ? 'info' : undefined,
    )
  }

  /** Takes, for `file`, the result of the equal text `same`: when each of its findings repeats an
   *  exposure the report already lists at every place it lists, they are only counted (no copies made);
   *  otherwise they are placed at this file and taken like a scan of its own. */
  private takeSame(file: ExposedFile, same: SameText): void {
    const result = same.result!
    if (Array.isArray(result) && result.length > 0) {
      const thirdParty = file.kind === 'third-party-source'
      // Marked as takeScan marks them now: the licence is applied once package.json has been read.
      const license = this.manifest === undefined ? undefined : openSourceLicense(this.manifest)
      const slot = (thirdParty ? 1 : 0) + (license === undefined ? 0 : 2)
      const marked = (same.marked[slot] ??= markedFindings(result, thirdParty, license))
      if (this.findings.foldIfListed(marked.findings, marked.keys)) {
        this.scannedCount++
        return
      }
    }
    this.takeScan(file, same.resultFor(file))
  }

  /** Waits for every text handed to the scan service (a no-op without one). */
  async drainScans(): Promise<void> {
    await this.options.scanner?.drain()
  }

  private errorFor(file: ExposedFile, message: string, level: ReportError['level'], unscanned = false): void {
    const error: ReportError = { path: locationOf(file), message: `${message}.`, level }
    if (unscanned) error.unscanned = true
    this.error(error)
  }

  flushFiles(): void {
    this.lastFlush = performance.now()
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    this.options.sink.files?.(batch)
  }

  /** Between files: flush a batch when due, report scanning progress, and yield now and then. */
  async tick(): Promise<void> {
    checkAborted(this.options.signal)
    await this.afterFile()
    const now = performance.now()
    if (this.pending.length >= FILE_BATCH || now - this.lastFlush >= BATCH_MS) this.flushFiles()
    if (this.options.scan && now - this.lastProgress >= PROGRESS_MS)
      this.progress('scanning', this.scannedCount, 0, this.files.at(-1)?.path ?? '')
    const full = this.options.scanner?.whenReady()
    if (full) await full
    if (now - this.lastYield >= YIELD_MS) {
      this.lastYield = now
      await new Promise<void>((resolve) => setTimeout(resolve, 0))
      checkAborted(this.options.signal)
    }
  }
}

/** Findings as takeScan hands them to the report (marked for a third-party file, calibrated for an
 *  open-source licence), with their keys. */
function markedFindings(
  findings: Finding[],
  thirdParty: boolean,
  license: string | undefined,
): { findings: Finding[]; keys: string[] } {
  let marked = thirdParty ? findings.map(asThirdParty) : findings
  if (license !== undefined)
    marked = marked.map((finding) => openSourceCalibrated(finding, license) ?? finding)
  return { findings: marked, keys: marked.map(exposureKey) }
}
