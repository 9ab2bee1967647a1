// Memory sampling during a browser run: the summed PSS of every Chromium process this benchmark
// started (its descendants in /proc; PSS, unlike RSS, does not count shared pages once per process)
// and the page's main-thread JS heap via CDP Performance.getMetrics. Peaks only.
import { readdirSync, readFileSync } from 'node:fs'
import type { CDPSession } from '@playwright/test'

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = byParent.get(ppid) ?? []
      list.push(Number(entry))
      byParent.set(ppid, list)
    } catch {
      // the process ended between listing and reading
    }
  }
  return byParent
}

/** A process's kind as Chromium names it (`renderer`, `gpu-process`, a utility's service…; the
 *  browser has no type). Chromium rewrites its command line as one string, so it is searched whole. */
function processKind(pid: number): string {
  try {
    const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    const service = /--utility-sub-type=(\S+)/.exec(line)?.[1]
    const type = /--type=(\S+)/.exec(line)?.[1]
    return (
      service ?? type ?? (/chrom/.test(line) ? 'browser' : line.split(' ')[0].split('/').pop() || 'unknown')
    )
  } catch {
    return 'gone'
  }
}

/** Whether `pid` runs Chromium (the browser, its zygotes and helpers), not another child of this
 *  process (tsx's esbuild service, 10-20 MB, was counted in the page's peak). */
function isChromium(pid: number): boolean {
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return false
  }
}

/** Summed PSS in bytes of all Chromium processes descending from this one (the browser and its
 *  helpers), and each one's share by its kind (`{ 'renderer 1234': bytes, … }`). */
export function descendantsPss(): { total: number; parts: Record<string, number> } {
  const tree = children()
  const stack = [...(tree.get(process.pid) ?? [])]
  let total = 0
  const parts: Record<string, number> = {}
  while (stack.length) {
    const pid = stack.pop()!
    stack.push(...(tree.get(pid) ?? []))
    if (!isChromium(pid)) continue
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      const match = /^Pss:\s+(\d+) kB/m.exec(rollup)
      if (match) {
        total += Number(match[1]) * 1024
        parts[`${processKind(pid)} ${pid}`] = Number(match[1]) * 1024
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return { total, parts }
}

export class PeakSampler {
  peakPss = 0
  /** Each process's PSS at the peak (see descendantsPss). */
  peakParts: Record<string, number> = {}
  peakHeap = 0
  private timer?: ReturnType<typeof setInterval>
  private busy = false

  constructor(private cdp?: CDPSession) {}

  start(everyMs = 150): void {
    this.timer = setInterval(() => void this.sample(), everyMs)
  }

  private async sample(): Promise<void> {
    if (this.busy) return
    this.busy = true
    try {
      const { total, parts } = descendantsPss()
      if (total > this.peakPss) {
        this.peakPss = total
        this.peakParts = parts
      }
      if (this.cdp) {
        const { metrics } = await this.cdp.send('Performance.getMetrics')
        const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
        this.peakHeap = Math.max(this.peakHeap, heap)
      }
    } catch {
      // the page closed mid-sample
    } finally {
      this.busy = false
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.sample()
  }
}
