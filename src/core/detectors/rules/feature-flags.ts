// Feature-flag rules: flag, gate and experiment lookups of the common SDKs and hand-rolled styles,
// environment toggles, and codenames. The value `v` is the flag name, which the message repeats (flag
// names are not secrets, they are the roadmap).
import type { PatternRule } from '../engine'

const NAME = `[A-Za-z0-9_.:/-]{2,80}`
/** `fn('name'` or `fn(user, 'name'` for any of `fns` (an alternation of identifiers). */
const call = (fns: string, notAfter = '') =>
  new RegExp(`${notAfter}\\b(?:${fns})\\(\\s*(?:[\\w.]{1,40}\\s*,\\s*)?(?<q>["'\`])(?<v>${NAME})\\k<q>`, 'g')

const flag = (
  id: string,
  title: string,
  severity: 'low' | 'info',
  keywords: string[],
  pattern: RegExp,
  sdk: string,
): PatternRule => ({
  id,
  category: 'feature-flags',
  title,
  severity,
  keywords,
  pattern,
  rejectPlaceholders: false,
  message: (v) => `${sdk} "${v}" is evaluated here: flag names reveal unreleased features and experiments.`,
})

export const FEATURE_FLAG_RULES: readonly PatternRule[] = [
  flag(
    'launchdarkly-variation',
    'LaunchDarkly flag evaluation',
    'low',
    ['variation('],
    call(
      'variation|boolVariation|stringVariation|numberVariation|jsonVariation|variationDetail|boolVariationDetail',
    ),
    'LaunchDarkly flag',
  ),
  flag(
    'launchdarkly-use-flags',
    'LaunchDarkly useFlags destructuring',
    'low',
    ['useflags('],
    /\{(?<v>[\w\s,:]{2,300})\}\s*=\s*useFlags\(/g,
    'LaunchDarkly flags',
  ),
  flag(
    'statsig-gate',
    'Statsig gate, experiment or config',
    'low',
    [
      'checkgate',
      'getfeaturegate(',
      'usegate(',
      'getexperiment(',
      'useexperiment(',
      'getdynamicconfig(',
      'getlayer(',
      'uselayer(',
    ],
    call(
      'checkGate|checkGateWithExposureLoggingDisabled|getFeatureGate|useGate|getExperiment|useExperiment|getDynamicConfig|getLayer|useLayer',
    ),
    'Statsig gate or experiment',
  ),
  flag(
    'growthbook-feature',
    'GrowthBook feature lookup',
    'low',
    ['ison(', 'isoff(', 'getfeaturevalue(', 'usefeatureison(', 'usefeaturevalue(', 'evalfeature('],
    call('isOn|isOff|getFeatureValue|useFeatureIsOn|useFeatureValue|evalFeature'),
    'Feature',
  ),
  flag(
    'unleash-toggle',
    'Unleash-style isEnabled toggle',
    'low',
    ['isenabled(', 'getvariant(', 'useflag(', 'usevariant('],
    call('isEnabled|getVariant|useFlag|useVariant', '(?<!(?:[Dd]ebug|[Ll]og|[Ll]ogger|[Tt]race)\\.)'),
    'Feature toggle',
  ),
  flag(
    'optimizely-decision',
    'Optimizely decision',
    'low',
    ['.decide(', 'getfeaturevariable', 'getenabledfeatures('],
    call('\\.decide|getFeatureVariable\\w*'),
    'Optimizely flag',
  ),
  flag(
    'split-treatment',
    'Split treatment lookup',
    'low',
    ['gettreatment'],
    call('getTreatments?(?:WithConfig)?'),
    'Split feature',
  ),
  flag(
    'flagsmith-feature',
    'Flagsmith feature check',
    'low',
    ['hasfeature('],
    call('hasFeature'),
    'Flagsmith feature',
  ),
  flag(
    'posthog-flag',
    'PostHog or Optimizely feature flag check',
    'low',
    ['isfeatureenabled(', 'getfeatureflag', 'usefeatureflag'],
    call(
      'isFeatureEnabled|getFeatureFlag|getFeatureFlagPayload|useFeatureFlagEnabled|useFeatureFlagVariantKey|useFeatureFlagPayload',
    ),
    'Feature flag',
  ),
  flag(
    'feature-flags-object',
    'Hand-rolled feature flag lookup',
    'low',
    ['featureflag', 'feature_flag'],
    /\b(?:featureFlags?|feature_flags?|FEATURE_FLAGS?)(?:\.|\[\s*["'`])(?<v>[A-Za-z_][\w-]{2,60})/g,
    'Feature flag',
  ),
  flag(
    'feature-env-toggle',
    'Feature toggle from the environment',
    'info',
    ['env', 'environ'],
    /(?:env\.|env\[\s*["'`]|getenv\(\s*["'`]|environ(?:\.get\(|\[)\s*["'`])(?<v>(?:FEATURE|FF|FLAG|ENABLE|EXPERIMENTAL?)_[A-Z0-9_]{2,60})\b/g,
    'Environment toggle',
  ),
  {
    id: 'codename',
    category: 'feature-flags',
    title: 'Internal codename',
    severity: 'low',
    keywords: ['codename', 'code name', 'code-name', 'code_name'],
    // "Nightjar is the internal codename of …": the capitalised word shortly before "codename".
    pattern: /\b(?<v>[A-Z][a-z]{2,20})\b[^\n.]{0,40}?\b[Cc]ode[-_ ]?name\b/g,
    rejectPlaceholders: false,
    message: (v) => `"${v}" is named as an internal codename: it hints at unreleased work.`,
  },
  {
    id: 'codename-assignment',
    category: 'feature-flags',
    title: 'Internal codename value',
    severity: 'info',
    keywords: ['codename', 'code name', 'code-name', 'code_name'],
    // "CODENAME = 'nightjar'", "codename: Nightjar", "code name is Nightjar".
    // Each match opens with one of the keywords.
    anchored: true,
    pattern: /\bcode[-_ ]?names?\b["']?\s*(?:[:=]|is\b|for\b)\s*["'`]?(?<v>[A-Za-z][\w-]{2,30})/gi,
    rejectPlaceholders: false,
    validate: (v) =>
      !/^(?:the|is|for|and|of|a|an|this|that|name|names|const|let|var|string|undefined|null)$/i.test(v),
    message: (v) => `"${v}" is named as an internal codename: it hints at unreleased work.`,
  },
]

/** Model identifiers reported only in files that also evaluate flags (unreleased models sit behind gates). */
export const MODEL_NAME_RULE: PatternRule = {
  id: 'model-name-near-flags',
  category: 'feature-flags',
  title: 'Model or product identifier next to feature flags',
  severity: 'info',
  keywords: ['claude-', 'gpt-', 'gemini-', 'llama-', 'mistral-', 'o1-', 'o3-', 'o4-'],
  pattern: /\b(?<v>(?:claude|gpt|gemini|llama|mistral|o[1-9])-[a-z0-9][\w.-]{1,40})/gi,
  rejectPlaceholders: false,
  message: (v) =>
    `The model identifier "${v}" appears next to feature flags: it may name an unreleased model.`,
}
