// A JSON scanner over raw UTF-8 bytes. It validates structure and records where values are, but decodes
// only the strings it is asked for, one at a time.
//
// Why not JSON.parse: a source map can exceed V8's maximum string length (2^29 - 24 UTF-16 units, about
// 512 MB on 64-bit; see the `String::kMaxLength` note in jlfwong/speedscope src/import/utils.ts), and even
// below it, parsing builds every string (mappings, all of sourcesContent) at once. Here a 600 MB map costs
// its bytes plus one source's text at a time. Skipping a string uses `Uint8Array.indexOf` for the closing
// quote, which runs natively, so the large `mappings` and `sourcesContent` values are skipped at memory speed.
//
// Leniency: skipped strings are not checked for raw control characters or bad escapes (decoded ones are);
// invalid UTF-8 decodes to U+FFFD like a browser would. Structure (brackets, commas, colons, literals,
// numbers) is fully checked, so malformed maps are rejected with the byte offset of the problem.
import { ByteWindow, type SyncBytes } from './byte-window'
import { SourceMapError } from './types'

const TAB = 0x09
const NEWLINE = 0x0a
const RETURN = 0x0d
const SPACE = 0x20
const QUOTE = 0x22
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACKET = 0x5b
const BACKSLASH = 0x5c
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d

/** Deepest nesting accepted while skipping; far above any real map, low enough to stop a hostile one cheaply. */
const MAX_DEPTH = 10_000
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const decoder = new TextDecoder()

/** Where a value sits: `bytes[start]` is its first byte, `end` is one past its last. */
export interface Span {
  start: number
  end: number
}

/** The value of a JSON string literal given as its UTF-8, quotes included: an escape-free literal is
 *  its bytes decoded; others go through JSON.parse of that one literal (SyntaxError on a bad escape,
 *  RangeError from the decoder past the engine's maximum string length). */
export function decodeJsonLiteral(literal: Uint8Array): string {
  const text = decoder.decode(literal)
  return text.indexOf('\\') < 0 ? text.slice(1, -1) : (JSON.parse(text) as string)
}

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object'

export class JsonBytes {
  pos = 0
  /** The map's bytes: all of them, or a window over a reader. */
  readonly bytes: ByteWindow
  constructor(bytes: Uint8Array | SyncBytes | ByteWindow) {
    this.bytes = bytes instanceof ByteWindow ? bytes : new ByteWindow(bytes)
  }

  fail(message: string, at = this.pos): never {
    if (at >= this.bytes.length) throw new SourceMapError(`the map ends early at byte ${at} (truncated?)`)
    throw new SourceMapError(`invalid JSON at byte ${at}: ${message}`)
  }

  skipWhitespace(): void {
    const bytes = this.bytes
    let pos = this.pos
    for (;;) {
      const c = bytes.at(pos)
      if (c === SPACE || c === NEWLINE || c === RETURN || c === TAB) pos++
      else break
    }
    this.pos = pos
  }

  /** The byte at the next non-whitespace position (undefined at the end). */
  peek(): number | undefined {
    this.skipWhitespace()
    return this.bytes.at(this.pos)
  }

  expect(byte: number, what: string): void {
    if (this.peek() !== byte) this.fail(`expected ${what}`)
    this.pos++
  }

  /** Index of the closing quote of the string whose opening quote is at `open`. */
  stringEnd(open: number): number {
    const bytes = this.bytes
    let from = open + 1
    for (;;) {
      const quote = bytes.indexOf(QUOTE, from)
      if (quote < 0) this.fail('unterminated string', bytes.length)
      let slashes = 0
      while (bytes.at(quote - 1 - slashes) === BACKSLASH) slashes++
      if (slashes % 2 === 0) return quote
      from = quote + 1
    }
  }

  /** Skips one complete value (validating its structure) and returns where it was. */
  skipValue(): Span {
    this.skipWhitespace()
    const start = this.pos
    const closers: number[] = []
    for (;;) {
      this.skipOneLevel(closers)
      // After a value: close finished containers, or step over a comma to the next element/member.
      for (;;) {
        const closer = closers[closers.length - 1]
        if (closer === undefined) return { start, end: this.pos }
        const c = this.peek()
        if (c === closer) {
          closers.pop()
          this.pos++
        } else if (c === COMMA) {
          this.pos++
          if (closer === CLOSE_BRACE) this.skipKey()
          break
        } else this.fail(closer === CLOSE_BRACE ? "expected ',' or '}'" : "expected ',' or ']'")
      }
    }
  }

