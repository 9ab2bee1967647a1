// Host classification shared by internal endpoints and source exposure: is a host name or IP one that
// only works inside a company network? Public well-known hosts are never internal.
import type { Severity } from '../report/model'

export interface HostVerdict {
  rule: string
  severity: Severity
  reason: string
}

const INTERNAL_TLDS = new Set([
  'internal',
  'corp',
  'local',
  'lan',
  'intranet',
  'localdomain',
  'home.arpa',
  'private',
])
// Labels that name a company network segment wherever they sit in the host.
const INTERNAL_LABELS = new Set(['corp', 'internal', 'intranet', 'intra', 'int', 'priv', 'private', 'vpn'])
/** Labels that name internal infrastructure under a company's own domain, but are also common in
 *  open-source project hosts (`infra.spec.whatwg.org`). */
const WEAK_INTERNAL_LABELS = new Set(['infra'])
/** Of INTERNAL_LABELS, the ones that still mean the company network under a public domain. */
const STRONG_INTERNAL_LABELS = new Set(['corp', 'internal', 'intranet'])
// First labels of tools usually hosted inside the company.
const INTRANET_TOOLS = new Set(
  'jira confluence wiki vault grafana kibana jenkins gitlab git artifactory nexus sonar sonarqube argocd argo prometheus alertmanager splunk sentry harbor teamcity bamboo rundeck consul nomad airflow metabase redash phabricator gerrit'.split(
    ' ',
  ),
)
const REGISTRY_LABELS = new Set([
  'npm',
  'registry',
  'artifactory',
  'nexus',
  'pypi',
  'maven',
  'packages',
  'pkgs',
  'repo',
  'verdaccio',
])
const STAGING_TOKENS = new Set([
  'staging',
  'stage',
  'stg',
  'preprod',
  'uat',
  'qa',
  'dev',
  'sandbox',
  'admin',
  'canary',
  'beta',
])
// Of those, the ones that name a pre-production copy even under a well-known public domain (`dev.`,
// `beta.` and `admin.` hosts of public services are public products).
const PUBLIC_STAGING_TOKENS = new Set(['staging', 'stg', 'preprod', 'uat'])
// Reserved for documentation (RFC 2606/6761) and domains of public services that are never "internal".
const RESERVED = /(?:^|\.)(?:example|test|invalid|localhost)$|(?:^|\.)example\.(?:com|org|net)$/
/** Names documentation and samples give a made-up company (`api.acme.com`, `cdn.mydomain.com`). */
const PLACEHOLDER_DOMAINS = new Set(
  'example acme contoso fabrikam yourcompany mycompany company yourdomain mydomain domain yoursite mysite foo bar foobar'.split(
    ' ',
  ),
)
const PUBLIC_DOMAINS = new Set(
  (
    'github.com githubusercontent.com github.io gitlab.com bitbucket.org npmjs.org npmjs.com yarnpkg.com unpkg.com jsdelivr.net ' +
    'google.com googleapis.com gstatic.com googleusercontent.com microsoft.com windows.net azure.com azurewebsites.net ' +
    'amazonaws.com cloudfront.net apple.com mozilla.org w3.org whatwg.org cloudflare.com vercel.app netlify.app ' +
    'herokuapp.com atlassian.com atlassian.net grafana.com grafana.net sentry.io jenkins.io hashicorp.com docker.com ' +
    'docker.io python.org pypi.org nodejs.org reactjs.org stackoverflow.com wikipedia.org openai.com anthropic.com ' +
    'slack.com discord.com twitter.com x.com facebook.com youtube.com sonarcloud.io sonarsource.com kernel.org ' +
    'apache.org gnu.org debian.org ubuntu.com fedoraproject.org redhat.com jetbrains.com visualstudio.com'
  ).split(' '),
)

/** Cloud instance-metadata endpoints: the same public, documented addresses in every cloud SDK, so
 *  they say nothing about anyone's network (AWS/Azure/GCP/OpenStack IMDS, AWS ECS task metadata,
 *  Alibaba Cloud, GCP's metadata host names). */
