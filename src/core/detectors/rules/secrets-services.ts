// Secret rules for hosted services: payment, messaging, AI providers, observability and SaaS tools.
// Same shape and conventions as the other rules/secrets-*.ts files; rules/secrets.ts runs them all in its order.
import { assigned, END, t, type SecretSpec } from './secret-spec'

/** The match does not continue a word or a hyphenated name (`aws-sdk-…`). */
const startsWord = (m: RegExpExecArray): boolean =>
  m.index === 0 || !/[A-Za-z0-9_-]/.test(m.input[m.index - 1])

export const SERVICE_SECRET_SPECS: SecretSpec[] = [
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
    // Tried 32 characters before each `-us`, not at every word boundary of the text.
    anchored: true,
    anchorOffset: 32,
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
    id: 'sentry-dsn-secret',
    title: 'Sentry DSN with its secret key',
    severity: 'medium',
    keywords: ['sentry.io'],
    pattern: t(`https://[0-9a-f]{32}:(?<v>[0-9a-f]{32})@[a-z0-9.-]*sentry\\.io/\\d+`),
  },
  {
    // A client DSN names the project's public key: it is meant to ship in clients.
    id: 'sentry-dsn',
    title: 'Sentry DSN (public client key)',
    severity: 'info',
    keywords: ['sentry.io'],
    pattern: t(`https://(?<v>[0-9a-f]{32})@[a-z0-9.-]*sentry\\.io/\\d+`),
  },
  {
    // Browser log intake tokens: meant for clients, but they let anyone write into the account's logs.
    id: 'datadog-client-token',
    title: 'Datadog client token',
    severity: 'medium',
    keywords: ['pub'],
    // The word boundary is checked in validate: a leading \\b or look-behind costs the regex its fast
    // literal search for `pub`, a word in every bundle.
    pattern: t(`(?<v>pub[0-9a-f]{32})${END}`),
    minEntropy: 3.2,
    validate: (v, m) => startsWord(m) && /[a-f]/.test(v.slice(3)) && /\d/.test(v),
  },
  {
    id: 'growthbook-client-key',
    title: 'GrowthBook SDK client key',
    severity: 'medium',
    keywords: ['sdk-'],
    pattern: t(`(?<v>sdk-[A-Za-z0-9]{16})${END}`),
    minEntropy: 3.5,
    // Generated keys mix both cases; a package or module name (`sdk-javascript…`) does not, nor does a
    // run of capitalised words (`sdk-ReactNativeApps`).
    validate: (v, m) =>
      startsWord(m) &&
      m.input[m.index - 1] !== '.' &&
      /[A-Z]/.test(v) &&
      /[a-z]/.test(v.slice(4)) &&
      !/^sdk-(?:[A-Z][a-z]+)+[A-Z]?$/.test(v),
  },
  {
    id: 'axiom-token',
    title: 'Axiom API or personal token',
    severity: 'high',
    keywords: ['xaat-', 'xapt-'],
    pattern: t(`\\b(?<v>xa[ap]t-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${END}`),
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
  // --- Experimentation and feature-flag services ---------------------------------------------------
  // Client keys ship in front ends by design, but with one anyone can download every flag and
  // experiment definition the project holds, unreleased ones included; server keys are secrets.
  {
    id: 'statsig-key',
    title: 'Statsig client key or server secret',
    severity: 'medium',
    keywords: ['client-', 'secret-'],
    pattern: t(`(?<![\\w-])(?<v>(?:client|secret)-[A-Za-z0-9]{40,50})${END}`),
    minEntropy: 4,
  },
  {
    id: 'launchdarkly-sdk-key',
    title: 'LaunchDarkly SDK or mobile key',
    severity: 'high',
    keywords: ['sdk-', 'mob-'],
    pattern: t(
      `(?<![\\w-])(?<v>(?:sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${END}`,
    ),
  },
]
