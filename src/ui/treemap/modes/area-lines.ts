// Area = lines: each file's number of lines.
import type { AreaMode } from './types'

export const linesArea: AreaMode = { id: 'lines', label: 'Lines', unit: 'lines', size: (file) => file.lines }
