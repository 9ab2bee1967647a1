// The hosted build's offline cache: a Vite plugin that writes sw.js, the service worker below
// serialised with the build's version and file list.
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

// The service worker is kept as a typed function and serialised into sw.js with the list of the
// build's files. Rules, so it can never widen what the page reaches: it answers only GET
// requests below its own scope (the folder the app is served from), goes to the network first (an
// update is seen on the next load), falls back to the cache when offline, and stores only successful
// same-origin responses.
/** The few service-worker globals used here (the tests' tsconfig has DOM types, not WebWorker). */
interface OfflineScope {
  registration: { scope: string }
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  addEventListener(type: string, listener: (event: never) => void): void
}
interface InstallEvent {
  waitUntil(work: Promise<unknown>): void
}
interface FetchEvent extends InstallEvent {
  request: Request
  respondWith(response: Promise<Response>): void
}

function offlineCacheWorker(scope: OfflineScope, version: string, files: string[]): void {
  const cacheName = `exposure-explorer-${version}`
  const base = scope.registration.scope
  scope.addEventListener('install', (event: InstallEvent) => {
    const urls = files.map((file) => new URL(file, base).href)
    event.waitUntil(
      caches
        .open(cacheName)
        .then((cache) => cache.addAll(urls))
        .then(() => scope.skipWaiting()),
    )
  })
  scope.addEventListener('activate', (event: InstallEvent) => {
    const stale = caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((n) => n.startsWith('exposure-explorer-') && n !== cacheName)
            .map((n) => caches.delete(n)),
        ),
      )
    event.waitUntil(stale.then(() => scope.clients.claim()))
  })
  scope.addEventListener('fetch', (event: FetchEvent) => {
    const request = event.request
    if (request.method !== 'GET' || !request.url.startsWith(base)) return
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && response.type === 'basic') {
            const copy = response.clone()
            void caches.open(cacheName).then((cache) => cache.put(request, copy))
          }
          return response
        })
        .catch(() =>
          caches
            .match(request, { ignoreSearch: true })
            .then((hit) => hit ?? caches.match(new URL('./', base).href))
            .then((hit) => hit ?? Response.error()),
        ),
    )
  })
}

/** The text of sw.js: the function above applied to the build's version and file list. */
function serviceWorkerSource(version: string, files: string[]): string {
  return (
    '// Exposure Explorer offline cache (generated at build; see src/build/offline-cache.ts).\n' +
    `(${offlineCacheWorker.toString()})(self, ${JSON.stringify(version)}, ${JSON.stringify(files)});\n`
  )
}

/** Writes sw.js (the offline cache) listing every file of the hosted build. */
export function offlineCachePlugin(): Plugin {
  return {
    name: 'exposure-explorer-offline-cache',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const files = ['./', ...Object.keys(bundle).filter((f) => !f.endsWith('.map'))].sort()
        const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12)
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(version, files) })
      },
    },
  }
}
