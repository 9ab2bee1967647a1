// Credential files: by name for the whole file list (scanArtifact), and `.npmrc` by content — an
// .npmrc is only a credential file when it holds `_authToken`, `_auth` or `_password` with a real value.
import type { Severity } from '../report/model'
import type { ScanContext } from './context'
import type { Hit } from './engine'
import { isPlaceholder } from './engine'

interface NameRule {
  id: string
  severity: Severity
  /** Matched against the lowercased path. */
  pattern: RegExp
  what: string
}

const NAME_RULES: readonly NameRule[] = [
  {
    id: 'ssh-private-key-file',
    severity: 'critical',
    pattern: /(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)(?:_[\w-]+)?$/,
    what: 'an SSH private key',
  },
  {
    id: 'git-credentials-file',
    severity: 'critical',
    pattern: /(?:^|\/)\.git-credentials$/,
    what: 'stored git credentials',
  },
  {
    id: 'aws-credentials-file',
    severity: 'critical',
    pattern: /(?:^|\/)\.aws\/(?:credentials|config)$/,
    what: 'AWS credentials',
  },
  {
    id: 'dotenv-file',
    severity: 'high',
    // `.env`, `.env.production`, `.env-staging`; not the templates (`.env.example`, `.env-sample`).
    pattern: /(?:^|\/)\.env(?:[.-](?!example$|sample$|template$|dist$|defaults$|schema$|tpl$)[\w-]+)?$/,
    what: 'environment variables, usually secrets',
  },
  {
    id: 'key-store-file',
    severity: 'high',
    pattern: /\.(?:p12|pfx|jks|keystore|ppk|p8)$/,
    what: 'a key store or private key',
  },
  { id: 'pem-or-key-file', severity: 'high', pattern: /\.(?:pem|key)$/, what: 'a PEM key or certificate' },
  {
    id: 'certificate-file',
    severity: 'low',
    pattern: /\.(?:crt|cer|cert)$/,
    what: 'a certificate (public on its own, but it names the key that is often shipped beside it)',
  },
  { id: 'netrc-file', severity: 'high', pattern: /(?:^|\/)[._]netrc$/, what: 'machine logins and passwords' },
  {
    id: 'pypirc-file',
    severity: 'high',
    pattern: /(?:^|\/)\.pypirc$/,
    what: 'Python package index credentials',
  },
  {
    id: 'kubeconfig-file',
    severity: 'high',
    pattern: /(?:^|\/)(?:\.kube\/config|kubeconfig(?:\.ya?ml)?)$/,
    what: 'Kubernetes cluster credentials',
  },
  {
    id: 'terraform-state-file',
    severity: 'high',
    pattern: /\.tfstate(?:\.backup)?$/,
    what: 'Terraform state, which stores resource secrets in clear',
  },
  {
    id: 'docker-config-file',
    severity: 'medium',
    pattern: /(?:^|\/)\.docker\/config\.json$/,
    what: 'Docker registry logins',
  },
  { id: 'htpasswd-file', severity: 'medium', pattern: /(?:^|\/)\.htpasswd$/, what: 'password hashes' },
  {
    id: 'service-account-file',
    severity: 'medium',
    pattern:
      /(?:^|\/)(?:credentials|client_secrets?[\w-]*|service[-_]account[\w-]*|secrets)\.(?:json|ya?ml)$/,
    what: 'service credentials',
  },
]

export interface NameVerdict {
  rule: string
  severity: Severity
  message: string
}

/** The credential-file verdict for a path, or null. `.npmrc` is judged by content (detectNpmrcAuth). */
export function credentialFileByName(path: string): NameVerdict | null {
  const lower = path.toLowerCase()
  for (const rule of NAME_RULES) {
    if (rule.pattern.test(lower)) {
      return {
        rule: rule.id,
        severity: rule.severity,
        message: `This file usually holds ${rule.what}; it should not ship in a release.`,
      }
    }
  }
  return null
}

const NPMRC_AUTH = /^[ \t]*(?:[^\s=#;]*:)?(?:_authToken|_auth|_password)[ \t]*=[ \t]*["']?(?<v>[^\s"'#;]+)/gm

export function detectNpmrcAuth(context: ScanContext): Hit[] {
  if (context.name !== '.npmrc') return []
  const hits: Hit[] = []
  NPMRC_AUTH.lastIndex = 0
  for (let m = NPMRC_AUTH.exec(context.text); m; m = NPMRC_AUTH.exec(context.text)) {
    const value = m.groups!.v
    if (isPlaceholder(value) || value.startsWith('$')) continue
    const start = m.index + m[0].length - value.length
    hits.push({
      rule: 'npmrc-with-auth',
      category: 'credential-files',
      severity: 'critical',
      start,
      end: start + value.length,
      message:
        'This .npmrc holds a registry credential: anyone with the artifact can publish or read private packages.',
      secret: true,
    })
  }
  return hits
}
