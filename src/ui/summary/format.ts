// Number and size formatting shared by the page's panels (en-US grouping, like the report headline).
// One formatter: toLocaleString builds a new one per call (tens of µs each), which a table of
// thousands of rows redrawn on every scroll frame cannot afford.
const GROUPED = new Intl.NumberFormat('en-US')
export const formatCount = (n: number): string => GROUPED.format(n)

/** "1 file", "2 files", "1,000 findings": the count and the noun in the right number. */
export const countOf = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** 1536 -> "1.5 KB": binary steps, one decimal below 10, none above. */
export function formatBytes(n: number): string {
  let value = n
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}

/** "first-party-source" -> "First-party source". */
export function labelOf(id: string): string {
  if (id === 'ai-prompts') return 'AI prompts'
  const text = id
    .replace(/-/g, ' ')
    .replace(/^first party/, 'first-party')
    .replace(/^third party/, 'third-party')
  return text.charAt(0).toUpperCase() + text.slice(1)
}
