// Text files of this project's node_modules in a stable order, up to a byte budget: real third-party
// code (bundles, sources, docs) with no real secrets, for false-positive checks and benchmarks.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const TEXT =
  /\.(?:[cm]?js|jsx|[cm]?ts|tsx|json|md|txt|ya?ml|css|html?|map|sh|py)$|(?:^|\/)\.(?:npmrc|env[\w.-]*)$/

export interface WalkOptions {
  /** Which files to read (default: text files up to 4 MB). */
  accept?: (path: string, size: number) => boolean
  /** Folders below node_modules to descend into (default: all). */
  maxDepth?: number
}

const isText = (path: string, size: number) => TEXT.test(path) && size > 0 && size <= 4_000_000

export function nodeModulesTexts(
  maxBytes: number,
  { accept = isText, maxDepth = Infinity }: WalkOptions = {},
): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  let total = 0
  const walk = (dir: string, depth: number) => {
    if (depth > maxDepth) return
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch {
      return
    }
    for (const name of names) {
      if (total >= maxBytes) return
      const path = join(dir, name)
      let st
      try {
        st = statSync(path)
      } catch {
        continue
      }
      // .tsbuild/.vite/.cache hold this project's own build output, not third-party code.
      if (st.isDirectory()) {
        if (!/^\.(?:tsbuild|vite[\w-]*|cache)$/.test(name)) walk(path, depth + 1)
      } else if (accept(path, st.size)) {
        out.push({ path, text: readFileSync(path, 'utf8') })
        total += st.size
      }
    }
  }
  walk('node_modules', 0)
  return out
}
