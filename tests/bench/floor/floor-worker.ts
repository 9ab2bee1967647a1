// The browser floor's worker: reads the dropped File in slices and runs the shared floor on it.
import { createFloor } from './floor-core'
import { readInto } from './read-file'

self.onmessage = async (event: MessageEvent<{ file: File; forcePieces: boolean }>) => {
  const { file, forcePieces } = event.data
  try {
    const floor = createFloor({ forcePieces })
    await readInto(floor, file)
    self.postMessage(floor.finish())
  } catch (error) {
    self.postMessage({ error: String(error) })
  }
}
