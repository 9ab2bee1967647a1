// Registers the offline cache (sw.js, written by vite.config.ts into the hosted build) so the app
// keeps working without a network after its first load. Only the hosted http(s) build registers it:
// the dev server must always serve fresh files, and file:// pages cannot have service workers.
// Offline use is a convenience, so a failed registration is ignored rather than shown.
if (
  import.meta.env.PROD &&
  import.meta.env.MODE !== 'single' &&
  'serviceWorker' in navigator &&
  location.protocol.startsWith('http')
) {
  navigator.serviceWorker.register('./sw.js').catch(() => undefined)
}

export {}
