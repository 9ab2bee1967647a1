// Secret rules, reviewable in one place. Each rule: id, title, severity, keywords for the prefilter
// (every match contains one, compared case-insensitively), one global regex whose group `v` is the
// secret value, and optional checks (entropy in bits/char, validate). Placeholders are rejected for
// every rule (see isPlaceholder). Order matters: when matches overlap, the earlier rule wins, so
// specific formats come first and the generic assignment rule last.
import type { Severity } from '../../report/model'
import type { PatternRule } from '../engine'
import { decodeBase64Url } from '../text-utils'

interface SecretSpec {
  id: string
  title: string
  severity: Severity
  keywords: string[]
  pattern: RegExp
  minEntropy?: number
  validate?: (value: string, match: RegExpExecArray) => boolean
  appliesTo?: 'code' | 'non-code'
}

const spec = (s: SecretSpec): PatternRule => ({
  ...s,
  category: 'secrets',
  message: `${s.title} found in the exposed file: anyone with the artifact can use it; revoke and rotate it.`,
})

const SECRET_NAMES = 'secret|token|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|private[_-]?key|credentials?'
const SECRET_NAME_KEYWORDS = [
  'secret',
  'token',
  'password',
  'passwd',
  'pwd',
  'apikey',
  'api_key',
  'api-key',
  'access_key',
  'accesskey',
  'access-key',
  'private_key',
  'privatekey',
  'private-key',
  'credential',
]

// A value must end where a token character cannot continue it.
const END = '(?![A-Za-z0-9_-])'
const t = (source: string, flags = 'g') => new RegExp(source, flags)

/** A secret assigned to a name containing one of `names`: `name = "value"`, `name: 'value'`, `"name":"value"`. */
const assigned = (names: string, value: string) =>
  t(`(?:${names})[\\w.-]{0,30}["']?\\s*(?:[:=]|=>|:=)\\s*["'\`]?(?<v>${value})(?![A-Za-z0-9_+/=-])`, 'gi')

