// Reads a dropped File into the floor in 4 MB slices, requesting the next slice while the current one
// is inflated (shared by the floor and scanner workers).
import type { createFloor } from './floor-core'

const SLICE = 4 << 20

export async function readInto(floor: ReturnType<typeof createFloor>, file: File): Promise<void> {
  let next = file.slice(0, SLICE).arrayBuffer()
  for (let at = 0; at < file.size; at += SLICE) {
    const bytes = new Uint8Array(await next)
    if (at + SLICE < file.size) next = file.slice(at + SLICE, at + 2 * SLICE).arrayBuffer()
    floor.push(bytes, at + SLICE >= file.size)
  }
}
