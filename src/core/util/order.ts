/** Index of the first item whose key is not below `value`, in `items` sorted ascending by `keyOf`
 *  (items.length when every key is below it). */
export function lowerBound<T>(items: ArrayLike<T>, value: number, keyOf: (item: T) => number): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (keyOf(items[mid]) < value) low = mid + 1
    else high = mid
  }
  return low
}

/** Orders strings by UTF-16 code units, the same in every locale (unlike localeCompare). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
