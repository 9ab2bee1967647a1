// The single-file build's worker: Vite inlines the worker bundle into the page and starts it from a
// blob: URL, so dist/exposure-explorer.html needs no second file and works from file://.
// vite.config.ts (mode "single") substitutes this module for ./spawn.ts.
import AnalysisWorker from './analysis.worker.ts?worker&inline'

export function spawnWorker(): Worker {
  return new AnalysisWorker({ name: 'exposure-explorer-analysis' })
}
