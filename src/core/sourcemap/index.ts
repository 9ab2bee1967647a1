// Source map reading: the public surface used by analyze.ts.
//   readSourceMap        read-map.ts   sources of plain and index maps, from bytes, without mappings
//   normalizeSourcePath  normalize.ts  `webpack://…`, `../`, `file://`, `\0` ids -> relative paths
//   findSourceMappingURL, decodeDataURL, resolveMapURL   urls.ts
export { SourceMapError, type MapInfo, type MapSourceEntry } from './types'
export { readSourceMap } from './read-map'
export { normalizeSourcePath, takenPaths, uniquePath } from './normalize'
export { decodeDataURL, findSourceMappingURL, findSourceMappingURLInBytes, resolveMapURL } from './urls'
