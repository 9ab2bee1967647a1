// Hands each decoded text to the detectors: here and now, or to the host's scan service (whose
// results are taken in the order the texts were handed over, whatever order its threads answer in,
// so which places of a flood are listed does not depend on timing). A text equal to one scanned
// before, at a path with the same facts, takes that text's result instead of a scan of its own.
import type { ScanResult, ScanService } from '../analysis-contract'
import { pathFacts } from '../detectors'
import type { ExposedFile } from '../report/model'
import { SameTexts, type SameText } from '../same-text'
import { scanText } from '../scan-text'
import type { KeyedHash } from '../util/keyed-hash'
import type { FindingIntake } from './finding-intake'

export class ScanDispatch {
  /** Texts handed to the scan service, in the order they were handed over, with their results once
   *  back. */
  private submitted: { file: ExposedFile; result: ScanResult | undefined; same?: SameText }[] = []
  private submittedHead = 0
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

  /** Scans `file`'s text (`bytes`: its UTF-8, for a scan service that may take them). */
  scan(file: ExposedFile, text: string, same = this.findSame(file, text), bytes?: Uint8Array): void {
    if (!this.scanning) return
    const { scanner, intake } = this
    if (same && !same.first) {
      // An equal text came earlier: its result is taken in this file's turn.
      if (!scanner) return intake.takeSame(file, same.entry)
      this.submitted.push({ file, result: undefined, same: same.entry })
      return this.takeSubmitted()
    }
    if (!scanner) {
      const result = scanText(file, text, this.valueHasher)
      same?.entry.settle(result)
      return intake.take(file, result)
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
        this.intake.takeSame(slot.file, slot.same)
        continue
      }
      if (slot.result === undefined) break
      this.submittedHead++
      this.intake.take(slot.file, slot.result)
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