const CLOUD_METADATA = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '100.100.100.200',
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'fd00:ec2::254',
])

/** Whether `host` (in any case, bracketed or not, with or without a trailing dot) is a cloud
 *  metadata address. String tests, not regexes: every URL and address of a text comes here. */
export function isCloudMetadataHost(host: string): boolean {
  let bare = host.toLowerCase()
  if (bare.startsWith('[')) bare = bare.slice(1)
  if (bare.endsWith(']')) bare = bare.slice(0, -1)
  if (bare.endsWith('.')) bare = bare.slice(0, -1)
  return CLOUD_METADATA.has(bare)
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

function ipParts(host: string): number[] | null {
  const m = IPV4.exec(host)
  if (!m) return null
  const parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]
  return parts[0] <= 255 && parts[1] <= 255 && parts[2] <= 255 && parts[3] <= 255 ? parts : null
}

/** Verdict for an IPv4 address, or null when it is public (or not an address). */
export function classifyIp(host: string): HostVerdict | null {
  if (isCloudMetadataHost(host)) return null
  const p = ipParts(host)
  if (!p) return null
  const [a, b] = p
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
    return { rule: 'private-ip', severity: 'medium', reason: 'a private (RFC 1918) network address' }
  if (a === 100 && b >= 64 && b <= 127)
    return { rule: 'private-ip', severity: 'low', reason: 'a carrier-grade NAT address' }
  if (a === 169 && b === 254)
    return {
      rule: 'link-local-ip',
      severity: host === '169.254.169.254' ? 'medium' : 'low',
      reason: 'a link-local address',
    }
  if (a === 127) return { rule: 'loopback-address', severity: 'info', reason: 'a loopback address' }
  return null
}

const registrable = (labels: string[]) => labels.slice(-2).join('.')

