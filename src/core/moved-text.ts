// A text as it crosses to another thread (a scan service's) without a copy of its string: its UTF-8,
// or a source map's sourcesContent entry as its JSON literal's UTF-8 (quotes included), each the
// whole of its own buffer, moved (transferred) and decoded on the other side.
import { isParted } from './parted-scan'
import { decodeJsonLiteral } from './sourcemap/json-bytes'
import { freeBuffer } from './util/detach'

export type MovedText = ArrayBuffer | { literal: ArrayBuffer }

/** What a text handed to a scan service crosses as: its `literal` when given, else its UTF-8 `bytes`
 *  from `fromBytes` bytes on (smaller texts are cheaper copied) or when it is scanned in parts, each
 *  only when it is its whole buffer; undefined when the string is to be copied. */
export function movable(bytes: Uint8Array | undefined, literal: Uint8Array | undefined, fromBytes: number) {
  if (literal && ownBuffer(literal)) return { literal: literal.buffer }
  // A text scanned in parts crosses as its bytes alone (its string is never made).
  if (bytes && ownBuffer(bytes) && (bytes.length >= fromBytes || isParted(bytes.length))) return bytes.buffer
  return undefined
}

/** The buffer to transfer with a moved text. */
export const bufferOf = (moved: MovedText): ArrayBuffer =>
  moved instanceof ArrayBuffer ? moved : moved.literal

/** Frees a moved text's buffer now that it is scanned (see freeBuffer; the generated 10x's 124 MB
 *  bundle stayed in the scan worker for 16 s after its scan). The buffer must be the caller's alone. */
export function releaseMoved(content: string | MovedText): void {
  if (typeof content !== 'string') freeBuffer(bufferOf(content))
}

const decoder = new TextDecoder()

/** The text a moved text stands for. */
export function decodeMoved(moved: MovedText): string {
  return moved instanceof ArrayBuffer
    ? decoder.decode(moved)
    : decodeJsonLiteral(new Uint8Array(moved.literal))
}

/** Whether the view is its whole buffer, so moving the buffer moves nothing else. */
const ownBuffer = (bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> =>
  bytes.byteOffset === 0 &&
  bytes.byteLength === bytes.buffer.byteLength &&
  bytes.buffer instanceof ArrayBuffer

/** The characters a text handed to a scan service counts for in its accounting: a text scanned in
 *  parts crosses as its bytes alone, its `text` empty (see ScanService.submit). */
export const submittedChars = (text: string, bytes: Uint8Array | undefined): number =>
  text.length || (bytes?.length ?? 0)
