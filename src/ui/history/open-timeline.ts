// Tells a dropped timeline JSON (from `exposure-explorer history --format json`) from an artifact.
// Only the first bytes of a single dropped file are read to decide; a timeline is then parsed here,
// on the main thread: it is our own compact format (tens of KB for 50 versions), and a file past
// MAX_TIMELINE_BYTES is refused rather than parsed.
import { parseTimeline, TIMELINE_PREFIX, TimelineError } from '../../core/report/timeline-read'
import type { Timeline } from '../../core/report/timeline'
import type { InputFile } from '../../worker/protocol'

export const MAX_TIMELINE_BYTES = 32 * 1024 * 1024

export type Opened = { timeline: Timeline; name: string } | { error: string; name: string }

/** The timeline in `inputs`, or why it cannot be shown; null when the input is not a timeline. */
export async function openTimeline(inputs: readonly InputFile[]): Promise<Opened | null> {
  if (inputs.length !== 1) return null
  const { file, path: name } = inputs[0]
  const head = await file.slice(0, 256).text()
  if (!TIMELINE_PREFIX.test(head)) return null
  if (file.size > MAX_TIMELINE_BYTES)
    return { name, error: `The timeline is larger than ${MAX_TIMELINE_BYTES / 1024 / 1024} MB.` }
  try {
    return { name, timeline: parseTimeline(await file.text()) }
  } catch (error) {
    if (error instanceof TimelineError)
      return { name, error: `This timeline cannot be shown: ${error.message}.` }
    throw error
  }
}
