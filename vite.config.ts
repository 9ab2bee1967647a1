import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { viteSingleFile } from 'vite-plugin-singlefile'
import { offlineCachePlugin } from './src/build/offline-cache'
import { samplePlugin } from './src/build/sample-plugin'

// Two builds share this file (`npm run build` runs both into the same folder):
// - the hosted app (default mode): index.html + assets/ + the sample + sw.js, working from any sub-path;
// - mode "single": dist/exposure-explorer.html, everything inlined (the worker too), for file:// use.
const SINGLE_FILE_NAME = 'exposure-explorer.html'
const outDir = process.env.EE_OUT_DIR ?? 'dist'
const SPAWN = resolve(import.meta.dirname, 'src/worker/spawn.ts')
const PENDING = "'sha256-pending'"
const SPAWN_INLINE = resolve(import.meta.dirname, 'src/worker/spawn-inline.ts')

/** In the single-file build, every import of worker/spawn.ts gets the inline-worker variant. */
function inlineWorkerPlugin(): Plugin {
  return {
    name: 'exposure-explorer-inline-worker',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/spawn(\.ts)?$/.test(source)) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved?.id === SPAWN ? SPAWN_INLINE : null
    },
  }
}

/** The single file's scripts are inline, so its CSP allows exactly those scripts by hash (never
 *  'unsafe-inline'), and blob: workers (how Vite starts an inlined worker). */
function singleFileCspPlugin(): Plugin {
  return {
    name: 'exposure-explorer-single-file-csp',
    apply: 'build',
    // A placeholder hash now tells vite-plugin-singlefile that inline scripts are planned for; the
    // real hashes replace it once the file is written.
    transformIndexHtml: (html) => html.replace("script-src 'self';", `script-src 'self' ${PENDING};`),
    closeBundle() {
      const file = resolve(outDir, SINGLE_FILE_NAME)
      const html = readFileSync(file, 'utf8')
      const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
        .filter((m) => !/\bsrc=/.test(m[0].slice(0, m[0].indexOf('>'))))
        .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`)
      const patched = html
        .replace(PENDING, hashes.join(' '))
        .replace("worker-src 'self';", "worker-src 'self' blob:;")
      if (hashes.length === 0 || patched === html) throw new Error('single-file CSP: nothing to patch')
      writeFileSync(file, patched)
    },
  }
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single'
  return {
    // Relative base: the built app works from any sub-path of a static host.
    base: './',
    plugins: single
      ? [
          inlineWorkerPlugin(),
          svelte(),
          viteSingleFile({ outputFileName: SINGLE_FILE_NAME }),
          singleFileCspPlugin(),
        ]
      : [svelte(), samplePlugin(), offlineCachePlugin()],
    // The single file's worker starts from a blob: URL; a page opened from file:// has an opaque
    // origin, and Chromium refuses module workers from such blobs, so that build makes a classic one.
    worker: { format: single ? 'iife' : 'es' },
    build: {
      // EE_OUT_DIR lets parallel browser-test runs build into their own folders.
      outDir,
      // The single file is added next to the hosted build, so that second pass keeps the folder.
      emptyOutDir: !single,
      copyPublicDir: !single,
    },
    test: {
      include: ['tests/unit/**/*.test.ts'],
      testTimeout: 60_000,
    },
  }
})
