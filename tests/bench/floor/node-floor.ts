// The Node floor, run as its own process so each measurement starts from a fresh heap:
//   tsx tests/bench/floor/node-floor.ts <file.tgz> [--pieces]
// Reads the file in 1 MB pieces (as a stream would), pushes them through the shared floor and prints
// one JSON line: the FloorResult plus this process's peak RSS.
import { closeSync, openSync, readSync } from 'node:fs'
import { createFloor } from './floor-core'

const [file, ...flags] = process.argv.slice(2)
const floor = createFloor({ forcePieces: flags.includes('--pieces') })
const fd = openSync(file, 'r')
for (;;) {
  const chunk = new Uint8Array(1 << 20)
  const n = readSync(fd, chunk)
  floor.push(chunk.subarray(0, n), n === 0)
  if (n === 0) break
}
closeSync(fd)
const result = floor.finish()
console.log(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }))
