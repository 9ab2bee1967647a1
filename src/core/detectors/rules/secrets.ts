// Secret rules, reviewable in one place: each family in a file of its own (private keys, cloud
// providers, source hosts and registries, hosted services, connection URLs and tokens, generic
// assignments), run in the order of this table. Each rule: id, title, severity, keywords for the
// prefilter (every match contains one, compared case-insensitively), one global regex whose group `v`
// is the secret value, and optional checks (entropy in bits/char, validate). Placeholders are rejected
// for every rule (see isPlaceholder). Order matters: when matches overlap, the earlier rule wins, so
// specific formats come first and the generic assignment rules last.
import type { PatternRule } from '../engine'
import { toSecretRule, type SecretSpec } from './secret-spec'
import { CLOUD_SECRET_SPECS } from './secrets-cloud'
import { CODE_HOST_SECRET_SPECS } from './secrets-code-hosts'
import { CONNECTION_SECRET_SPECS } from './secrets-connections'
import { GENERIC_SECRET_SPECS } from './secrets-generic'
import { PRIVATE_KEY_SPECS } from './secrets-keys'
import { SERVICE_SECRET_SPECS } from './secrets-services'

const SECRET_SPECS: SecretSpec[] = [
  ...PRIVATE_KEY_SPECS,
  ...CLOUD_SECRET_SPECS,
  ...CODE_HOST_SECRET_SPECS,
  ...SERVICE_SECRET_SPECS,
  ...CONNECTION_SECRET_SPECS,
  // Last, so any specific rule above wins on overlap.
  ...GENERIC_SECRET_SPECS,
]

export const SECRET_RULES: readonly PatternRule[] = SECRET_SPECS.map(toSecretRule)
