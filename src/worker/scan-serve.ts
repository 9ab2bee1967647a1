// A scan worker's side of the page's scan pool: the same worker script as the reader, told by the
// page to serve scans on a port to the reader (see scan-pool.ts). Each batch is scanned with the
// detectors exactly as the reader would scan in line, and answered with one result per text.
import { releaseMoved } from '../core/moved-text'
import { scanMoved } from '../core/scan-text'
import { KeyedHash, sameBytes } from '../core/util/keyed-hash'
import type { ScanReply, ScanRequest } from './protocol'

export function serveScans(port: MessagePort): void {
  let hasher: { key: Uint8Array; hash: KeyedHash } | undefined
  port.onmessage = (event: MessageEvent<ScanRequest>) => {
    const { id, fileIds, paths, texts, matchKey, listed } = event.data
    if (matchKey && !sameBytes(hasher?.key, matchKey))
      hasher = { key: matchKey, hash: new KeyedHash(matchKey) }
    const results = texts.map((content, i) => {
      // The reader puts each finding's origin back.
      const hash = matchKey ? hasher!.hash : undefined
      const result = scanMoved({ id: fileIds[i]!, path: paths[i]! }, content, hash, listed)
      // The texts' buffers were moved here: nothing else holds them.
      releaseMoved(content)
      return result
    })
    port.postMessage({ id, results } satisfies ScanReply)
  }
}
