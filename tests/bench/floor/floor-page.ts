// The browser floor's page script: starts the worker at load (as the app warms its worker up), hands it
// the picked File by reference and records the marks and the worker's result on window.__floor.
// ?scan swaps in the scanner worker (same reading, then the timed scan of every source);
// ?inflate=native|fflate picks the worker's gunzip (default fflate).
const params = new URL(location.href).searchParams
const script = params.has('scan') ? './scan-worker.js' : './floor-worker.js'
const worker = new Worker(new URL(script, import.meta.url), { type: 'module' })
const input = document.querySelector<HTMLInputElement>('[data-testid="file-input"]')!
const out = document.getElementById('out')!
const state: { result?: unknown } = {}
;(window as unknown as { __floor: typeof state }).__floor = state

worker.onmessage = (event: MessageEvent) => {
  performance.mark('floor:done')
  state.result = event.data
  out.textContent = JSON.stringify(event.data, null, 2)
}
input.addEventListener('change', () => {
  performance.mark('floor:input-received')
  const file = input.files?.[0]
  if (file)
    worker.postMessage({
      file,
      forcePieces: params.has('pieces'),
      inflate: params.get('inflate') === 'native' ? 'native' : 'fflate',
    })
})
