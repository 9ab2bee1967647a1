// A registry on 127.0.0.1 serving one package's packument and tarballs, the way npm's registry does,
// so `npm view` and `npm pack` (the user's own npm) run for real in tests without the network.
// It records every request, so a test can tell which tarballs a run fetched.
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LocalRegistry {
  url: string
  /** Paths requested so far. */
  requests: string[]
  close(): Promise<void>
}

export interface Published {
  version: string
  tarball: Uint8Array
  /** ISO time of publication. */
  time: string
}

export async function startRegistry(name: string, published: readonly Published[]): Promise<LocalRegistry> {
  const requests: string[] = []
  const bare = name.split('/').pop()!
  let base = ''
  const tarballPath = (v: string) => `/${name}/-/${bare}-${v}.tgz`
  const packument = () => ({
    _id: name,
    name,
    'dist-tags': { latest: published.at(-1)!.version },
    versions: Object.fromEntries(
      published.map((p) => [
        p.version,
        {
          name,
          version: p.version,
          dist: {
            tarball: `${base}${tarballPath(p.version)}`,
            shasum: createHash('sha1').update(p.tarball).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(p.tarball).digest('base64')}`,
          },
        },
      ]),
    ),
    time: Object.fromEntries(published.map((p) => [p.version, p.time])),
  })
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0])
    requests.push(path)
    if (path === `/${name}`) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(packument()))
      return
    }
    const hit = published.find((p) => tarballPath(p.version) === path)
    if (hit) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(Buffer.from(hit.tarball))
      return
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end('{"error":"Not found"}')
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${base}/`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
