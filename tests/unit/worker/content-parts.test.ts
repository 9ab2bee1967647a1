// A file's text reaches the page in parts (the page never reads one huge string out of a message):
// the parts join back to the text exactly, surrogate pairs stay whole, and the client joins the
// parts of one read before it answers, whatever else arrives between them.
import { describe, expect, it } from 'vitest'
import { AnalysisClient } from '../../../src/worker/client'
import { contentParts, linesOf, type FromWorker, type ToWorker } from '../../../src/worker/protocol'

describe('contentParts', () => {
  it('cuts a text into parts of at most the size that join back to it', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(7)
    const parts = contentParts(text, 16)
    expect(parts.join('')).toBe(text)
    expect(parts.length).toBe(Math.ceil(text.length / 16))
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(16)
  })

  it('keeps a short or empty text as one part', () => {
    expect(contentParts('short', 16)).toEqual(['short'])
    expect(contentParts('', 16)).toEqual([''])
  })

  it('never ends a part between the two halves of a surrogate pair', () => {
    // '😀' is two UTF-16 units; at size 4 the pair would straddle every boundary without the rule.
    const text = 'abc😀def😀ghi😀'
    const parts = contentParts(text, 4)
    expect(parts.join('')).toBe(text)
    for (const part of parts) {
      const last = part.charCodeAt(part.length - 1)
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false)
      expect(part.length).toBeLessThanOrEqual(4)
    }
  })
})

/** Answers every read with its text in parts of 5, a message of another read in between. */
class PartsWorker extends EventTarget {
  constructor(readonly texts: Map<number, string>) {
    super()
  }
  postMessage(message: ToWorker): void {
    const send = (data: FromWorker) => this.dispatchEvent(new MessageEvent('message', { data }))
    if (message.type === 'analyze') {
      setTimeout(() =>
        send({ type: 'done', job: message.job, report: {} as never, timings: {} as never, cancelled: false }),
      )
      return
    }
    if (message.type !== 'read') return
    const text = this.texts.get(message.fileId) ?? null
    const parts = text === null ? [null] : contentParts(text, 5)
    setTimeout(() => {
      parts.forEach((text, i) => {
        const reply = { type: 'content', job: message.job, req: message.req, text } as const
        send(i < parts.length - 1 ? { ...reply, more: true } : reply)
        // Another request's answer between two parts of this one.
        if (i === 0) send({ type: 'shipped', job: message.job, req: -1, result: null })
      })
    })
  }
  terminate(): void {}
}

describe('AnalysisClient reads', () => {
  it('joins the parts of each read, and answers null for a file without content', async () => {
    const texts = new Map([
      [0, 'const first = "a long line of the bundle";\nsecond line'],
      [1, 'tiny'],
    ])
    const client = new AnalysisClient(() => new PartsWorker(texts) as unknown as Worker)
    const handle = client.start([{ path: 'a.tgz', file: new File(['x'], 'a.tgz') }], {}, {})
    const [a, b, c] = await Promise.all([handle.read(0), handle.read(1), handle.read(2)])
    expect(a).toBe(texts.get(0))
    expect(b).toBe('tiny')
    expect(c).toBeNull()
    expect(await handle.readLines(0)).toEqual(texts.get(0)!.split('\n'))
  })
})

describe('linesOf', () => {
  it('gives the lines CodeMirror would split, whatever the parts cut', () => {
    const text = 'one\r\ntwo\rthree\n\nfour\r\n\r\nlast line without a break'
    const expected = text.split(/\r\n?|\n/)
    for (let size = 1; size <= text.length + 1; size++)
      expect(linesOf(contentParts(text, size)), `parts of ${size}`).toEqual(expected)
  })

  it('keeps a text without a break, or an empty one, as one line', () => {
    expect(linesOf(contentParts('x'.repeat(40), 7))).toEqual(['x'.repeat(40)])
    expect(linesOf([''])).toEqual([''])
  })
})
