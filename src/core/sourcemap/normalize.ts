// Normalization of a map's `sources[i]` into the relative, '/'-separated path an exposed file gets.
//
// Rules, applied in this order (each one documented because the path is what users and reports see):
//  1. `sourceRoot` is prepended (with a '/') unless the source is already absolute (a URL scheme, a
//     leading '/', or a Windows drive) or the root is a bare scheme (`webpack://`), which names no folder. Sources are normalized on their own: the map's own directory
//     plays no part, so `../src/a.ts` in `dist/cli.js.map` becomes `src/a.ts`, not `src/a.ts` under dist.
//  2. Rollup/Vite virtual ids start with `\0`: `\0commonjsHelpers.js` -> `virtual/commonjsHelpers.js`;
//     a plugin prefix such as `\0commonjs-proxy:/abs/x.js` becomes a folder (`virtual/commonjs-proxy/…`).
//  3. The query string is dropped (`a.vue?vue&type=script` -> `a.vue`, `x.js?v=123` -> `x.js`).
//  4. Backslashes become '/' (Windows builds).
//  5. Schemes:
//     - `webpack://<name>/…` and `webpack-internal://<name>/…`: the `<name>` namespace (two segments for a
//       scoped `@scope/name`, which webpack 5 takes from package.json) is dropped. It is
//       the bundle's own library name, identical for every source of one map, so it only adds a level to
//       the tree; the raw source (kept as `rawSource`) still shows it. `webpack/runtime/…` and
//       `(webpack)/…` stay as written, so the classifier can see them.
//     - `turbopack://[project]/…`: `[project]/` is dropped for the same reason.
//     - `file://` URLs become absolute paths (percent-decoded), handled by rule 6.
//     - Any other `scheme://host/…` (`ng://`, `http://`, `rollup://`…) keeps the host as the first folder
//       (`ng:///AppModule/x.html` -> `AppModule/x.html`, `https://cdn.example/x.js` -> `cdn.example/x.js`).
//  6. Absolute build paths (`/home/jane/build/src/a.ts`, `C:/work/app/src/a.ts`) are made relative to a
//     recognisable project root: from the first `node_modules` folder if any (third-party code), else from
//     the first conventional root folder (`packages`/`apps`, else `src`/`source`/`sources`, else `lib`/`app`),
//     else after a known home or CI workspace prefix (`/home/<user>/`, `/Users/<user>/`, `/root/`,
//     `/home/runner/work/<repo>/<repo>/`, `/builds/<group>/<project>/`, `/github/workspace/`, …), else the
//     path without its leading '/' or drive. The absolute path itself stays in `rawSource` as evidence for
//     the build-environment detector.
//  7. '.' segments and empty segments are removed, inner '..' resolved, leading '..' dropped
//     (`../../x` -> `x`): the tree a map reveals is shown from its deepest common meaningful root.
//  8. An empty result is `(unnamed)`. Duplicates are not this function's concern: `uniquePath` suffixes
//     them (` (2)` before the extension) per map.

const SCHEME = /^([a-z][a-z0-9+.-]*):/i
const DRIVE = /^[a-z]:\//i
/** Conventional project-root folders, by priority: a monorepo's package folders first, then source
 *  folders, then the weaker `lib`/`app` (often a project's own name). The first folder of the best rank wins. */
const ROOT_MARKERS = [
  ['packages', 'apps'],
  ['src', 'source', 'sources'],
  ['lib', 'app'],
]
/** Home and CI workspace prefixes, tried in order after the marker rule found nothing. */
const BUILD_PREFIXES = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//, // GitHub Actions
  /^\/github\/workspace\//, // GitHub container actions
  /^\/builds\/[^/]+\/[^/]+\//, // GitLab CI
  /^\/var\/lib\/jenkins\/workspace\/[^/]+\//, // Jenkins
  /^\/opt\/atlassian\/pipelines\/agent\/build\//, // Bitbucket Pipelines
  /^\/(?:home|Users)\/[^/]+\//,
  /^[a-z]:\/Users\/[^/]+\//i,
  /^\/root\//,
  /^\/(?:usr\/src\/app|workspace|app)\//,
]
export const UNNAMED_SOURCE = '(unnamed)'
/** An empty, '.' or '..' segment anywhere (including a leading or trailing '/'). */
const DIRTY_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/

