// Runs a generator in time slices on the main thread (issue 5: no task over 50 ms). Each slice
// steps the generator until its budget is spent, then gives the page back to the browser so input,
// paints and stream batches run between slices. scheduler.yield() keeps our place in the task queue
// where the browser has it; elsewhere a MessageChannel message (not setTimeout, whose nested calls
// are clamped to 4 ms) starts the next slice.

/** Budget of one slice in ms: a frame at 60 fps still has room for the paint. */
export const SLICE_MS = 8

interface Scheduler {
  yield?: () => Promise<void>
}

function yieldToHost(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

/** Runs `run` in a task of its own after the next frame is rendered (at once in a task of its own
 *  when the page is hidden and renders no frames); returns a function that cancels it. */
export function afterNextFrame(run: () => void): () => void {
  let cancelled = false
  const go = () => {
    if (!cancelled) void yieldToHost().then(() => !cancelled && run())
  }
  if (document.visibilityState === 'hidden') go()
  else requestAnimationFrame(go)
  return () => (cancelled = true)
}

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
