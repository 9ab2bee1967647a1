import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { samplePlugin } from './tests/fixtures/sample-plugin'

export default defineConfig({
  // Relative base: the built app works from any sub-path of a static host.
  base: './',
  plugins: [svelte(), samplePlugin()],
  worker: { format: 'es' },
  build: {
    // EE_OUT_DIR lets parallel browser-test runs build into their own folders.
    outDir: process.env.EE_OUT_DIR ?? 'dist',
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
  },
})
