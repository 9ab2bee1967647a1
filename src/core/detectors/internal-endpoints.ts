// Internal endpoints: URLs and host names that only work inside a company network — internal TLDs
// and labels, intranet tools, staging/admin hosts, internal package registries, intranet short
// links (go/…), Perforce depot paths, cloud storage buckets — and private, link-local and loopback
// addresses in URLs or with a port. Public well-known hosts never count (see hosts.ts). Each pass
// starts from a cheap literal ("://", ".internal", "staging", a digit run) so long minified lines
// cost one regex scan each.
import type { ScanContext } from './context'
import { dropOverlaps } from './context'
import type { Hit } from './engine'
import { registerKeywords } from './keyword-index'
import { classifyHost, classifyIp, SHORT_LINK_VERDICT, type HostVerdict } from './hosts'
import { inComment } from './text-utils'

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
/** Top-level domains a bare host name (not in a URL) must end with to be taken for one: a property
 *  chain (`config.staging.enabled`) ends with a word that is no TLD. */
const BARE_HOST_TLDS = new Set(
  'com net org io dev ai app co cloud info biz tech us uk de eu fr jp in ca au me sh'.split(' '),
)
const STAGING_WORD = /staging/gi
/** After the word: the rest of an identifier, an assignment or key, and a quoted host or URL. */
const NAMED_VALUE = /^[\w$]*['"]?\s*[:=]\s*['"`](?:https?:\/\/)?(?<host>[a-z0-9.-]{1,253})(?=[/:'"`])/i
const SHORT_LINK = /\bgo\/[a-z0-9](?:[\w.-]*[a-z0-9])?(?:\/[\w.-]+)*/g
const DEPOT_PATH = /\/\/depot\/[\w.-]+(?:\/[\w.@-]+)*/g
const STORAGE_SCHEMES = /^(?:s3|gs)$/i
/** Bucket names of documentation and samples (`s3://my-bucket/`, `gs://your-app.appspot.com`). */
const PLACEHOLDER_BUCKET =
  /^(?:my|your|another|example|sample|some|test|demo)[-_.]|^(?:my|your)?bucket(?:[-_]?name)?$|\$\{/i

const TLD_KEYWORDS = ['.internal', '.corp', '.local', '.lan', '.intranet', '.localdomain']
const IP_KEYWORDS = ['10.', '172.', '192.168.', '127.', '169.254.', '100.']
registerKeywords(['://', 'staging', 'go/', '//depot/', ...TLD_KEYWORDS, ...IP_KEYWORDS])

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
  if (TLD_KEYWORDS.some((k) => found.has(k))) scanBareHosts(text, context.isCode, hits)
  if (found.has('staging')) scanStaging(text, context.isCode, hits)
  if (found.has('go/') && context.isCode) scanShortLinks(text, hits)
  if (found.has('//depot/')) scanDepotPaths(text, hits)
  if (IP_KEYWORDS.some((k) => found.has(k))) scanIpPorts(text, hits)
  return dropOverlaps(hits)
}

function scanUrls(text: string, hits: Hit[]): void {
  URL_AFTER_SCHEME.lastIndex = 0
  for (let m = URL_AFTER_SCHEME.exec(text); m; m = URL_AFTER_SCHEME.exec(text)) {
    const scheme = SCHEME_BEFORE.exec(text.slice(Math.max(0, m.index - 21), m.index))?.[0]
    if (!scheme || IGNORED_SCHEMES.test(scheme)) continue
    const { host, path = '' } = m.groups!
    const verdict = STORAGE_SCHEMES.test(scheme) ? bucketVerdict(host) : classifyHost(host, path)
    if (!verdict) continue
    const start = m.index - scheme.length
    hits.push(hitOf(verdict, start, m.index + m[0].length, `The URL host ${host.toLowerCase()}`))
  }
}

function scanBareHosts(text: string, isCode: boolean, hits: Hit[]): void {
  INTERNAL_TLD.lastIndex = 0
  for (let m = INTERNAL_TLD.exec(text); m; m = INTERNAL_TLD.exec(text)) {
    // An internal label under a public domain (`tracker.corp.example-co.com`) goes on to its end.
    let end = m.index + m[0].length
    while (text[end] === '.' && end - m.index <= MAX_HOST && HOST_CHAR.test(text[end + 1] ?? '')) {
      end++
      while (end < text.length && end - m.index <= MAX_HOST && /[a-z0-9-]/.test(text[end])) end++
    }
    const start = hostStart(text, m.index, end)
    if (start < 0) continue
    const host = text.slice(start, end)
    // A host, not a property chain: lowercase labels, at least two before the TLD, set off by a
    // quote, space, "@" or "=", and not called like a function.
    if (host.split('.').length < 3 || host.startsWith('.') || host.includes('..')) continue
    if (!setOff(text, start, end, isCode)) continue
    const verdict = classifyHost(host)
    if (verdict) hits.push(hitOf(verdict, start, end, `The host ${host}`))
  }
}

/** Where the host name ending at `end` begins (walking back over host characters from `from`), or
 *  -1 past the longest host name. The walk stops after 253 characters, so a long run of labels
 *  costs 253 steps per label instead of the whole run each time. */
function hostStart(text: string, from: number, end: number): number {
  let start = from
  while (start > 0 && end - start <= MAX_HOST && HOST_CHAR.test(text[start - 1])) start--
  return end - start > MAX_HOST ? -1 : start
}

/** A bare host stands alone: in code, in a string (a quote before it), after "@" (git@host) or
 *  "//", or anywhere in a comment; in config also after a space, "=", ",", "(" or ":". A "/" alone
 *  before it makes it a path segment (`application/vnd.acme.local`), and "(" after it a call. */
function setOff(text: string, start: number, end: number, isCode: boolean): boolean {
  if (text[end] === '(') return false
  if (start === 0) return true
  const c = text[start - 1]
  if (c === '/') return text[start - 2] === '/'
  if ((isCode ? HOST_BEFORE_OK_CODE : HOST_BEFORE_OK).test(c)) return true
  return isCode && /[\s(]/.test(c) && inComment(text, start)
}

/** "staging" in a host name (`api-staging.acme-co.com`, quoted or in a comment) or in the name a
 *  host or URL is given (`INTAKE_SITE_STAGING = 'acme-stg.com'`). URLs are found by scanUrls. */
function scanStaging(text: string, isCode: boolean, hits: Hit[]): void {
  STAGING_WORD.lastIndex = 0
  for (let m = STAGING_WORD.exec(text); m; m = STAGING_WORD.exec(text)) {
    const named = NAMED_VALUE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 300))
    if (named) {
      const host = named.groups!.host.toLowerCase()
      const at = m.index + m[0].length + named[0].length - named.groups!.host.length
      const tld = host.slice(host.lastIndexOf('.') + 1)
      if (host.includes('.') && BARE_HOST_TLDS.has(tld)) {
        const verdict = classifyHost(host) ?? NAMED_STAGING
        hits.push(hitOf(verdict, at, at + host.length, `The host ${host}`))
        continue
      }
    }
    if (m[0] !== 'staging') continue
    let end = m.index + m[0].length
    while (end < text.length && end - m.index <= MAX_HOST && HOST_CHAR.test(text[end])) end++
    const start = hostStart(text, m.index, end)
    if (start < 0 || text[start - 1] === '.' || text.slice(start - 3, start) === '://') continue
    const host = text.slice(start, end).replace(/[.-]+$/, '')
    const labels = host.split('.')
    if (labels.length < 3 || labels.includes('') || !BARE_HOST_TLDS.has(labels[labels.length - 1])) continue
    if (!setOff(text, start, start + host.length, isCode)) continue
    const verdict = classifyHost(host)
    if (verdict) hits.push(hitOf(verdict, start, start + host.length, `The host ${host}`))
  }
}

