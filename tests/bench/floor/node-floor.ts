// The Node floor, run as its own process so each measurement starts from a fresh heap:
//   node node-floor.mjs <file.tgz> [--zlib] [--pieces] [--scan]
// (the benchmark bundles this file with esbuild and runs it with plain node, as the CLI runs its own
// bundle, so both whole-process times start alike). Reads the file in 1 MB pieces, inflates them with
// fflate or, with --zlib, node:zlib, pushes them through the shared floor and prints one JSON line:
// the FloorResult plus this process's peak RSS. With --scan, the texts are kept and every source
// then goes through scanContent; the line is then the ScanResult.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { createFloor } from './floor-core'
import { scanSources } from './scan-core'

const PIECE = 1 << 20
const [file, ...flags] = process.argv.slice(2)
const scan = flags.includes('--scan')
const floor = createFloor({ forcePieces: flags.includes('--pieces'), collect: scan })
if (flags.includes('--zlib')) {
  const gunzip = createGunzip({ chunkSize: PIECE })
  gunzip.on('data', (chunk: Buffer) =>
    floor.pushInflated(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
  )
  createReadStream(file, { highWaterMark: PIECE }).pipe(gunzip)
  await finished(gunzip)
} else {
  const fd = openSync(file, 'r')
  for (;;) {
    const chunk = new Uint8Array(PIECE)
    const n = readSync(fd, chunk)
    floor.push(chunk.subarray(0, n), n === 0)
    if (n === 0) break
  }
  closeSync(fd)
}
const result = floor.finish()
if (scan) console.log(JSON.stringify(scanSources(result)))
else console.log(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }))
