// V8 keeps a substring of 13 or more characters as a view into the string it was cut from, so a
// short excerpt kept in the report would keep its whole text alive (a 124 MB bundle for the sake of
// its sourceMappingURL, every map source with a finding for the sake of its excerpt). What outlives
// the text it was cut from is copied out with this. A buffer is the other way round: a dropped one
// keeps its memory until the thread's next full collection, so one that is done with is freed.

/** A copy of `text` that shares no memory with any other string. */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string)
}

/** Frees `buffer`'s memory now (detached: ArrayBuffer.transfer to nothing, where the engine has it;
 *  otherwise it waits for a collection as before). Only for a buffer no one else holds a view of. */
export function freeBuffer(buffer: ArrayBufferLike): void {
  ;(buffer as { transfer?: (length: number) => ArrayBuffer }).transfer?.(0)
}
