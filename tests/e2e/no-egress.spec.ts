// "No byte leaves the machine": while an artifact full of external and internal URLs is analysed,
// viewed and exported, every request the browser makes (page, worker, service worker) goes to the
// app's own origin and names one of its built static files. Anything else is recorded and aborted.
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test } from '@playwright/test'
import { gzip } from '../../src/build/sample/archives'
import { writeTar } from '../../src/build/sample/tar'
import { builtDist, watchPage } from '../fixtures/lib/hostile-page'
import { showFlatFindings, waitForResult, writeTemp } from './helpers'

const EXTERNAL = [
  'https://maps.example-cdn.com/app/app.js.map',
  'http://10.0.0.5/maps/b.js.map',
  'https://maps.example-cdn.com/s.css.map',
]

/** A package whose files point outward in every way a browser might follow if it were careless. */
function egressBait(): Uint8Array {
  return gzip(
    writeTar([
      { path: 'package/package.json', data: '{"name":"egress-bait","version":"1.0.0"}\n' },
      {
        path: 'package/dist/app.js',
        data: `fetch('https://api.corp.acme.internal/v1/telemetry')\n//# sourceMappingURL=${EXTERNAL[0]}\n`,
      },
      {
        path: 'package/dist/b.js',
        data: `import('http://10.0.0.5/x.js')\n//# sourceMappingURL=${EXTERNAL[1]}\n`,
      },
      {
        path: 'package/dist/s.css',
        data: `@import url(https://fonts.example-cdn.com/x.css);\nbody{background:url(http://10.0.0.5/bg.png)}\n/*# sourceMappingURL=${EXTERNAL[2]} */\n`,
      },
      {
        path: 'package/docs/index.html',
        data: '<img src="https://tracker.example-cdn.com/p.gif"><script src="https://cdn.example-cdn.com/x.js"></script>\n<link rel=stylesheet href="//fonts.example-cdn.com/f.css">\n',
      },
      {
        path: 'package/README.md',
        data: '![badge](https://img.example-cdn.com/b.svg)\nSee http://staging-admin.corp.acme.internal/console\n',
      },
    ]),
  )
}

/** Paths the server may be asked for: "/" and every file of the build. */
function staticPaths(): Set<string> {
  const root = builtDist()
  const paths = new Set(['/'])
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else paths.add('/' + relative(root, full).split('\\').join('/'))
    }
  }
  walk(root)
  return paths
}

test('analysing, viewing and exporting an artifact requests nothing but the app’s own files', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin
  const seen: string[] = []
  const blocked: string[] = []
  // Every request of the context (pages, dedicated workers, the service worker) passes here first.
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (new URL(url).origin === origin) return route.continue()
    blocked.push(url)
    return route.abort('blockedbyclient')
  })
  context.on('request', (r) => seen.push(r.url()))
  page.on('request', (r) => seen.push(r.url()))
  page.on('worker', (w) => seen.push(`worker:${w.url()}`))
  const watch = await watchPage(page)

  test.setTimeout(120_000)
  await page.goto('./')
  // The bundled sample is one of the app's own files: fetching it is allowed and recorded too.
  await page.getByTestId('try-sample').click()
  await waitForResult(page)
  await page.goto('./')
  await page.getByTestId('file-input').setInputFiles(writeTemp('egress-bait-1.0.0.tgz', egressBait()))
  await waitForResult(page)
  await expect(page.getByTestId('headline')).toBeVisible()
  await showFlatFindings(page)
  // The external map URLs are reported, never fetched.
  const rows = page.getByTestId('finding-row')
  await expect(rows.first()).toBeVisible()
  for (let i = 0; i < Math.min(await rows.count(), 6); i++) {
    await rows.nth(i).click()
    await expect(page.getByTestId('viewer')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('viewer')).toHaveCount(0)
  }
  // Exports are blob: downloads; whether each succeeds is the export tests' concern, not this one's.
  for (const format of ['json', 'markdown', 'sarif']) {
    const download = page.waitForEvent('download', { timeout: 10_000 }).catch(() => null)
    await page.getByTestId(`export-${format}`).click()
    await download
  }

  expect(blocked).toEqual([])
  const allowed = staticPaths()
  const http = seen.filter((u) => /^https?:/.test(u) || u.startsWith('worker:http'))
  expect(http.length).toBeGreaterThan(2)
  for (const entry of http) {
    const url = new URL(entry.replace(/^worker:/, ''))
    expect(url.origin, entry).toBe(origin)
    expect(allowed.has(url.pathname), `${entry} is a built file`).toBe(true)
  }
  for (const other of seen.filter((u) => !/^(https?:|worker:)/.test(u)))
    expect(other).toMatch(/^(blob|data):/)
  // Other page errors are the concern of the page's own tests; here only what the CSP blocked counts.
  expect(await watch.csp()).toEqual([])
})
