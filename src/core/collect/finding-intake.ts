// Where scan results become the report's findings: errors of a scan reported against its file, the
// findings marked for a third-party file and calibrated for an open-source licence, listed through the
// FindingList (bounded, folded) and streamed, and a count-only scan's counts calibrated alike; an
// equal text's result taken without copies where it only repeats what is listed; findings made before
// package.json was read calibrated at the end.
import type { AnalysisSink, ScanResult } from '../analysis-contract'
import { openSourceLicense } from '../classify/license'
import type { FindingCounts } from '../count-only'
import {
  asThirdParty,
  calibratedCounts,
  markOpenSource,
  markThirdParty,
  openSourceCalibrated,
  PUBLIC_WITH_OPEN_SOURCE,
} from '../detectors'
import { exposureKey, FindingList } from '../finding-list'
import type { ExposedFile, Finding } from '../report/model'
import { locationOf } from '../report/present'
import type { SameText } from '../same-text'
import type { FileListing, Manifest } from './file-listing'
import type { Notices } from './notices'

export class FindingIntake {
  /** The findings listed (bounded, see FindingList) and the counts of those that are not. */
  readonly findings: FindingList
  /** Texts whose results were taken. */
  scannedCount = 0
  /** Findings were taken before package.json was read: calibrateLate has work to do. */
  private scannedBeforeManifest = false

  constructor(
    maxFindings: number,
    private readonly listing: FileListing,
    private readonly notices: Notices,
    private readonly sink: AnalysisSink,
  ) {
    this.findings = new FindingList(maxFindings, (first) =>
      notices.error({
        path: locationOf(first),
        message:
          `Stopped listing findings: the artifact has more than ${maxFindings.toLocaleString('en-US')} ` +
          `(limits.maxFindings); the summary still counts every one by category and severity; ` +
          `raise limits.maxFindings to list them.`,
        level: 'limit',
      }),
    )
  }

  /** Lists findings made outside a text's scan as they are, and streams the listed ones. */
  addUnmarked(findings: Finding[]): void {
    const listed = this.findings.add(findings)
    if (listed.length > 0) this.sink.findings?.(listed)
  }

  /** The artifact's manifest as far as read (results are marked with the one known when their text
   *  was read). */
  get manifest(): Manifest | undefined {
    return this.listing.manifest
  }

  /** Takes the result of scanning `file`'s text, marked with the kind the file has now and the
   *  licence of `manifest` (package.json is read first in every npm tarball; calibrateLate sees to
   *  the rest). */
  take(file: ExposedFile, result: ScanResult, manifest: Manifest | undefined): void {
    if (!Array.isArray(result)) {
      if (result.stoppedAt !== undefined) this.notices.errorFor(file, result.error!, 'error', true)
      // A detector bug must not cost the rest of the artifact.
      else if (result.error !== undefined)
        this.notices.errorFor(
          file,
          `Not scanned: the detectors failed on this file (${result.error})`,
          'warning',
          true,
        )
      if (result.counted) this.takeCounted(file, result.counted, manifest)
      if (result.error !== undefined && !result.findings?.length) return
      result = result.findings ?? []
    }
    this.scannedCount++
    if (result.length === 0) return
    // Marked before they stream.
    markThirdParty(result, this.listing.files)
    if (manifest === undefined) this.scannedBeforeManifest = true
    else markOpenSource(result, openSourceLicense(manifest))
    const listed = this.findings.add(result)
    if (listed.length === 0) return
    this.listing.flush()
    this.sink.findings?.(listed)
  }

  /** Takes, for `file`, the result of the equal text `same`: when each of its findings repeats an
   *  exposure the report already lists at every place it lists, they are only counted (no copies made);
   *  otherwise they are placed at this file and taken like a scan of its own. */
  takeSame(file: ExposedFile, same: SameText, manifest: Manifest | undefined): void {
    const result = same.result!
    if (Array.isArray(result) && result.length > 0) {
      const thirdParty = file.kind === 'third-party-source'
      // Marked as take marks them: the licence is applied once package.json has been read.
      const license = manifest === undefined ? undefined : openSourceLicense(manifest)
      const slot = (thirdParty ? 1 : 0) + (license === undefined ? 0 : 2)
      const marked = (same.marked[slot] ??= markedFindings(result, thirdParty, license))
      if (this.findings.foldIfListed(marked.findings, marked.keys)) {
        this.scannedCount++
        return
      }
    }
    this.take(file, same.resultFor(file), manifest)
  }

  /** The counts of a count-only scan, calibrated as take marks findings. */
  private takeCounted(file: ExposedFile, counted: FindingCounts, manifest: Manifest | undefined): void {
    if (manifest === undefined) this.scannedBeforeManifest = true
    const license = manifest && openSourceLicense(manifest)
    this.findings.addCounted(calibratedCounts(counted, file.kind === 'third-party-source', license), file)
  }

  /** Findings made before package.json was read (npm does not always pack it first) get the
   *  licence's calibration once everything is scanned; the streamed ones are replaced in the report. */
  calibrateLate(): void {
    const license = openSourceLicense(this.listing.manifest)
    if (!this.scannedBeforeManifest || license === undefined) return
    this.findings.restate(
      (finding) => openSourceCalibrated(finding, license),
      (category, severity) =>
        PUBLIC_WITH_OPEN_SOURCE.has(category) && severity !== 'info' ? 'info' : undefined,
    )
  }
}

/** Findings as take hands them to the report (marked for a third-party file, calibrated for an
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
