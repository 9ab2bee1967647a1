declare const _default: import('vite').UserConfig &
  Promise<import('vite').UserConfig> &
  import('vite').UserConfigFnObject &
  import('vite').UserConfigFnPromise &
  import('vite').UserConfigFn
export default _default
