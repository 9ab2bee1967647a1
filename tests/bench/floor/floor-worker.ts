// The browser floor's worker: reads the dropped File in 4 MB slices (the next slice is requested while
// the current one is inflated) and runs the shared floor on it.
import { createFloor } from './floor-core'

const SLICE = 4 << 20

self.onmessage = async (event: MessageEvent<{ file: File; forcePieces: boolean }>) => {
  const { file, forcePieces } = event.data
  try {
    const floor = createFloor({ forcePieces })
    let next = file.slice(0, SLICE).arrayBuffer()
    for (let at = 0; at < file.size; at += SLICE) {
      const bytes = new Uint8Array(await next)
      if (at + SLICE < file.size) next = file.slice(at + SLICE, at + 2 * SLICE).arrayBuffer()
      floor.push(bytes, at + SLICE >= file.size)
    }
    self.postMessage(floor.finish())
  } catch (error) {
    self.postMessage({ error: String(error) })
  }
}
