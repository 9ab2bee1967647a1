// Runs a generator in time slices on the main thread, so no task runs over 50 ms. Each slice steps
// the generator until its budget is spent, then gives the page back to the browser (yieldToHost) so
// input, paints and stream batches run between slices.
import { yieldToHost } from '../schedule'

/** Budget of one slice in ms: a frame at 60 fps still has room for the paint. */
export const SLICE_MS = 8

export interface SlicedResult<T> {
  value: T
  /** Time spent stepping the generator, without the gaps between slices. */
  busyMs: number
}

/** Steps `steps` to completion in slices of about `budgetMs`, the first in a task of its own (not
 *  added to the task that asked, which has work of its own: a message's re-render, a build's end).
 *  Resolves null if `cancelled()` turns true between slices (the generator is then abandoned). */
export async function runSliced<T>(
  steps: Generator<void, T, void>,
  cancelled: () => boolean,
  budgetMs = SLICE_MS,
): Promise<SlicedResult<T> | null> {
  let busyMs = 0
  await yieldToHost()
  if (cancelled()) return null
  for (;;) {
    const start = performance.now()
    const deadline = start + budgetMs
    for (;;) {
      const r = steps.next()
      if (r.done) return { value: r.value, busyMs: busyMs + performance.now() - start }
      if (performance.now() >= deadline) break
    }
    busyMs += performance.now() - start
    await yieldToHost()
    if (cancelled()) return null
  }
}
