/** Appends `items` to `target` in place. `target.push(...items)` passes every item as a call argument and
 *  overflows the stack past roughly 100k items (V8's argument limit), which one file full of findings or
 *  one huge file list reaches. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item)
}
