// The few web-platform APIs that both hosts of the core (a Web Worker and Node >= 20) provide.
// Declared here so the core compiles with `lib: ES2022` and no DOM or Node types: anything not
// listed is, by construction, unavailable to core code.

interface TextDecodeOptions {
  stream?: boolean
}
interface TextDecoderOptions {
  fatal?: boolean
  ignoreBOM?: boolean
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions)
  readonly encoding: string
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string
}
declare class TextEncoder {
  encode(input?: string): Uint8Array
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number }
}
interface AbortSignal {
  readonly aborted: boolean
  readonly reason: unknown
  throwIfAborted(): void
}
declare function setTimeout(handler: () => void, timeout?: number): unknown
declare function queueMicrotask(callback: () => void): void
declare const performance: { now(): number; mark(name: string): unknown }
declare function atob(data: string): string
