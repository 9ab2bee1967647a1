// A Chrome extension (.crx): a header, then a zip. Read by the walker as the zip it carries.
import type { ByteSource } from './byte-source'
import { ContainerError } from './limits'

/** The zip inside a Chrome extension: "Cr24", version, then a v2 key+signature or a v3 header. */
export function crxPayload(head: Uint8Array, source: ByteSource): ByteSource {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  if (head.length < 12) throw new ContainerError('crx is truncated: its header is incomplete')
  const version = view.getUint32(4, true)
  let offset: number
  if (version === 3) offset = 12 + view.getUint32(8, true)
  else if (version === 2 && head.length >= 16)
    offset = 16 + view.getUint32(8, true) + view.getUint32(12, true)
  else throw new ContainerError(`crx header version ${version} is not supported (2 and 3 are)`)
  if (offset > source.size) throw new ContainerError('crx is truncated: its header runs past the end')
  return {
    name: source.name,
    size: source.size - offset,
    read: (start, end) => source.read(start + offset, end + offset),
  }
}
