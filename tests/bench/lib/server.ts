// A small static server for the benchmark: the built app at /, the browser floor at /__floor/ (its
// TypeScript bundled on the fly with esbuild, which tsx already depends on). Local only.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { build } from 'esbuild'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.tgz': 'application/gzip',
  '.webmanifest': 'application/manifest+json',
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  })
  return result.outputFiles[0].text
}

export async function startServer(appDir: string, floorDir: string, port: number): Promise<Server> {
  const scripts = new Map<string, string>([
    ['floor-page.js', await bundle(join(floorDir, 'floor-page.ts'))],
    ['floor-worker.js', await bundle(join(floorDir, 'floor-worker.ts'))],
    ['scan-worker.js', await bundle(join(floorDir, 'scan-worker.ts'))],
  ])
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const floor = url.pathname.startsWith('/__floor/')
    const rel = decodeURIComponent(floor ? url.pathname.slice('/__floor/'.length) : url.pathname.slice(1))
    if (floor && scripts.has(rel)) {
      res.writeHead(200, { 'content-type': TYPES['.js'] })
      res.end(scripts.get(rel))
      return
    }
    const root = floor ? floorDir : appDir
    let file = normalize(join(root, rel || 'index.html'))
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found')
      return
    }
    if (statSync(file).isDirectory()) file = join(file, 'index.html')
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}
