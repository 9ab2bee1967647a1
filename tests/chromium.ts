// Debian's Chromium (apt-get install chromium) and the flags every browser run here uses: Playwright's own
// browser downloads are not available, and without the background-networking flags Chromium tries
// Google's hosts at start, which this machine's closed network refuses.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
