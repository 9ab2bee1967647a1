// Small scheduling steps of the page's main thread, shared by the views: give the page back to the
// browser for one turn (input, paints and stream batches run meanwhile), or run something after
// the next frame is rendered. scheduler.yield() keeps our place in the task queue where the
// browser has it; elsewhere a MessageChannel message (not setTimeout, whose nested calls are
// clamped to 4 ms) resumes.

interface Scheduler {
  yield?: () => Promise<void>
}

/** Resolves in a task of its own, after the browser has had its turn. */
export function yieldToHost(): Promise<void> {
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