/** Verdict for a host name or IP (lowercase), or null for public and reserved hosts. */
// Hosted tools that give each customer a subdomain: a link with a path into `<company>.slack.com` or
// `<company>.sentry.io` opens the company's own chat thread or error-tracker organisation. The
// vendor's shared subdomains (app, api, docs, …) are public.
const WORKSPACE_TOOLS = new Map([
  ['slack.com', { what: 'chat workspace', path: /^\/archives\// }],
  [
    'sentry.io',
    { what: 'error-tracker organisation', path: /^\/(?:issues|organizations|discover|performance|alerts)\// },
  ],
])
const SHARED_SUBDOMAINS = new Set(
  'www app api hooks files status docs develop blog help slack edgeapi join my sentry us de'.split(' '),
)

function workspaceVerdict(labels: string[], path: string): HostVerdict | null {
  if (labels.length !== 3 || SHARED_SUBDOMAINS.has(labels[0])) return null
  const tool = WORKSPACE_TOOLS.get(registrable(labels))
  if (!tool || !tool.path.test(path)) return null
  return {
    rule: 'company-workspace-link',
    severity: 'low',
    reason: `a link into the company's own ${tool.what}`,
  }
}

/** Single-label hosts an intranet serves short links from (`http://go/onboarding`, `http://b/1234`):
 *  go links are a convention across companies; the others name a bug tracker, code review, code
 *  search or a monorepo. */
const INTRANET_SHORT_HOSTS = new Set('go goto b bug bugs cl cs g3doc google3 piper who wiki'.split(' '))

export const SHORT_LINK_VERDICT: HostVerdict = {
  rule: 'intranet-short-link',
  severity: 'low',
  reason: 'an intranet short link',
}

/** A hosted console's link whose first path segment is an opaque project id
 *  (`console.<vendor>.com/4fQx…/settings`) opens the company's own project there. */
const CONSOLE_PROJECT_PATH =
  /^\/(?=[A-Za-z0-9_-]{0,63}[0-9])(?=[A-Za-z0-9_-]{0,63}[A-Z])[A-Za-z0-9_-]{16,64}(?:[/?#]|$)/

/** Hosted task trackers whose links carry the company's own project and task ids in the path. */
const TRACKER_TASK_PATHS = new Map([['app.asana.com', /^\/0\/(?:search\/)?\d{6,}\/\d{6,}/]])

function consoleVerdict(labels: string[], path: string): HostVerdict | null {
  if (TRACKER_TASK_PATHS.get(labels.join('.'))?.test(path))
    return {
      rule: 'company-workspace-link',
      severity: 'low',
      reason: "a link into the company's own task tracker",
    }
  if (labels.length !== 3 || labels[0] !== 'console' || !CONSOLE_PROJECT_PATH.test(path)) return null
  return {
    rule: 'company-workspace-link',
    severity: 'low',
    reason: "a link into the company's own project in a hosted console",
  }
}

const LOCAL_NETWORK_TLDS = new Set(['local', 'lan', 'localdomain'])

export function classifyHost(host: string, path = ''): HostVerdict | null {
  host = host.toLowerCase().replace(/\.$/, '')
  if (isCloudMetadataHost(host)) return null
  if (ipParts(host)) return classifyIp(host)
  if (!/^[a-z0-9.-]+$/.test(host) || RESERVED.test(host)) return null
  if (!host.includes('.'))
    return INTRANET_SHORT_HOSTS.has(host) && path.length > 1 ? SHORT_LINK_VERDICT : null
  const labels = host.split('.')
  const tld = labels[labels.length - 1]
  const isInternalTld = INTERNAL_TLDS.has(tld) || host.endsWith('.home.arpa')
  if (!isInternalTld && PLACEHOLDER_DOMAINS.has(labels[labels.length - 2])) return null
  const workspace = workspaceVerdict(labels, path) ?? consoleVerdict(labels, path)
  if (workspace) return workspace
  const sub = labels.slice(0, -2)
  const tokens = sub.flatMap((l) => l.split('-'))
  const isInternal = sub.some((l) => INTERNAL_LABELS.has(l) || (WEAK_INTERNAL_LABELS.has(l) && tld !== 'org'))
  if (PUBLIC_DOMAINS.has(registrable(labels))) {
    // A well-known company's own network segment (`b.corp.example-co.com`) or staging hosts
    // (`api-staging.example-co.com`) still are not public.
    if (sub.some((l) => STRONG_INTERNAL_LABELS.has(l))) return INTERNAL_HOST_VERDICT
    return tokens.some((t) => PUBLIC_STAGING_TOKENS.has(t))
      ? { rule: 'staging-or-admin-url', severity: 'low', reason: 'a staging host' }
      : null
  }
  // One machine's name on the local network (mDNS `printer.local`), or a dummy base URL.
  if (isInternalTld && labels.length === 2 && LOCAL_NETWORK_TLDS.has(tld)) return null
  const isRegistry =
    REGISTRY_LABELS.has(labels[0]) ||
    /\/(?:artifactory|nexus)\/|\/repository\/(?:npm|pypi|maven)|\/api\/npm\//.test(path)
  if (isRegistry && (isInternal || isInternalTld || /\/(?:artifactory|nexus)\//.test(path)))
    return { rule: 'internal-package-registry', severity: 'medium', reason: 'an internal package registry' }
  if ((isInternal || isInternalTld) && tokens.some((t) => STAGING_TOKENS.has(t)))
    return { rule: 'staging-or-admin-url', severity: 'medium', reason: 'an internal staging or admin host' }
  if (isInternal || isInternalTld) return INTERNAL_HOST_VERDICT
  // Public TLDs from here on: only subdomains count, and open-source .org hosts are public.
  if (labels.length < 3 || tld === 'org') return null
  if (tokens.some((t) => STAGING_TOKENS.has(t)))
    return { rule: 'staging-or-admin-url', severity: 'low', reason: 'a staging, development or admin host' }
  if (INTRANET_TOOLS.has(labels[0]))
    return { rule: 'intranet-tool-host', severity: 'low', reason: `a company-hosted ${labels[0]} instance` }
  return null
}

const INTERNAL_HOST_VERDICT: HostVerdict = {
  rule: 'internal-hostname',
  severity: 'medium',
  reason: 'a host name that only resolves inside a company network',
}