const SECRET_SPECS: SecretSpec[] = [
  // --- Private keys -------------------------------------------------------------------------------
  {
    id: 'private-key-pem',
    title: 'PEM private key',
    severity: 'critical',
    keywords: ['private key-----'],
    pattern: t(
      `-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----(?:\\\\[rn]|\\s)+(?<v>(?:Proc-Type:[^\\n]*(?:\\\\n|\\n)(?:DEK-Info:[^\\n\\\\]*(?:\\\\n|\\n))?(?:\\\\n|\\s)*)?[A-Za-z0-9+/]{40,}(?:(?:\\\\n|\\s)+[A-Za-z0-9+/=]{4,})*)`,
    ),
  },
  {
    id: 'private-key-openssh',
    title: 'OpenSSH private key',
    severity: 'critical',
    keywords: ['openssh private key'],
    pattern: t(
      `-----BEGIN OPENSSH PRIVATE KEY-----(?:\\\\[rn]|\\s)+(?<v>b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/=]{20,}(?:(?:\\\\n|\\s)+[A-Za-z0-9+/=]{4,})*)`,
    ),
  },
  {
    id: 'private-key-pgp',
    title: 'PGP private key block',
    severity: 'critical',
    keywords: ['pgp private key block'],
    pattern: t(
      `-----BEGIN PGP PRIVATE KEY BLOCK-----(?:(?:\\\\[rn]|\\s)+(?:[A-Za-z-]+: [^\\n\\\\]*))*(?:\\\\[rn]|\\s)+(?<v>[A-Za-z0-9+/]{40,}(?:(?:\\\\n|\\s)+[A-Za-z0-9+/=]{4,})*)`,
    ),
  },
  {
    id: 'private-key-putty',
    title: 'PuTTY private key',
    severity: 'critical',
    keywords: ['putty-user-key-file'],
    pattern: t(
      `PuTTY-User-Key-File-\\d: [\\w-]+(?:\\\\[rn]|\\s)+Encryption: [\\w-]+[\\s\\S]{0,400}?Private-Lines: \\d+(?:\\\\[rn]|\\s)+(?<v>[A-Za-z0-9+/=]{40,})`,
    ),
  },
  {
    id: 'age-secret-key',
    title: 'age encryption secret key',
    severity: 'critical',
    keywords: ['age-secret-key-1'],
    pattern: t(`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${END}`),
  },
  // --- Cloud providers ----------------------------------------------------------------------------
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'critical',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: t(`\\b(?<v>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${END}`),
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    keywords: ['aws_secret', 'awssecret', 'secretaccesskey', 'secret_access_key', 'aws-secret'],
    pattern: assigned(
      'aws_?secret_?access_?key|aws-secret-access-key|secretAccessKey|aws_?secret',
      '[A-Za-z0-9/+]{40}',
    ),
    minEntropy: 4,
  },
  {
    id: 'aws-mws-key',
    title: 'Amazon MWS auth token',
    severity: 'high',
    keywords: ['amzn.mws.'],
    pattern: t(`\\b(?<v>amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b`),
  },
  {
    id: 'gcp-api-key',
    title: 'Google API key (GCP, Firebase, Gemini, Maps)',
    severity: 'high',
    keywords: ['aiza'],
    pattern: t(`\\b(?<v>AIza[0-9A-Za-z_-]{35})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key',
    severity: 'critical',
    keywords: ['private_key_id'],
    pattern: t(`"private_key_id"\\s*:\\s*"(?<v>[0-9a-f]{40})"`),
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    severity: 'high',
    keywords: ['gocspx-'],
    pattern: t(`\\b(?<v>GOCSPX-[0-9A-Za-z_-]{28})${END}`),
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    severity: 'high',
    keywords: ['ya29.'],
    pattern: t(`\\b(?<v>ya29\\.[0-9A-Za-z_-]{40,})${END}`),
    minEntropy: 4,
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure storage account key',
    severity: 'critical',
    keywords: ['accountkey='],
    pattern: t(`AccountKey=(?<v>[A-Za-z0-9+/]{86}==)`),
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    severity: 'high',
    keywords: ['sig='],
    pattern: t(`[?&]sv=\\d{4}-\\d\\d-\\d\\d&[^\\s"'\`]*?\\bsig=(?<v>[A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})`),
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Azure AD client secret',
    severity: 'high',
    keywords: ['q~'],
    pattern: t(`(?<![A-Za-z0-9_~.-])(?<v>[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'digitalocean-token',
    title: 'DigitalOcean token',
    severity: 'critical',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: t(`\\b(?<v>do[opr]_v1_[a-f0-9]{64})${END}`),
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    severity: 'high',
    keywords: ['heroku', 'hrku-'],
    pattern: t(
      `(?:\\b(?<v>HRKU-[A-Za-z0-9_-]{60})${END})|(?:heroku[\\w.-]{0,20}(?:key|token|secret)["']?\\s*[:=]\\s*["']?(?<v2>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))`,
      'gi',
    ),
  },
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token',
    severity: 'high',
    keywords: ['cloudflare', 'cf_api', 'cf-api'],
    pattern: assigned(
      'cloudflare[\\w.-]{0,20}(?:token|key)|cf[_-]api[_-]?(?:token|key)',
      '[A-Za-z0-9_-]{40}',
    ),
    minEntropy: 3.8,
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare origin CA key',
    severity: 'high',
    keywords: ['v1.0-'],
    pattern: t(`\\b(?<v>v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${END}`),
  },
  {
    id: 'vercel-token',
    title: 'Vercel access token',
    severity: 'high',
    keywords: ['vercel'],
    pattern: assigned('vercel[\\w.-]{0,20}token', '[A-Za-z0-9]{24}'),
    minEntropy: 3.8,
  },
  {
    id: 'netlify-token',
    title: 'Netlify access token',
    severity: 'high',
    keywords: ['netlify', 'nfp_'],
    pattern: t(
      `(?:\\b(?<v>nfp_[A-Za-z0-9]{36})${END})|(?:netlify[\\w.-]{0,20}(?:token|key)["']?\\s*[:=]\\s*["']?(?<v2>[A-Za-z0-9_-]{40,46})${END})`,
      'gi',
    ),
    minEntropy: 3.8,
  },
  {
    id: 'supabase-token',
    title: 'Supabase access or secret key',
    severity: 'critical',
    keywords: ['sbp_', 'sb_secret_'],
    pattern: t(`\\b(?<v>sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,})${END}`),
  },
  {
    id: 'firebase-cloud-messaging-key',
    title: 'Firebase Cloud Messaging server key',
    severity: 'high',
    keywords: ['aaaa'],
    pattern: t(`\\b(?<v>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})${END}`),
  },
  {
    id: 'doppler-token',
    title: 'Doppler token',
    severity: 'high',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: t(`\\b(?<v>dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44})${END}`),
  },
  {
    id: 'vault-token',
    title: 'HashiCorp Vault token',
    severity: 'critical',
    keywords: ['hvs.', 'hvb.'],
    pattern: t(`\\b(?<v>hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300})${END}`),
  },
  {
    id: 'terraform-cloud-token',
    title: 'Terraform Cloud API token',
    severity: 'high',
    keywords: ['.atlasv1.'],
    pattern: t(`\\b(?<v>[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})${END}`),
  },
  // --- Source hosts and package registries --------------------------------------------------------
  {
    id: 'github-pat-classic',
    title: 'GitHub personal access token (classic)',
    severity: 'critical',
    keywords: ['ghp_'],
    pattern: t(`\\b(?<v>ghp_[A-Za-z0-9]{36})${END}`),
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    severity: 'critical',
    keywords: ['github_pat_'],
    pattern: t(`\\b(?<v>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${END}`),
  },
  {
    id: 'github-oauth-token',
    title: 'GitHub OAuth access token',
    severity: 'critical',
    keywords: ['gho_'],
    pattern: t(`\\b(?<v>gho_[A-Za-z0-9]{36})${END}`),
  },
  {
    id: 'github-app-token',
    title: 'GitHub App token',
    severity: 'critical',
    keywords: ['ghu_', 'ghs_'],
    pattern: t(`\\b(?<v>gh[us]_[A-Za-z0-9]{36})${END}`),
  },
  {
    id: 'github-refresh-token',
    title: 'GitHub refresh token',
    severity: 'critical',
    keywords: ['ghr_'],
    pattern: t(`\\b(?<v>ghr_[A-Za-z0-9]{36,76})${END}`),
  },
  {
    id: 'gitlab-token',
    title: 'GitLab access token',
    severity: 'critical',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'gloas-', 'glcbt-', 'glptt-'],
    pattern: t(`\\b(?<v>(?:glpat|gldt|glrt|gloas|glcbt)-[A-Za-z0-9_-]{20,64}|glptt-[0-9a-f]{40})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password',
    severity: 'high',
    keywords: ['atbb'],
    pattern: t(`\\b(?<v>ATBB[A-Za-z0-9_=.-]{32})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    severity: 'high',
    keywords: ['atatt3'],
    pattern: t(`\\b(?<v>ATATT3[A-Za-z0-9_=-]{180,192})${END}`),
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    severity: 'critical',
    keywords: ['npm_'],
    pattern: t(`\\b(?<v>npm_[A-Za-z0-9]{36})${END}`),
    minEntropy: 3.5,
  },
  {
    id: 'npmrc-auth',
    title: 'npm registry credential in .npmrc syntax',
    severity: 'critical',
    keywords: ['_authtoken', '_auth', '_password'],
    pattern: t(
      `(?:^|[\\s"'\`/:])(?:_authToken|_auth|_password)\\s*=\\s*["']?(?<v>[A-Za-z0-9+/=_.:-]{16,})`,
      'gm',
    ),
    minEntropy: 3.5,
  },
  {
    id: 'pypi-token',
    title: 'PyPI API token',
    severity: 'critical',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: t(`\\b(?<v>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})${END}`),
  },
  {
    id: 'rubygems-token',
    title: 'RubyGems API key',
    severity: 'critical',
    keywords: ['rubygems_'],
    pattern: t(`\\b(?<v>rubygems_[0-9a-f]{48})${END}`),
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet API key',
    severity: 'high',
    keywords: ['oy2'],
    pattern: t(`\\b(?<v>oy2[a-z0-9]{43})${END}`),
    minEntropy: 3.8,
    validate: (v) => /\d/.test(v.slice(3)),
  },
  {
    id: 'dockerhub-pat',
    title: 'Docker Hub personal access token',
    severity: 'high',
    keywords: ['dckr_pat_'],
    pattern: t(`\\b(?<v>dckr_pat_[A-Za-z0-9_-]{27})${END}`),
  },
  {
    id: 'postman-api-key',
    title: 'Postman API key',
    severity: 'high',
    keywords: ['pmak-'],
    pattern: t(`\\b(?<v>PMAK-[a-f0-9]{24}-[a-f0-9]{34})${END}`),
  },
  // --- Payment ------------------------------------------------------------------------------------
  {
    id: 'stripe-live-secret-key',
    title: 'Stripe live secret key',
    severity: 'critical',
    keywords: ['sk_live_', 'rk_live_'],
    pattern: t(`\\b(?<v>[sr]k_live_[0-9A-Za-z]{24,99})${END}`),
  },
  {
    id: 'stripe-test-secret-key',
    title: 'Stripe test-mode secret key',
    severity: 'medium',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: t(`\\b(?<v>[sr]k_test_[0-9A-Za-z]{24,99})${END}`),
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    severity: 'high',
    keywords: ['whsec_'],
    pattern: t(`\\b(?<v>whsec_[A-Za-z0-9]{32,})${END}`),
  },
  {
    id: 'square-token',
    title: 'Square access token or OAuth secret',
    severity: 'critical',
    keywords: ['sq0atp-', 'sq0csp-'],
    pattern: t(`\\b(?<v>sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43})${END}`),
  },
  {
    id: 'braintree-access-token',
    title: 'PayPal Braintree access token',
    severity: 'critical',
    keywords: ['access_token$production$', 'access_token$sandbox$'],
    pattern: t(`(?<v>access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32})`),
  },
  {
    id: 'shopify-token',
    title: 'Shopify access token',
    severity: 'critical',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: t(`\\b(?<v>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${END}`),
  },
  // --- Messaging ----------------------------------------------------------------------------------
  {
    id: 'twilio-api-key',
    title: 'Twilio API key',
    severity: 'high',
    keywords: ['twilio'],
    pattern: assigned('twilio[\\w.-]{0,20}(?:key|secret|token|sid)', 'SK[0-9a-fA-F]{32}|[0-9a-f]{32}'),
    minEntropy: 3.2,
  },
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    severity: 'critical',
    keywords: ['sg.'],
    pattern: t(`\\b(?<v>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${END}`),
  },
  {
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    severity: 'high',
    keywords: ['key-'],
    pattern: t(`\\b(?<v>key-[0-9a-f]{32})${END}`),
    minEntropy: 3.2,
  },
  {
    id: 'mailchimp-api-key',
    title: 'Mailchimp API key',
    severity: 'high',
    keywords: ['-us'],
    pattern: t(`\\b(?<v>[0-9a-f]{32}-us\\d{1,2})${END}`),
    minEntropy: 3.2,
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    severity: 'critical',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxe-', 'xoxs-'],
    pattern: t(`\\b(?<v>xox[bpares]-(?:\\d{10,13}-){1,3}[A-Za-z0-9]{24,34})${END}`),
  },
  {
    id: 'slack-app-token',
    title: 'Slack app-level token',
    severity: 'high',
    keywords: ['xapp-'],
    pattern: t(`\\b(?<v>xapp-\\d-[A-Z0-9]{9,12}-\\d{10,14}-[a-f0-9]{60,64})${END}`),
  },
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: t(
      `https://hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<v>T[A-Z0-9]{8,12}/[AB][A-Z0-9]{8,12}/[A-Za-z0-9]{24})${END}`,
    ),
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    severity: 'high',
    keywords: ['/api/webhooks/'],
    pattern: t(
      `https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/(?<v>[A-Za-z0-9_-]{60,68})${END}`,
    ),
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    severity: 'high',
    keywords: ['discord'],
    pattern: assigned(
      'discord[\\w.-]{0,20}(?:token|secret)',
      '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
    ),
  },
  {
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    severity: 'high',
    keywords: [':aa'],
    pattern: t(`\\b(?<v>\\d{8,10}:AA[A-Za-z0-9_-]{33})${END}`),
    minEntropy: 3.8,
  },
  // --- AI providers -------------------------------------------------------------------------------
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    severity: 'critical',
    keywords: ['t3blbkfj', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: t(
      `\\b(?<v>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,200})${END}`,
    ),
    minEntropy: 4,
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'critical',
    keywords: ['sk-ant-'],
    pattern: t(`\\b(?<v>sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)${END}`),
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face access token',
    severity: 'high',
    keywords: ['hf_'],
    pattern: t(`\\b(?<v>hf_[A-Za-z]{34})${END}`),
    minEntropy: 3.8,
    validate: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v.slice(3)),
  },
  {
    id: 'cohere-api-key',
    title: 'Cohere API key',
    severity: 'high',
    keywords: ['cohere', 'co_api_key'],
    pattern: assigned('cohere[\\w.-]{0,20}(?:key|token)|co_api_key', '[A-Za-z0-9]{40}'),
    minEntropy: 4,
  },
  {
    id: 'replicate-api-token',
    title: 'Replicate API token',
    severity: 'high',
    keywords: ['r8_'],
    pattern: t(`\\b(?<v>r8_[A-Za-z0-9]{37})${END}`),
    minEntropy: 3.8,
  },
  {
    id: 'groq-api-key',
    title: 'Groq API key',
    severity: 'high',
    keywords: ['gsk_'],
    pattern: t(`\\b(?<v>gsk_[A-Za-z0-9]{52})${END}`),
    minEntropy: 4,
  },
  // --- Observability and SaaS ---------------------------------------------------------------------
  {
    id: 'datadog-api-key',
    title: 'Datadog API or application key',
    severity: 'high',
    keywords: ['datadog', 'dd_api', 'dd_app', 'dd-api', 'ddapi', 'ddapp'],
    pattern: assigned('(?:datadog|dd)[_-]?(?:api|app(?:lication)?)[_-]?key', '[a-f0-9]{32}|[a-f0-9]{40}'),
    minEntropy: 3.2,
  },
  {
    id: 'new-relic-key',
    title: 'New Relic API key',
    severity: 'high',
    keywords: ['nrak-', 'nrjs-', 'nral'],
    pattern: t(`\\b(?<v>NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|[a-f0-9]{36}NRAL)${END}`),
  },
  {
    id: 'sentry-auth-token',
    title: 'Sentry auth token',
    severity: 'high',
    keywords: ['sntrys_', 'sntryu_'],
    pattern: t(`\\b(?<v>sntrys_[A-Za-z0-9+/=_-]{60,}|sntryu_[a-f0-9]{64})${END}`),
  },
  {
    id: 'sentry-dsn',
    title: 'Sentry DSN',
    severity: 'low',
    keywords: ['sentry.io'],
    pattern: t(`https://(?<v>[0-9a-f]{32})(?::[0-9a-f]{32})?@[a-z0-9.-]*sentry\\.io/\\d+`),
  },
  {
    id: 'grafana-token',
    title: 'Grafana Cloud or service account token',
    severity: 'high',
    keywords: ['glc_', 'glsa_'],
    pattern: t(`\\b(?<v>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})${END}`),
    minEntropy: 3.8,
  },
  {
    id: 'honeycomb-api-key',
    title: 'Honeycomb API key',
    severity: 'high',
    keywords: ['honeycomb'],
    pattern: assigned(
      'honeycomb[\\w.-]{0,20}(?:key|team|token)',
      '[A-Za-z0-9]{22}|[a-f0-9]{32}|hc[a-z]{2}_[A-Za-z0-9]{58}',
    ),
    minEntropy: 3.5,
  },
  {
    id: 'pagerduty-api-key',
    title: 'PagerDuty API key',
    severity: 'high',
    keywords: ['pagerduty'],
    pattern: assigned('pagerduty[\\w.-]{0,20}(?:key|token)', '[A-Za-z0-9_+-]{20}|[a-f0-9]{32}'),
    minEntropy: 3.5,
  },
  {
    id: 'algolia-admin-key',
    title: 'Algolia admin or write API key',
    severity: 'high',
    keywords: ['algolia'],
    pattern: assigned('algolia[\\w.-]{0,20}(?:admin|write|api)[_-]?key', '[a-f0-9]{32}'),
    minEntropy: 3.2,
  },
  {
    id: 'linear-api-key',
    title: 'Linear API key',
    severity: 'high',
    keywords: ['lin_api_'],
    pattern: t(`\\b(?<v>lin_api_[A-Za-z0-9]{40})${END}`),
  },
  {
    id: 'notion-token',
    title: 'Notion integration token',
    severity: 'high',
    keywords: ['ntn_', 'secret_'],
    pattern: t(`\\b(?<v>ntn_\\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})${END}`),
    minEntropy: 4,
  },
  {
    id: 'okta-api-token',
    title: 'Okta API token',
    severity: 'high',
    keywords: ['okta'],
    pattern: assigned('okta[\\w.-]{0,20}(?:token|key)', '00[A-Za-z0-9_-]{40}'),
    minEntropy: 3.8,
  },
  {
    id: 'twitch-client-secret',
    title: 'Twitch API token or client secret',
    severity: 'high',
    keywords: ['twitch'],
    pattern: assigned('twitch[\\w.-]{0,20}(?:token|secret|key)', '[a-z0-9]{30}'),
    minEntropy: 3.8,
  },
  {
    id: 'mapbox-secret-token',
    title: 'Mapbox secret token',
    severity: 'high',
    keywords: ['sk.eyj'],
    pattern: t(`\\b(?<v>sk\\.eyJ[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,})${END}`),
  },
  {
    id: 'dropbox-token',
    title: 'Dropbox access token',
    severity: 'high',
    keywords: ['sl.'],
    pattern: t(`\\b(?<v>sl\\.[A-Za-z0-9_-]{130,152})${END}`),
    minEntropy: 4,
  },
  // --- Databases and URLs -------------------------------------------------------------------------
  {
    id: 'postgres-connection-string',
    title: 'PostgreSQL connection string with password',
    severity: 'critical',
    keywords: ['postgres'],
    pattern: t(`\\bpostgres(?:ql)?://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
  },
  {
    id: 'mysql-connection-string',
    title: 'MySQL connection string with password',
    severity: 'critical',
    keywords: ['mysql', 'mariadb'],
    pattern: t(`\\b(?:mysql|mysqlx|mariadb)://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
  },
  {
    id: 'mongodb-connection-string',
    title: 'MongoDB connection string with password',
    severity: 'critical',
    keywords: ['mongodb'],
    pattern: t(`\\bmongodb(?:\\+srv)?://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
  },
  {
    id: 'redis-connection-string',
    title: 'Redis connection string with password',
    severity: 'high',
    keywords: ['redis'],
    pattern: t(`\\brediss?://[^\\s:/@'"\`]{0,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
  },
  {
    id: 'amqp-connection-string',
    title: 'AMQP connection string with password',
    severity: 'high',
    keywords: ['amqp'],
    pattern: t(`\\bamqps?://[^\\s:/@'"\`]{1,64}:(?<v>[^\\s@/'"\`]{3,128})@[\\w.-]+`),
  },
  {
    id: 'password-in-url',
    title: 'Password in a URL',
    severity: 'high',
    keywords: ['://'],
    pattern: t(
      `://[^\\s:/@'"\`<>(){}\\[\\]]{1,64}:(?<v>[^\\s@/'"\`<>(){}\\[\\]]{3,128})@[a-z0-9-]+(?:\\.[a-z0-9-]+)+`,
      'gi',
    ),
    validate: (v) => !/^(?:password|passwd|pass|pwd|secret|token|\d+)$/i.test(v),
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    keywords: ['eyj'],
    pattern: t(`\\b(?<v>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})${END}`),
    validate: (v) => /"alg"/.test(decodeBase64Url(v.slice(0, v.indexOf('.')))),
  },
  // --- Generic: last, so any specific rule above wins on overlap -----------------------------------
  {
    id: 'generic-secret-assignment',
    title: 'High-entropy value assigned to a secret-like name',
    severity: 'medium',
    keywords: SECRET_NAME_KEYWORDS,
    // Quoted values anywhere: `clientSecret = "…"`, `"api_key": "…"`, `password: '…'`.
    pattern: t(
      `(?:${SECRET_NAMES})[A-Za-z0-9_]{0,20}["']?\\s*(?:[:=]|:=|=>)\\s*(?<q>["'\`])(?<v>[A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})\\k<q>`,
      'gi',
    ),
    minEntropy: 3.7,
    validate: looksRandom,
  },
  {
    id: 'generic-secret-env-assignment',
    title: 'High-entropy value assigned to a secret-like name (env/INI style)',
    severity: 'medium',
    keywords: SECRET_NAME_KEYWORDS,
    // Unquoted values only as a whole `NAME=value` line, as in .env, INI and properties files; in
    // code an unquoted right-hand side is an expression, not a value.
    pattern: t(
      `^[ \\t]*(?:export[ \\t]+)?[A-Za-z0-9_.-]*(?:${SECRET_NAMES})[A-Za-z0-9_.-]{0,20}[ \\t]*[=:][ \\t]*(?<v>[A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})[ \\t]*\\r?$`,
      'gim',
    ),
    appliesTo: 'non-code',
    minEntropy: 3.7,
    validate: looksRandom,
  },
]

/** A value shaped like generated credentials: letters and digits mixed, not a word, path, URL or version. */
function looksRandom(value: string): boolean {
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false
  if (/^[a-z]+(?:[A-Z][a-z]+)+\d*$/.test(value)) return false // camelCase identifier
  if (/^[\w-]+\.[\w-]+\.(?:js|ts|json|css|html|svg|png)$/i.test(value)) return false
  if (/^(?:[a-z]+[_.-])+[a-z0-9]+$/i.test(value) && !/[A-Z].*\d|\d.*[A-Z]/.test(value)) return false
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false // UUID
  return true
}

export const SECRET_RULES: readonly PatternRule[] = SECRET_SPECS.map(spec)
