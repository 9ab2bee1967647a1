// Internal endpoints: URLs and host names that only work inside a company network — internal TLDs
// and labels, intranet tools, staging/admin hosts, internal package registries — and private,
// link-local and loopback addresses in URLs or with a port. Public well-known hosts never count
// (see hosts.ts). Each pass starts from a cheap literal ("://", ".internal", a digit run) so long
// minified lines cost one regex scan each.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { registerKeywords } from './keyword-index'
import { classifyHost, classifyIp, type HostVerdict } from './hosts'

const URL_AFTER_SCHEME =
  /:\/\/(?:[^\s/@'"`<>]{0,100}@)?(?<host>[A-Za-z0-9.-]{1,253})(?::(?<port>\d{1,5}))?(?<path>\/[^\s'"`<>)\]},;\\]{0,200})?/g
const SCHEME_BEFORE = /[A-Za-z][A-Za-z0-9+.-]{0,20}$/
const IGNORED_SCHEMES =
  /^(?:file|data|blob|about|chrome|chrome-extension|moz-extension|webpack|javascript|mailto|urn|jar)$/i
const INTERNAL_TLD = /\.(?:internal|corp|local|lan|intranet|localdomain)(?![\w-])/g
const HOST_CHAR = /[a-z0-9.-]/
const MAX_HOST = 253
// In code a host name is a string (quoted, or after @ as in git@host); in config it may stand bare.
const HOST_BEFORE_OK_CODE = /['"`@/]/
const HOST_BEFORE_OK = /[\s'"`@=,(:[/]/
const IP_WITH_PORT = /(?<ip>(?:\d{1,3}\.){3}\d{1,3}):(?<port>\d{2,5})(?![\w.])/g

const TLD_KEYWORDS = ['.internal', '.corp', '.local', '.lan', '.intranet', '.localdomain']
const IP_KEYWORDS = ['10.', '172.', '192.168.', '127.', '169.254.', '100.']
registerKeywords(['://', ...TLD_KEYWORDS, ...IP_KEYWORDS])

const hitOf = (verdict: HostVerdict, start: number, end: number, what: string): Hit => ({
  rule: verdict.rule,
  category: 'internal-endpoints',
  severity: verdict.severity,
  start,
  end,
  message: `${what} is ${verdict.reason}: it maps the company's infrastructure for an attacker.`,
  secret: false,
})

export function detectInternalEndpoints(context: ScanContext): Hit[] {
  const { text } = context
  const { found } = context
  const hits: Hit[] = []
  if (found.has('://')) scanUrls(text, hits)
  if (TLD_KEYWORDS.some((k) => found.has(k)))
    scanBareHosts(text, context.isCode ? HOST_BEFORE_OK_CODE : HOST_BEFORE_OK, hits)
  if (IP_KEYWORDS.some((k) => found.has(k))) scanIpPorts(text, hits)
  return dropOverlaps(hits)
}

function scanUrls(text: string, hits: Hit[]): void {
  URL_AFTER_SCHEME.lastIndex = 0
  for (let m = URL_AFTER_SCHEME.exec(text); m; m = URL_AFTER_SCHEME.exec(text)) {
    const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, m.index - 21), m.index))?.[0]
    if (!scheme || IGNORED_SCHEMES.test(scheme)) continue
    const { host, path = '' } = m.groups!
    const verdict = classifyHost(host, path)
    if (!verdict) continue
    const start = m.index - scheme.length
    hits.push(hitOf(verdict, start, m.index + m[0].length, `The URL host ${host.toLowerCase()}`))
  }
}

function scanBareHosts(text: string, before: RegExp, hits: Hit[]): void {
  INTERNAL_TLD.lastIndex = 0
  for (let m = INTERNAL_TLD.exec(text); m; m = INTERNAL_TLD.exec(text)) {
    const end = m.index + m[0].length
    // A host name is at most 253 characters: the walk back stops there, so a long run of labels
    // costs 253 steps per label instead of the whole run each time.
    let start = m.index
    while (start > 0 && end - start <= MAX_HOST && HOST_CHAR.test(text[start - 1])) start--
    if (end - start > MAX_HOST) continue
    const host = text.slice(start, end)
    // A host, not a property chain: lowercase labels, at least two before the TLD, set off by a
    // quote, space, "@" or "=", and not called like a function.
    if (host.split('.').length < 3 || host.startsWith('.') || host.includes('..')) continue
    if (start > 0 && !before.test(text[start - 1])) continue
    if (text[end] === '(') continue
    const verdict = classifyHost(host)
    if (verdict) hits.push(hitOf(verdict, start, end, `The host ${host}`))
  }
}

function scanIpPorts(text: string, hits: Hit[]): void {
  IP_WITH_PORT.lastIndex = 0
  for (let m = IP_WITH_PORT.exec(text); m; m = IP_WITH_PORT.exec(text)) {
    if (m.index > 0 && /[\w.]/.test(text[m.index - 1])) continue
    const verdict = classifyIp(m.groups!.ip)
    if (verdict) hits.push(hitOf(verdict, m.index, m.index + m[0].length, `The address ${m[0]}`))
  }
}
