// The scanner worker: the floor's reading and parsing (untimed here), then scanContent over every
// source, timed — the in-worker scanner throughput of the target (≥ 50 MB/s, all rules on).
import { createFloor } from './floor-core'
import { readInto } from './read-file'
import { scanSources } from './scan-core'

self.onmessage = async (event: MessageEvent<{ file: File; forcePieces: boolean }>) => {
  const { file, forcePieces } = event.data
  try {
    const floor = createFloor({ forcePieces, collect: true })
    await readInto(floor, file)
    self.postMessage(scanSources(floor.finish()))
  } catch (error) {
    self.postMessage({ error: String(error) })
  }
}
