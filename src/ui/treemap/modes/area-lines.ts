// Area = lines: each file's number of lines.
import type { AreaMode } from './types'

export const linesArea: AreaMode = { id: 'lines', label: 'Lines', size: (file) => file.lines }
