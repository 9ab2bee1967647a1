// The compare page's viewer: it keeps both versions' analyses in the worker (their handles) so a row
// of the lists opens its place, read from the version it belongs to. Released when the next
// comparison starts or the page closes.
import type { ComponentProps } from 'svelte'
import type { Finding, Report } from '../../core/report/model'
import type { JobHandle } from '../../worker/client'
import type Viewer from '../viewer/Viewer.svelte'
import { inFile } from '../viewer/navigation'
import type { Opens, Side } from './rows'

type Shown = Opens & { text: readonly string[] | null }

export class CompareViewer {
  #handles: Partial<Record<Side, JobHandle>> = {}
  /** The place open in the viewer, and its file's lines once read (null while reading). */
  #shown: Shown | null = $state.raw(null)

  keep(side: Side, handle: JobHandle): void {
    this.#handles[side]?.release()
    this.#handles[side] = handle
  }

  releaseAll(): void {
    for (const handle of Object.values(this.#handles)) handle.release()
    this.#handles = {}
    this.#shown = null
  }

  close(): void {
    this.#shown = null
  }

  /** Opens a place; the file's text is read once per file of a version. */
  async open(place: Opens): Promise<void> {
    const at = this.#shown
    const same = at !== null && at.side === place.side && at.file === place.file
    this.#shown = { ...place, text: same ? at.text : null }
    if (same || !place.file.hasContent) return
    const text = (await this.#handles[place.side]?.readLines(place.file.id)) ?? null
    const now = this.#shown
    if (now?.side === place.side && now.file === place.file) this.#shown = { ...now, text }
  }

  /** What the viewer layer shows, given the two reports; Prev/Next walk the open file's findings. */
  props(reports: Record<Side, Report> | null): Omit<ComponentProps<typeof Viewer>, 'onclose'> | null {
    const shown = this.#shown
    if (!shown || !reports) return null
    const findings = reports[shown.side].findings.filter((f) => inFile(f, shown.file))
    return {
      file: shown.file,
      text: shown.text,
      findings,
      target: shown.finding,
      line: shown.finding && shown.finding.line > 0 ? shown.finding.line : undefined,
      order: findings,
      onstep: (finding: Finding) => void this.open({ side: shown.side, file: shown.file, finding }),
    }
  }
}
