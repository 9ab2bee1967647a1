// `scan --extract DIR`: writes the sources the artifact's maps rebuilt under DIR at the paths the
// maps give them, and the manifest (core/report/extract.ts) beside them. A path that would leave
// DIR is not written; the manifest still lists it.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { ExposedFile } from '../core/report/model'
import { extractedText, extractManifest, MANIFEST_NAME, reconstructedSources } from '../core/report/extract'

/** Writes the sources; returns how many files were written (the manifest not counted). */
export async function writeExtracted(
  dir: string,
  files: readonly ExposedFile[],
  textOf: (fileId: number) => Promise<string | null>,
  input: string,
  keepSecrets: boolean,
  tool: string,
): Promise<number> {
  const root = resolve(dir)
  const entries = reconstructedSources(files)
  let written = 0
  for (const entry of entries) {
    const text = await textOf(entry.file.id)
    if (text === null) continue
    const target = resolve(join(root, entry.out))
    const rel = relative(root, target)
    if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(rel) === rel) continue
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, extractedText(entry, text, keepSecrets))
    written++
  }
  await mkdir(root, { recursive: true })
  const manifest = extractManifest(entries, input, keepSecrets, tool)
  await writeFile(join(root, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n')
  return written
}
