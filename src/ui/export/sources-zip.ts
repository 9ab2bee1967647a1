// The zip of reconstructed sources, made in the browser with fflate: each source a map rebuilt at
// the path the map gives it, plus the manifest (core/report/extract.ts). The texts come from the
// worker, secrets masked there unless the person asked for them as they are in the artifact.
import { zipSync, strToU8, type Zippable } from 'fflate'
import type { ExposedFile } from '../../core/report/model'
import { extractManifest, MANIFEST_NAME, reconstructedSources } from '../../core/report/extract'
import type { ExportFile } from './exports'

export type ReadText = (fileId: number, raw: boolean) => Promise<string | null>

/** "dir/acme-orbit-cli-3.4.1.tgz" -> "acme-orbit-cli-3.4.1". */
const stem = (input: string) =>
  (input.split('/').pop() || 'artifact').replace(
    /\.(tgz|tar\.gz|tar|gz|zip|vsix|jar|whl|crx|map|js)$/i,
    '',
  ) || 'artifact'

export async function sourcesZip(
  files: readonly ExposedFile[],
  input: string,
  read: ReadText,
  keepSecrets: boolean,
): Promise<ExportFile> {
  const entries = reconstructedSources(files)
  const tree: Zippable = {}
  for (const entry of entries) {
    if (!entry.file.hasContent) continue
    const text = await read(entry.file.id, keepSecrets)
    if (text !== null) tree[entry.out] = strToU8(text)
  }
  tree[MANIFEST_NAME] = strToU8(JSON.stringify(extractManifest(entries, input, keepSecrets), null, 2) + '\n')
  // Level 1: most of the gain of deflate at a fraction of its time on the page's thread.
  const zip = zipSync(tree, { level: 1, mtime: new Date('2000-01-01T00:00:00Z') })
  return { name: `${stem(input)}-reconstructed-sources.zip`, type: 'application/zip', parts: [zip] }
}