  /** Reads a primitive, or enters containers (pushing their closers) down to the first primitive or
   *  empty container; leaves `pos` after what it read. Iterative, so depth costs no call stack. */
  private skipOneLevel(closers: number[]): void {
    for (;;) {
      const c = this.peek()
      if (c === QUOTE) {
        this.pos = this.stringEnd(this.pos) + 1
        return
      }
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) return this.skipLiteral()
      if (closers.length >= MAX_DEPTH) this.fail('nested too deeply')
      this.pos++
      const closer = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET
      if (this.peek() === closer) {
        this.pos++
        return
      }
      closers.push(closer)
      if (closer === CLOSE_BRACE) this.skipKey()
    }
  }

  /** Skips `"key" :` inside an object. */
  private skipKey(): void {
    if (this.peek() !== QUOTE) this.fail('expected a string key')
    this.pos = this.stringEnd(this.pos) + 1
    this.expect(COLON, "':'")
  }

  private skipLiteral(): void {
    const bytes = this.bytes
    const start = this.pos
    let end = start
    // Letters, digits, '+', '-', '.': enough to take in true/false/null and any number, then check it.
    for (;;) {
      const c = bytes.at(end)
      if (c === undefined) break
      const isWordByte =
        (c >= 0x30 && c <= 0x39) ||
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x41 && c <= 0x5a) ||
        c === 0x2b ||
        c === 0x2d ||
        c === 0x2e
      if (!isWordByte || end - start > 64) break
      end++
    }
    const word = decoder.decode(bytes.slice(start, end))
    if (word !== 'true' && word !== 'false' && word !== 'null' && !NUMBER.test(word)) {
      this.fail(end === start ? 'expected a value' : `unexpected "${word.slice(0, 20)}"`, start)
    }
    this.pos = end
  }

  /**
   * Walks the object starting at `pos`, calling `onMember(key)` with `pos` at the member's value; the
   * callback must consume the value (`skipValue`, `elements`, `members`). Keys are decoded (they are short).
   */
  members(onMember: (key: string) => void): void {
    this.expect(OPEN_BRACE, "'{'")
    if (this.peek() === CLOSE_BRACE) {
      this.pos++
      return
    }
    for (;;) {
      if (this.peek() !== QUOTE) this.fail('expected a string key')
      const open = this.pos
      const close = this.stringEnd(open)
      const key = this.decodeString(open, close)
      this.pos = close + 1
      this.expect(COLON, "':'")
      this.skipWhitespace()
      onMember(key)
      const c = this.peek()
      this.pos++
      if (c === CLOSE_BRACE) return
      if (c !== COMMA) this.fail("expected ',' or '}'", this.pos - 1)
    }
  }

  /** Walks the array starting at `pos`, calling `onElement(index)` with `pos` at each element, which
   *  the callback must consume. */
  elements(onElement: (index: number) => void): void {
    this.expect(OPEN_BRACKET, "'['")
    if (this.peek() === CLOSE_BRACKET) {
      this.pos++
      return
    }
    for (let index = 0; ; index++) {
      this.skipWhitespace()
      onElement(index)
      const c = this.peek()
      this.pos++
      if (c === CLOSE_BRACKET) return
      if (c !== COMMA) this.fail("expected ',' or ']'", this.pos - 1)
    }
  }

  typeAt(at: number): JsonType {
    const c = this.bytes.peek(at)
    if (c === QUOTE) return 'string'
    if (c === OPEN_BRACKET) return 'array'
    if (c === OPEN_BRACE) return 'object'
    if (c === 0x74 || c === 0x66) return 'boolean'
    if (c === 0x6e) return 'null'
    return 'number'
  }

  /**
   * Decodes the string literal between the quotes at `open` and `close`. Escape-free strings are the
   * decoded bytes themselves; others go through JSON.parse of that one literal.
   * Throws RangeError (from the decoder) if the text exceeds the engine's maximum string length.
   */
  decodeString(open: number, close: number): string {
    try {
      return decodeJsonLiteral(this.bytes.slice(open, close + 1))
    } catch (error) {
      if (error instanceof RangeError) throw error
      return this.fail('invalid escape or control character in a string', open)
    }
  }

  /** A small primitive (number, boolean, null) by value. */
  primitive(span: Span): unknown {
    return JSON.parse(decoder.decode(this.bytes.slice(span.start, span.end)))
  }
}
