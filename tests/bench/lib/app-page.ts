// Shared by the page diagnostics (profile-page.ts, trace-page.ts): their command line, and the built
// app served and opened in Debian Chromium, warmed up as a user's page would be before a drop.
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { launch, launchWithProfile } from './browser-bench'
import { ROOT } from './inputs'
import { startServer } from './server'

export interface Cli {
  file: string
  opt(name: string, fallback: string): string
  has(flag: string): boolean
}

export function cliArgs(argv = process.argv.slice(2)): Cli {
  return {
    file: argv[0],
    opt: (name, fallback) => {
      const i = argv.indexOf(`--${name}`)
      return i >= 0 ? argv[i + 1] : fallback
    },
    has: (flag) => argv.includes(`--${flag}`),
  }
}

/** Serves `--dir` (default dist-hp) on `--port`, opens the app and waits for its warm-up; runs `use`.
 *  With `--profile` the browser has a profile of its own on disk, as the benchmark's app runs and a
 *  user's browser have (the private file system on disk; no code cache yet: a first visit); there is
 *  no Browser handle then, so nothing that traces through it can run. */
export async function withAppPage(
  cli: Cli,
  defaultPort: number,
  use: (page: Page, browser: Browser | undefined) => Promise<void>,
): Promise<void> {
  const port = Number(cli.opt('port', String(defaultPort)))
  const server = await startServer(
    join(ROOT, cli.opt('dir', 'dist-hp')),
    join(ROOT, 'tests/bench/floor'),
    port,
  )
  const browser = cli.has('profile') ? undefined : await launch()
  const profiled = browser ? undefined : await launchWithProfile()
  try {
    const page = browser
      ? await browser.newPage({ viewport: { width: 1280, height: 800 } })
      : await profiled!.context.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => performance.getEntriesByName('ee:warm').length > 0, null, {
      timeout: 10_000,
    })
    await use(page, browser)
  } finally {
    await browser?.close()
    await profiled?.close()
    server.close()
  }
}

/** Drops `file` on the app and waits for the analysis to end. */
export async function analyzeIn(page: Page, file: string): Promise<void> {
  await page.setInputFiles('[data-testid="file-input"]', file)
  await page.waitForFunction(() => performance.getEntriesByName('ee:analysis-done').length > 0, null, {
    timeout: 30 * 60_000,
    polling: 500,
  })
}
