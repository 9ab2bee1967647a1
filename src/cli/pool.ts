// Bounded concurrency: at most `limit` tasks run at once, taken in order. A task that throws stops
// the taking of new ones; the first error is rethrown once the running ones have settled.

export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (failure === null && next < items.length) {
      const index = next++
      try {
        await run(items[index], index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (failure !== null) throw (failure as { error: unknown }).error
}

/** Splits `items` into runs of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** At most `limit` calls of `run` at once, shared by callers that start work at different times. */
export class Limiter {
  #running = 0
  readonly #waiting: (() => void)[] = []
  constructor(readonly limit: number) {}

  async run<R>(task: () => Promise<R>): Promise<R> {
    if (this.#running >= this.limit) await new Promise<void>((go) => this.#waiting.push(go))
    else this.#running++
    try {
      return await task()
    } finally {
      const next = this.#waiting.shift()
      if (next) next()
      else this.#running--
    }
  }
}