const NAMED_STAGING: HostVerdict = {
  rule: 'staging-or-admin-url',
  severity: 'low',
  reason: 'a host the code names as its staging site',
}

/** Intranet short links in comments: `go/onboarding`, `see go/payments-runbook`. */
function scanShortLinks(text: string, hits: Hit[]): void {
  SHORT_LINK.lastIndex = 0
  for (let m = SHORT_LINK.exec(text); m; m = SHORT_LINK.exec(text)) {
    const c = text[m.index - 1]
    if (c !== undefined && !/[\s(]/.test(c)) continue
    if (!inComment(text, m.index)) continue
    hits.push(hitOf(SHORT_LINK_VERDICT, m.index, m.index + m[0].length, `The link ${m[0]}`))
  }
}

/** Perforce depot paths (`//depot/monorepo/billing/…`): the layout of the company's source tree. */
function scanDepotPaths(text: string, hits: Hit[]): void {
  DEPOT_PATH.lastIndex = 0
  for (let m = DEPOT_PATH.exec(text); m; m = DEPOT_PATH.exec(text)) {
    hits.push(hitOf(DEPOT_VERDICT, m.index, m.index + m[0].length, `The path ${m[0]}`))
  }
}

const DEPOT_VERDICT: HostVerdict = {
  rule: 'internal-depot-path',
  severity: 'low',
  reason: "a path in the company's Perforce depot",
}

/** A cloud storage bucket named in an s3:// or gs:// URL, unless a documentation placeholder. */
function bucketVerdict(bucket: string): HostVerdict | null {
  if (PLACEHOLDER_BUCKET.test(bucket) || bucket.length < 3) return null
  return { rule: 'storage-bucket', severity: 'low', reason: 'the name of a cloud storage bucket' }
}

function scanIpPorts(text: string, hits: Hit[]): void {
  IP_WITH_PORT.lastIndex = 0
  for (let m = IP_WITH_PORT.exec(text); m; m = IP_WITH_PORT.exec(text)) {
    if (m.index > 0 && /[\w.]/.test(text[m.index - 1])) continue
    const verdict = classifyIp(m.groups!.ip)
    if (verdict) hits.push(hitOf(verdict, m.index, m.index + m[0].length, `The address ${m[0]}`))
  }
}
