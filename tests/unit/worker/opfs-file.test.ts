// The worker's private-file-system log: what is appended reads back byte for byte, wherever reads
// fall between appends, small appends reach the file together rather than one write each, and a
// large map written at its end is read back as a region of it.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KeptTexts } from '../../../src/core/kept-texts'
import { OpfsFile } from '../../../src/worker/worker-opfs-file'

/** An in-memory stand-in for a FileSystemSyncAccessHandle that counts its writes. */
function fakeStorage() {
  let data = new Uint8Array(0)
  const counts = { writes: 0 }
  const handle = {
    read(buffer: Uint8Array, { at }: { at: number }) {
      const n = Math.max(0, Math.min(buffer.length, data.length - at))
      buffer.set(data.subarray(at, at + n))
      return n
    },
    write(buffer: Uint8Array, { at }: { at: number }) {
      counts.writes++
      if (at + buffer.length > data.length) {
        const grown = new Uint8Array(at + buffer.length)
        grown.set(data)
        data = grown
      }
      data.set(buffer, at)
      return buffer.length
    },
    truncate(size: number) {
      data = data.slice(0, size)
    },
    close() {},
  }
  const dir = {
    getFileHandle: async () => ({ createSyncAccessHandle: async () => handle }),
    removeEntry: async () => {},
  }
  vi.stubGlobal('navigator', { storage: { getDirectory: async () => dir } })
  return counts
}

afterEach(() => vi.unstubAllGlobals())

const bytesOf = (i: number, length: number) => {
  const bytes = new Uint8Array(length)
  for (let j = 0; j < length; j++) bytes[j] = (i * 31 + j) & 0xff
  return bytes
}
/** Byte-for-byte equality (toEqual walks a typed array element by element, slowly at megabytes). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

describe('OpfsFile', () => {
  it('reads back what was appended, between appends too, with few writes for many small appends', async () => {
    const counts = fakeStorage()
    const file = (await OpfsFile.open('t'))!
    let total = 0
    const places: { at: number; bytes: Uint8Array }[] = []
    for (let i = 0; i < 20_000; i++) {
      // Mostly small texts, now and then one past the gathering size.
      const bytes = bytesOf(i, i % 5_000 === 4_999 ? (1 << 20) + 7 : (i % 97) + 1)
      const at = file.append(bytes)
      expect(at).toBe(total)
      total += bytes.length
      places.push({ at, bytes })
      // A read of an earlier text while later ones are still gathered.
      if (i % 1_000 === 0) {
        const back = places[Math.floor(i / 2)]!
        expect(same(await file.read(back.at, back.at + back.bytes.length), back.bytes)).toBe(true)
      }
    }
    expect(file.size).toBe(total)
    for (const { at, bytes } of places.filter((_, i) => i % 997 === 0 || i === places.length - 1))
      expect(same(file.readSync(at, at + bytes.length), bytes)).toBe(true)
    const whole = file.readSync(0, total)
    let at = 0
    for (const { bytes } of places) {
      expect(same(whole.subarray(at, at + bytes.length), bytes)).toBe(true)
      at += bytes.length
    }
    // 20,000 appends, 4 of them large: about one write per MiB gathered, not one per append.
    expect(counts.writes).toBeLessThan(60)
  })

  it('holds a large map at its end as a region: read by its own offsets, kept by the log’s', async () => {
    fakeStorage()
    const file = (await OpfsFile.open('t'))!
    const texts = new KeptTexts(file)
    texts.assign(0, texts.put(bytesOf(1, 10)), 10, false)
    const region = texts.region()!
    expect(region.keptAt).toBe(10)
    // The map inflates in pieces, some gathered, some written at once.
    const pieces = [bytesOf(2, 300), bytesOf(3, 2 << 20), bytesOf(4, 7)]
    for (const piece of pieces) region.append(piece)
    expect(region.size).toBe(300 + (2 << 20) + 7)
    expect(region.readSync(0, 300)).toEqual(pieces[0])
    expect(region.readSync(300 + (2 << 20), region.size)).toEqual(pieces[2])
    // Read into a buffer given (a window reused from one read to the next): a view of its start.
    const into = new Uint8Array(400).fill(9)
    const view = region.readSync(0, 300, into)
    expect(view.buffer).toBe(into.buffer)
    expect(view).toEqual(pieces[0])
    expect(into[300]).toBe(9)
    // A source inside the map is kept by where the region starts in the log: nothing is put again.
    texts.assign(1, region.keptAt + 300, region.keptAt + 300 + 5, false)
    expect(await texts.bytes(1)).toEqual(pieces[1].subarray(0, 5))
    expect(file.size).toBe(10 + region.size)
    region.close()
    expect(await texts.bytes(0)).toEqual(bytesOf(1, 10))
    expect(await texts.bytes(1)).toEqual(pieces[1].subarray(0, 5))
  })

  it('refuses a region whose log was appended to meanwhile', async () => {
    fakeStorage()
    const file = (await OpfsFile.open('t'))!
    const region = new KeptTexts(file).region()!
    region.append(bytesOf(1, 4))
    file.append(bytesOf(2, 4))
    expect(() => region.append(bytesOf(3, 4))).toThrow(/appended to while a map was spilled/)
  })
})
