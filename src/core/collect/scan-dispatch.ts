// Hands each decoded text to the detectors: here and now, or to the host's scan service (whose
// results are taken in the order the texts were handed over, whatever order its threads answer in,
// and marked with the manifest known when the text was read, however far the reading has gone
// meanwhile: so which places of a flood are listed does not depend on timing). A text equal to one
// scanned before, at a path with the same facts, takes that text's result instead of a scan of its
// own. Once nothing more can be listed, texts are scanned count-only (see count-only.ts).
import type { ScanResult, ScanService } from '../analysis-contract'
import type { CountOnlyQuery, ListedHashes } from '../count-only'
import { pathFacts } from '../detectors'
import type { ExposedFile } from '../report/model'
import { SameTexts, type SameText } from '../same-text'
import { isParted } from '../parted-scan'
import { scanText, scanTextBytes } from '../scan-text'
import { decodeJsonLiteral } from '../sourcemap/json-bytes'
import type { KeyedHash } from '../util/keyed-hash'
import type { Manifest } from './file-listing'
import type { FindingIntake } from './finding-intake'

export class ScanDispatch {
  /** Texts handed to the scan service, in the order they were handed over, with their results once
   *  back and the manifest known when they were read. */
  private submitted: {
    file: ExposedFile
    result: ScanResult | undefined
    same?: SameText
    manifest: Manifest | undefined
    /** The text's length (texts scanned by the service). */
    chars?: number
  }[] = []
  private submittedHead = 0
  /** The listed exposures count-only scans check against, made once the list is full. */
  private listedHashes: ListedHashes | undefined
  /** Characters of the service's full scans taken so far, and the findings they added to the list:
   *  the rate countOnly.fillsWith forecasts with. */
  private fullChars = 0
  private fullListed = 0
  /** Texts scanned so far, so an equal text at a path with the same facts is not scanned again. */
  private readonly sameTexts = new SameTexts()

  /** `scan` false: texts are listed, never scanned. */
  constructor(
    private readonly intake: FindingIntake,
    private readonly scanning: boolean,
    private readonly scanner: ScanService | undefined,
    private readonly valueHasher: KeyedHash | undefined,
  ) {}

  /** The earlier equal text `file` can take the result of, or the entry `text` is now kept as. */
  findSame(file: ExposedFile, text: string) {
    return this.scanning ? this.sameTexts.find(text, () => pathFacts(file.path)) : undefined
  }

  /** Whether the scan service takes a map source as its JSON literal's bytes (see ScanService). */
  get takesLiterals(): boolean {
    return this.scanning && this.scanner?.takesLiterals === true
  }

  /** Scans a map source given as its JSON literal's UTF-8 (`literal`, a copy of its own) for the scan
   *  service to decode; `rawChars`: the length of the literal between its quotes, escapes as
   *  written. Equal literals share one scan as equal texts do (a literal is never taken for a text
   *  of that spelling). */
  scanLiteral(file: ExposedFile, literal: Uint8Array, rawChars: number): void {
    if (!this.scanner) return this.scan(file, decodeJsonLiteral(literal))
    const same = this.scanning
      ? this.sameTexts.find(literal, () => `literal\0${pathFacts(file.path)}`, rawChars)
      : undefined
    this.scan(file, '', same ?? null, undefined, literal, rawChars)
  }

  /** Scans `file`'s text (`bytes`: its UTF-8, `literal`: its JSON literal's, for a scan service that
   *  may take them; `text` is then only counted, as `chars` long). `same` null: not looked up. */
  scan(
    file: ExposedFile,
    text: string,
    same: ReturnType<ScanDispatch['findSame']> | null = this.findSame(file, text),
    bytes?: Uint8Array,
    literal?: Uint8Array,
    chars = text.length,
  ): void {
    if (!this.scanning) return
    const { scanner, intake } = this
    const { manifest } = intake
    if (same && !same.first) {
      // An equal text came earlier: its result is taken in this file's turn.
      if (!scanner) return intake.takeSame(file, same.entry, manifest)
      this.submitted.push({ file, result: undefined, same: same.entry, manifest })
      return this.takeSubmitted()
    }
    if (!scanner) {
      // As a scan service scans it (scanMoved): UTF-8 long enough is scanned in parts.
      const result =
        bytes && isParted(bytes.length)
          ? scanTextBytes(file, bytes, this.valueHasher, this.countOnly())
          : scanText(file, text, this.valueHasher, this.countOnly())
      same?.entry.settle(result)
      return intake.take(file, result, manifest)
    }
    const slot = { file, result: undefined as ScanResult | undefined, manifest, chars }
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
      this.countOnly,
      literal,
      chars,
    )
  }

  /** Scans the text whose UTF-8 is `bytes`, too long to be decoded whole (see parted-scan.ts): here
   *  in parts, or handed to the scan service as its bytes alone (`text` empty), their own buffer. */
  scanBytes(file: ExposedFile, bytes: Uint8Array): void {
    if (!this.scanning) return
    const { scanner, intake } = this
    const { manifest } = intake
    if (!scanner)
      return intake.take(file, scanTextBytes(file, bytes, this.valueHasher, this.countOnly()), manifest)
    const slot = { file, result: undefined as ScanResult | undefined, manifest, chars: bytes.length }
    this.submitted.push(slot)
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
    const done = (result: ScanResult) => {
      slot.result = result
      this.takeSubmitted()
    }
    scanner.submit(file, '', done, own, this.countOnly)
  }

  /** Once nothing more can be listed, the set texts are scanned count-only against. */
  private readonly countOnly: CountOnlyQuery = Object.assign(
    () =>
      this.intake.findings.full ? (this.listedHashes ??= this.intake.findings.listedHashes()) : undefined,
    {
      fillsWith: (chars: number) => {
        const { listed, maxFindings, full } = this.intake.findings
        if (full || this.fullChars === 0) return false
        return listed.length + (chars * this.fullListed) / this.fullChars >= maxFindings
      },
    },
  )

  /** Takes the results that are back, up to the first that is not. */
  private takeSubmitted(): void {
    const queue = this.submitted
    while (this.submittedHead < queue.length) {
      const slot = queue[this.submittedHead]
      if (slot.same) {
        if (slot.same.result === undefined) break
        this.submittedHead++
        this.intake.takeSame(slot.file, slot.same, slot.manifest)
        continue
      }
      if (slot.result === undefined) break
      this.submittedHead++
      const before = this.intake.findings.listed.length
      this.intake.take(slot.file, slot.result, slot.manifest)
      if (Array.isArray(slot.result) || !slot.result.counted) {
        this.fullChars += slot.chars ?? 0
        this.fullListed += this.intake.findings.listed.length - before
      }
    }
    if (this.submittedHead > 1024 && this.submittedHead * 2 > queue.length) {
      this.submitted = queue.slice(this.submittedHead)
      this.submittedHead = 0
    }
  }

  /** Waits for every text handed to the scan service (a no-op without one). */
  async drain(): Promise<void> {
    await this.scanner?.drain()
  }
}
