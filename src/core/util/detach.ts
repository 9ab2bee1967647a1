// V8 keeps a substring of 13 or more characters as a view into the string it was cut from, so a
// short excerpt kept in the report would keep its whole text alive (a 124 MB bundle for the sake of
// its sourceMappingURL, every map source with a finding for the sake of its excerpt). What outlives
// the text it was cut from is copied out with this.

/** A copy of `text` that shares no memory with any other string. */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string)
}
