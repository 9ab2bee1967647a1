// The browser floor's worker: reads the dropped File (inflated natively or with fflate, as asked)
// and runs the shared floor on it.
import { createFloor, type FloorInflate } from './floor-core'
import { readInto } from './read-file'

self.onmessage = async (event: MessageEvent<{ file: File; forcePieces: boolean; inflate: FloorInflate }>) => {
  const { file, forcePieces, inflate } = event.data
  try {
    const floor = createFloor({ forcePieces })
    await readInto(floor, file, inflate)
    self.postMessage(floor.finish())
  } catch (error) {
    self.postMessage({ error: String(error) })
  }
}
