// JSON text in parts: the same characters as `JSON.stringify(value, null, 2)`, produced piece by
// piece, so a report with 100,000 findings never becomes one string (V8 cannot make a string much
// longer than 2^29 characters, and one that long already costs a gigabyte). Objects and arrays near
// the top are written member by member; anything deeper is one JSON.stringify call (a finding, a
// file, a SARIF result: small), re-indented to its depth.
//
// Plain data only, as the reports are: a value with toJSON, a Map or a class instance is written by
// JSON.stringify whole, which is right but not in parts.

/** An array whose items are made while they are written (a SARIF log's results, built one by one
 *  from the findings instead of all at once). Written exactly as the array of its items. */
export class LazyArray<T> {
  constructor(
    readonly length: number,
    readonly items: () => Iterable<T>,
  ) {}
}

/** Levels below the root that may be written member by member. */
const SPLIT_DEPTH = 4
/** An array longer than this is written item by item; a shorter one, and an object, only when
 *  something inside them is (a SARIF run holding its results); the rest is one JSON.stringify. A
 *  report's 200,000 files are then 200,000 calls, not 3,000,000 pieces. */
const SPLIT_ITEMS = 64
/** Pieces are gathered into parts of about this many characters. */
export const PART_CHARS = 64 * 1024

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype &&
  typeof (value as { toJSON?: unknown }).toJSON !== 'function'

/** JSON.stringify drops these from objects and writes them as null in arrays. */
const isSkipped = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol'

/** Whether `value`, at `depth`, is written in pieces rather than by one JSON.stringify. */
function split(value: unknown, depth: number): boolean {
  if (value instanceof LazyArray) return true
  if (depth >= SPLIT_DEPTH) return false
  if (Array.isArray(value)) return value.length > SPLIT_ITEMS || value.some((item) => split(item, depth + 1))
  if (!isPlainObject(value)) return false
  for (const key in value) if (split(value[key], depth + 1)) return true
  return false
}

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  const inner = indent + '  '
  if (!split(value, depth)) {
    const text = JSON.stringify(value, null, 2)
    // A string value never holds a raw newline (JSON escapes it), so every newline is structure.
    yield indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`)
    return
  }
  if (value instanceof LazyArray || Array.isArray(value)) {
    const items: Iterable<unknown> = value instanceof LazyArray ? value.items() : value
    let first = true
    for (const item of items) {
      yield first ? `[\n${inner}` : `,\n${inner}`
      first = false
      if (isSkipped(item)) yield 'null'
      else yield* pieces(item, inner, depth + 1)
    }
    yield first ? '[]' : `\n${indent}]`
    return
  }
  const object = value as Record<string, unknown>
  let first = true
  for (const key of Object.keys(object)) {
    const member = object[key]
    if (isSkipped(member)) continue
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `
    first = false
    yield* pieces(member, inner, depth + 1)
  }
  yield first ? '{}' : `\n${indent}}`
}

/** `JSON.stringify(value, null, 2) + '\n'` in parts of about PART_CHARS characters. */
export function* jsonParts(value: unknown, partChars = PART_CHARS): Generator<string> {
  let part = ''
  for (const piece of pieces(value, '', 0)) {
    part += piece
    if (part.length >= partChars) {
      yield part
      part = ''
    }
  }
  yield part + '\n'
}