/** Normalizes one `sources[i]` (see the rules above). Never throws. */
export function normalizeSourcePath(raw: string, sourceRoot?: string): string {
  let path = raw
  // A bare scheme root (`webpack://`, `webpack:///`) names no folder; joining would turn the source's
  // first folder into a host name.
  if (sourceRoot && /^[a-z][a-z0-9+.-]*:\/*$/i.test(sourceRoot)) sourceRoot = undefined
  if (sourceRoot && !isAbsolute(path))
    path = sourceRoot.endsWith('/') ? sourceRoot + path : `${sourceRoot}/${path}`
  let prefix = ''
  if (path.startsWith('\0')) {
    prefix = 'virtual/'
    path = path.slice(1)
    // `\0plugin:rest` -> folder `plugin/`; rest may still be an absolute path for rule 6.
    const plugin = /^([a-z][\w.-]+):(?!\/\/)/i.exec(path)
    if (plugin && plugin[1].length > 1) {
      prefix += `${plugin[1]}/`
      path = path.slice(plugin[0].length)
    }
  }
  path = path.replaceAll('\0', '') // a NUL elsewhere is never part of a real name
  const query = path.indexOf('?')
  if (query >= 0) path = path.slice(0, query)
  path = path.replaceAll('\\', '/')
  path = stripScheme(path)
  if (path.startsWith('/') || DRIVE.test(path)) path = relativeToProjectRoot(path)
  const result = prefix + resolveSegments(path)
  return result === prefix ? (prefix ? `${prefix}${UNNAMED_SOURCE}` : UNNAMED_SOURCE) : result
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || path.startsWith('\0') || SCHEME.test(path)
}

function stripScheme(path: string): string {
  const match = SCHEME.exec(path)
  if (!match || match[1].length === 1) return path // `C:/…` is a drive, not a scheme
  const scheme = match[1].toLowerCase()
  let rest = path.slice(match[0].length)
  if (scheme === 'file') {
    rest = rest.replace(/^\/\/[^/]*/, '') // file://host/path -> /path
    rest = safeDecode(rest)
    return /^\/[a-z]:\//i.test(rest) ? rest.slice(1) : rest // file:///C:/x -> C:/x
  }
  if (!rest.startsWith('//')) return rest // `webpack:src/a.ts`, `ng:x`: the scheme alone goes
  const slash = rest.indexOf('/', 2)
  const host = slash < 0 ? rest.slice(2) : rest.slice(2, slash)
  const after = slash < 0 ? '' : rest.slice(slash + 1)
  if (scheme === 'webpack' || scheme === 'webpack-internal') {
    // webpack 5 names the namespace after package.json, so a scoped name spans two segments.
    const slash = after.indexOf('/')
    if (host.startsWith('@') && slash > 0) return after.slice(slash + 1)
    return after || host
  }
  if (scheme === 'turbopack') return (after || host).replace(/^\[project\]\//, '')
  if (scheme === 'http' || scheme === 'https') return host + '/' + safeDecode(after)
  return host ? `${host}/${after}` : after
}

/** `decodeURIComponent`, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function relativeToProjectRoot(absolute: string): string {
  const segments = absolute.split('/')
  const modules = segments.indexOf('node_modules')
  if (modules >= 0) return segments.slice(modules).join('/')
  // The last segment is the file name; a file called `src` is not a root.
  const folders = segments.slice(0, -1)
  for (const rank of ROOT_MARKERS) {
    const at = folders.findIndex((segment) => rank.includes(segment))
    if (at >= 0) return segments.slice(at).join('/')
  }
  for (const prefix of BUILD_PREFIXES) {
    const match = prefix.exec(absolute)
    if (match) return absolute.slice(match[0].length)
  }
  return absolute.replace(DRIVE, '')
}

/** Removes '.', empty segments and leading '..'; resolves inner '..'. */
function resolveSegments(path: string): string {
  if (!DIRTY_SEGMENT.test(path)) return path // the common case: already clean
  const out: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') out.pop()
    else out.push(segment)
  }
  return out.join('/')
}

/** Normalized paths already used in one map, and for each path given twice the next suffix to try. */
export interface TakenPaths {
  used: Set<string>
  next: Map<string, number>
}

export const takenPaths = (): TakenPaths => ({ used: new Set(), next: new Map() })

/**
 * Returns `path`, or `path` with ` (2)`, ` (3)`… before its extension when `taken` already holds it, and
 * records the result in `taken`. Two sources that normalize alike (`webpack://a/./x.ts` and `../x.ts`)
 * thus stay two exposed files. The next suffix is remembered per path, so a map naming one source
 * 40,000 times costs 40,000 steps, not 40,000² / 2.
 */
export function uniquePath(path: string, taken: TakenPaths): string {
  const size = taken.used.size
  if (taken.used.add(path).size > size) return path // one hash lookup for the usual, unique case
  const slash = path.lastIndexOf('/')
  const dot = path.lastIndexOf('.')
  const cut = dot > slash + 1 ? dot : path.length
  let n = taken.next.get(path) ?? 2
  let candidate = `${path.slice(0, cut)} (${n})${path.slice(cut)}`
  while (taken.used.has(candidate)) candidate = `${path.slice(0, cut)} (${++n})${path.slice(cut)}`
  taken.next.set(path, n + 1)
  taken.used.add(candidate)
  return candidate
}

/** Joins `relative` onto the directory of `fromPath` ('/'-separated); undefined if it climbs above the root. */
export function joinRelative(fromPath: string, relative: string): string | undefined {
  const out = fromPath.split('/').slice(0, -1)
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (out.length === 0) return undefined
      out.pop()
    } else out.push(segment)
  }
  return out.join('/')
}
