// Whether a package.json licence is an open-source one. Readable source of an open-source package is
// expected; of a proprietary one (`UNLICENSED`, `SEE LICENSE IN …`, `"private": true`, no licence or
// one not on this list) it is the leak.

/** SPDX ids of OSI-approved licences (and public-domain dedications) common on npm, lowercase. */
const OPEN_SOURCE = new Set(
  [
    'MIT',
    'MIT-0',
    'ISC',
    'Apache-2.0',
    'BSD-2-Clause',
    'BSD-3-Clause',
    '0BSD',
    'BSD-3-Clause-Clear',
    'MPL-2.0',
    'LGPL-2.1',
    'LGPL-2.1-only',
    'LGPL-2.1-or-later',
    'LGPL-3.0',
    'LGPL-3.0-only',
    'LGPL-3.0-or-later',
    'GPL-2.0',
    'GPL-2.0-only',
    'GPL-2.0-or-later',
    'GPL-3.0',
    'GPL-3.0-only',
    'GPL-3.0-or-later',
    'AGPL-3.0',
    'AGPL-3.0-only',
    'AGPL-3.0-or-later',
    'EPL-1.0',
    'EPL-2.0',
    'Unlicense',
    'CC0-1.0',
    'Artistic-2.0',
    'Zlib',
    'BlueOak-1.0.0',
    'Python-2.0',
    'EUPL-1.2',
    'MS-PL',
    'UPL-1.0',
    'BSL-1.0',
    'PostgreSQL',
    'OFL-1.1',
    'CDDL-1.0',
    'WTFPL',
    'CC-BY-4.0',
  ].map((id) => id.toLowerCase()),
)

/** The licence as written when it is open source and the package is not private; else undefined.
 *  An SPDX expression counts when every alternative it requires is open (`MIT OR Apache-2.0`,
 *  `(MIT AND Zlib)`); `UNLICENSED` and `SEE LICENSE IN …` never do. */
export function openSourceLicense(
  manifest: { license?: string; private?: boolean } | undefined,
): string | undefined {
  const license = manifest?.license?.trim()
  if (!license || manifest?.private === true) return undefined
  if (/^(?:unlicensed|see licen[cs]e in\b)/i.test(license)) return undefined
  const ids = license
    .replace(/\bWITH\s+[\w.-]+/gi, '')
    .split(/[()\s]+|\bOR\b|\bAND\b/i)
    .map((id) => id.trim().replace(/\+$/, '').toLowerCase())
    .filter((id) => id !== '' && id !== 'or' && id !== 'and')
  return ids.length > 0 && ids.every((id) => OPEN_SOURCE.has(id)) ? license : undefined
}
