/** The last segment of a `/`-separated path, as written. */
export const pathBaseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
