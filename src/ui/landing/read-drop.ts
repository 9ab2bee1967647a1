// Turns a drop into input files. Entries must be taken from the DataTransfer synchronously inside
// the drop handler (its items are emptied once the handler returns); folders are then walked
// asynchronously through the FileSystemEntry API, the one way a dropped folder exposes its files.
import type { InputFile } from '../../worker/protocol'

export type DropItem = FileSystemEntry | File

/** Call synchronously in the `drop` handler. */
export function takeDropItems(transfer: DataTransfer): DropItem[] {
  const items: DropItem[] = []
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue
    // A synthetic or non-filesystem file has no entry; fall back to the File itself.
    const entry = item.webkitGetAsEntry?.()
    const file = entry ? null : item.getAsFile()
    if (entry) items.push(entry)
    else if (file) items.push(file)
  }
  if (items.length === 0) items.push(...Array.from(transfer.files))
  return items
}

export async function readDropItems(items: DropItem[]): Promise<InputFile[]> {
  const out: InputFile[] = []
  for (const item of items) {
    if (item instanceof File) out.push({ path: item.name, file: item })
    else await walk(item, out)
  }
  return sortByPath(out)
}

/** Files from an <input type=file> (with webkitdirectory, each carries its relative path). */
export function inputsFromFileList(list: FileList | File[]): InputFile[] {
  return sortByPath(Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file })))
}

/** The CLI reads a folder in name order; the page does the same so both report the same ids. */
function sortByPath(inputs: InputFile[]): InputFile[] {
  return inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

async function walk(entry: FileSystemEntry, out: InputFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    )
    out.push({ path: entry.fullPath.replace(/^\/+/, ''), file })
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walk(child, out)
  }
}

/** readEntries returns at most ~100 entries per call: call it until it returns none. */
async function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader()
  const all: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    )
    if (batch.length === 0) return all
    all.push(...batch)
  }
}
