// Creates the analysis worker, Vite's way (the worker is a separate module file next to the app).
export function spawnWorker(): Worker {
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })
}
