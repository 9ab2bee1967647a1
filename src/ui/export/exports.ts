// The downloads, made in the browser from the report with the report formats' table
// (core/report/formats): nothing is sent anywhere, the text becomes a Blob behind a short-lived
// object URL.
import { reportFormat, type FormatExtras, type ReportFormat } from '../../core/report/formats/registry'
import type { Report } from '../../core/report/model'
import { archiveExtension } from '../../core/input-formats'

export interface ExportFile {
  name: string
  type: string
  /** The file's text (or bytes), in order. */
  parts: (string | Uint8Array<ArrayBuffer>)[]
}

/** "dir/acme-orbit-cli-3.4.1.tgz" -> "acme-orbit-cli-3.4.1". */
export function baseName(report: Pick<Report, 'input'>): string {
  const first = report.input.name.split(', ')[0].split('/').pop() || 'artifact'
  const extension = archiveExtension(first) ?? /\.(map|js)$/i.exec(first)?.[1]
  return (extension ? first.slice(0, -extension.length - 1) : first) || 'artifact'
}

/** The download of `report` in a format (its id or the format itself); `extras`: what the page
 *  adds (the HTML report's treemap picture). */
export function exportFile(report: Report, format: ReportFormat | string, extras?: FormatExtras): ExportFile {
  const f = typeof format === 'string' ? reportFormat(format) : format
  if (!f) throw new Error(`unknown report format '${String(format)}'`)
  return { name: `${baseName(report)}${f.fileSuffix}`, type: f.mediaType, parts: [...f.scan(report, extras)] }
}

/** Files past this size are not read whole for their SHA-256 (the digest takes one buffer). */
export const DIGEST_MAX_BYTES = 512 * 1024 * 1024

/** The SHA-256 (hex) of one input file, as `scan` puts in `input.sha256`; undefined past
 *  DIGEST_MAX_BYTES. */
export async function sha256Hex(file: Blob): Promise<string | undefined> {
  if (file.size > DIGEST_MAX_BYTES) return undefined
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer())
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The treemap as drawn now, as a PNG `data:` URL (for the HTML report); undefined without one. */
export function treemapPicture(root: ParentNode = document): string | undefined {
  const canvas = root.querySelector<HTMLCanvasElement>('[data-testid="treemap"] canvas')
  if (!canvas || canvas.width === 0 || canvas.height === 0) return undefined
  return canvas.toDataURL('image/png')
}

/** Starts a download of `file` (an <a download> click on an object URL, revoked right after). */
export function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob(file.parts, { type: `${file.type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The click has queued the download; the URL can go once the current task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
