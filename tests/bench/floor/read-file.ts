// Reads a dropped File into the floor (shared by the floor and scanner workers), inflated one of two
// ways: fflate over 4 MB slices, requesting the next slice while the current one is inflated; or the
// browser's native DecompressionStream over the File's own stream.
import type { createFloor, FloorInflate } from './floor-core'

const SLICE = 4 << 20

type Floor = ReturnType<typeof createFloor>

export function readInto(floor: Floor, file: File, inflate: FloorInflate = 'fflate'): Promise<void> {
  return inflate === 'native' ? readNative(floor, file) : readFflate(floor, file)
}

async function readFflate(floor: Floor, file: File): Promise<void> {
  let next = file.slice(0, SLICE).arrayBuffer()
  for (let at = 0; at < file.size; at += SLICE) {
    const bytes = new Uint8Array(await next)
    if (at + SLICE < file.size) next = file.slice(at + SLICE, at + 2 * SLICE).arrayBuffer()
    floor.push(bytes, at + SLICE >= file.size)
  }
}

async function readNative(floor: Floor, file: File): Promise<void> {
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    floor.pushInflated(value)
  }
}
