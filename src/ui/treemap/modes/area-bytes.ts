// Area = bytes: each file's share of the artifact's inflated size (a map's sources counted once).
import type { AreaMode } from './types'

export const bytesArea: AreaMode = { id: 'bytes', label: 'Bytes', unit: 'bytes', size: (_file, own) => own }
