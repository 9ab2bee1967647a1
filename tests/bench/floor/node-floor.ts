// The Node floor, run as its own process so each measurement starts from a fresh heap:
//   tsx tests/bench/floor/node-floor.ts <file.tgz> [--pieces] [--scan]
// Reads the file in 1 MB pieces (as a stream would), pushes them through the shared floor and prints
// one JSON line: the FloorResult plus this process's peak RSS. With --scan, the texts are kept and
// every source then goes through scanContent; the line is then the ScanResult.
import { closeSync, openSync, readSync } from 'node:fs'
import { createFloor } from './floor-core'
import { scanSources } from './scan-core'

const [file, ...flags] = process.argv.slice(2)
const scan = flags.includes('--scan')
const floor = createFloor({ forcePieces: flags.includes('--pieces'), collect: scan })
const fd = openSync(file, 'r')
for (;;) {
  const chunk = new Uint8Array(1 << 20)
  const n = readSync(fd, chunk)
  floor.push(chunk.subarray(0, n), n === 0)
  if (n === 0) break
}
closeSync(fd)
const result = floor.finish()
if (scan) console.log(JSON.stringify(scanSources(result)))
else console.log(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }))
