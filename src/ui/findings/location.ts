// A place shown in a narrow table cell: the container chain and path, cut in the middle. The head
// (containers and folders) gives way; the tail (file name and position) always shows.

export interface ChainParts {
  head: string
  tail: string
}

/** `origin › … › path` + `suffix`, split before the file's base name. */
export function chainParts(origin: readonly string[], path: string, suffix = ''): ChainParts {
  const chain = [...origin, path].join(' › ')
  const container = chain.lastIndexOf(' › ')
  const cut = Math.max(chain.lastIndexOf('/') + 1, container < 0 ? 0 : container + ' › '.length)
  return { head: chain.slice(0, cut), tail: chain.slice(cut) + suffix }
}
