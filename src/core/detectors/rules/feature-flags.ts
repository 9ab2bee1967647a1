// Feature-flag rules: flag, gate and experiment lookups of the common SDKs and hand-rolled styles,
// environment toggles, and codenames. The value `v` is the flag name, which the message repeats (flag
// names are not secrets, they are the roadmap).
import type { PatternRule } from '../engine'

const NAME = `[A-Za-z0-9_.:/-]{2,80}`
/** `fn('name'` or `fn(user, 'name'` for any of `fns` (an alternation of identifiers). */
const call = (fns: string, notAfter = '') =>
  new RegExp(`${notAfter}\\b(?:${fns})\\(\\s*(?:[\\w.]{1,40}\\s*,\\s*)?(?<q>["'\`])(?<v>${NAME})\\k<q>`, 'g')

/** Names that documentation gives as examples (`my-feature`, `your_flag`, `exampleGate`, `foo`):
 *  a doc comment showing how to call an SDK names no feature. */
const EXAMPLE_NAME = /^(?:my|your|some|example|sample|placeholder|foo|bar|baz)(?:[-_.:A-Z0-9]|$)/
export const isExampleFlagName = (name: string): boolean => EXAMPLE_NAME.test(name)

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
  validate: (v) => !isExampleFlagName(v),
  message: (v) => `${sdk} "${v}" is evaluated here: flag names reveal unreleased features and experiments.`,
})

/** A helper whose name says it reads a gate: one of its words (camelCase or snake_case) is gate, flag,
 *  experiment or feature, or it reads a dynamic/remote config (`checkGate_CACHED`, `getFeatureValue`,
 *  `isFlagOn`, `use_experiment`, `useDynamicConfig`). `navigate`, `configure`, `hasFlag` (a command-line
 *  switch), `flagged`, capability checks (`isFeatureSupported`, a device's `hasFeature`), telemetry (`performanceMarkFeature`,
 *  `trackExperiment`), display and grouping helpers (`formatFlag`, `groupByFlag`, `printFeature`) and
 *  warnings about a feature (`missingFeatureWarning`, `warnExperimental`) are not. */
const GATE_WORD =
  /(?:^|_|[a-z0-9$])(?:Gates?|Flags?|Experiments?|Features?)(?![a-z])|(?:^|_)(?:gates?|flags?|experiments?|features?)(?![a-z])|(?:^|_|[a-z0-9$])(?:GATES?|FLAGS?|EXPERIMENTS?|FEATURES?)(?![A-Za-z])|(?:Dynamic|Remote)Config/
const NOT_GATE_HELPER =
  /^(?:has|set|add|remove|parse|get)?(?:Flags?|flags?)$|^(?:has|supports?)Features?$|^(?:features?|Features?)$|^(?:add|set|register|describe|define|it|test)Feature$|(?:Supported|Available|Detect(?:ed|ion)?)$|(?:^|[a-z])(?:[Mm]ark|[Tt]rack|[Ll]og|[Rr]ecord|[Rr]eport|[Ee]mit|[Ss]end|[Ff]ormat|[Gg]roup|[Pp]rint|[Ww]arn|[Mm]issing)(?![a-z])|(?:Warning|Error|Message)s?$/

export const isGateHelper = (name: string): boolean => GATE_WORD.test(name) && !NOT_GATE_HELPER.test(name)

/** Flag names worth reporting: an identifier-like key, not a sentence, a path or a CSS selector. */
const FLAG_NAME = `[A-Za-z][\\w.:-]{1,80}`

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
    call('isEnabled|getVariant|useFlag|useVariant', '(?<!(?:[Dd]ebug|[Ll]og|[Ll]ogger|[Tt]race)\\??\\.)'),
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
    // Flagsmith's client is read as `flagsmith.hasFeature(…)`; a renderer's or a device's
    // `hasFeature('float32-filterable')` asks what the hardware supports.
    call('[Ff]lagsmith\\.hasFeature'),
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
    // "Nightjar is the internal codename of …": a capitalised name said to be a codename. A sentence
    // that only uses the word ("prevent codename leaks", "Add the codename to …") names none.
    pattern:
      /\b(?<v>[A-Z][a-z]{2,20})\b,? (?:is|was|will be|becomes) (?:(?:the|our|an?|its|their) )?(?:[\w-]+ ){0,2}?code[-_ ]?name\b/g,
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
  {
    id: 'compile-time-feature-gate',
    category: 'feature-flags',
    title: 'Compile-time feature gate',
    severity: 'low',
    keywords: ['feature('],
    // `feature('KAIROS')`: a bundler macro (bun:bundle and the like) that keeps or drops the code
    // behind it at build time; the names are the unreleased features themselves.
    pattern: /(?<![\w$.])feature\(\s*(?<q>["'])(?<v>[A-Z][A-Z0-9_]{1,60})\k<q>\s*\)/g,
    rejectPlaceholders: false,
    message: (v) =>
      `Compile-time feature gate "${v}": the build keeps or drops the code behind it, and the name says what is unreleased.`,
  },
  {
    id: 'feature-define',
    category: 'feature-flags',
    title: 'Build-time feature define',
    severity: 'low',
    keywords: ['__feature_', '__ff_', '__flag_', '__experiment', '__enable_'],
    // `__FEATURE_NEW_EDITOR__`: a define the bundler replaces with true or false.
    pattern: /(?<![\w$])__(?<v>(?:FEATURE|FF|FLAG|EXPERIMENT(?:AL)?|ENABLE)_[A-Z0-9_]{2,60})__(?![\w$])/g,
    rejectPlaceholders: false,
    message: (v) => `Build-time feature define "${v}" is read here: flag names reveal unreleased features.`,
  },
  {
    id: 'gate-helper-call',
    category: 'feature-flags',
    title: 'Gate, flag or experiment read through a helper',
    severity: 'low',
    keywords: ['gate', 'flag', 'experiment', 'feature', 'dynamicconfig', 'remoteconfig'],
    // Only a helper whose name holds one of the keywords is kept (isGateHelper), so the regex is
    // tried only where such an identifier begins, not at every identifier of the text.
    anchored: true,
    anchorAtIdentifier: true,
    // `checkGate_CACHED_OR_BLOCKING('my_gate')`, `getFeatureValue<T>(\n 'name', …)`: the helper's
    // name says it reads a gate (isGateHelper), its first argument is the gate's name. Type arguments
    // nest one level and hold no `(`, `;` or `=`, so a match never spans from an earlier `Promise<T> {`.
    // The name is taken whole, never given back (a lookahead's capture matched again): only a whole
    // identifier can be followed by what follows it, and trying each shorter one cost a fifth more.
    pattern: new RegExp(
      `(?<![\\w$])(?=(?<fn>[A-Za-z_$][\\w$]{2,60}))\\k<fn>\\s*(?:<(?:[^()<>;=]|<[^()<>;=]{0,100}>){1,200}>)?\\(\\s*(?<q>["'\`])(?<v>${FLAG_NAME})\\k<q>`,
      'g',
    ),
    rejectPlaceholders: false,
    validate: (v, m) => isGateHelper(m.groups!.fn) && !isExampleFlagName(v),
    message: (v) =>
      `Gate or experiment "${v}" is read here: flag names reveal unreleased features and experiments.`,
  },
  {
    id: 'gate-name-constant',
    category: 'feature-flags',
    title: 'Gate or experiment name in a constant',
    severity: 'low',
    keywords: ['_gate', '_flag', '_experiment', '_feature', '_config_name'],
    // `const MEMORY_SURVEY_GATE = 'name'`, `SINK_KILLSWITCH_CONFIG_NAME: 'name'`. A constant that
    // holds its own name (`DEPRECATED_FEATURE = 'DEPRECATED_FEATURE'`) is a code of an enum-like
    // table (log codes, error codes), not a gate's name.
    pattern: new RegExp(
      `(?<![\\w$])(?<k>[A-Z][A-Z0-9_]{0,60}_(?:(?:GATE|FLAG|EXPERIMENT|FEATURE)(?:_(?:NAME|KEY|ID))?|CONFIG_NAME))\\s*[:=]\\s*(?<q>["'\`])(?<v>${FLAG_NAME})\\k<q>`,
      'g',
    ),
    rejectPlaceholders: false,
    validate: (v, m) => v !== m.groups!.k && !isExampleFlagName(v),
    message: (v) =>
      `Gate or experiment "${v}" is named here: flag names reveal unreleased features and experiments.`,
  },
]

/** Model identifiers, reported only on a line that also reads a gate (unreleased models sit behind gates). */
export const MODEL_NAME_RULE: PatternRule = {
  id: 'model-name-near-flags',
  category: 'feature-flags',
  title: 'Model or product identifier next to feature flags',
  severity: 'info',
  keywords: ['claude-', 'gpt-', 'gemini-', 'llama-', 'mistral-', 'o1-', 'o3-', 'o4-'],
  pattern: /\b(?<v>(?:claude|gpt|gemini|llama|mistral|o[1-9])-[a-z0-9][\w.-]{1,40})/gi,
  rejectPlaceholders: false,
  // A model id has a version number in its first words (`claude-3-5-sonnet`, `claude-opus-4`,
  // `gpt-4o`); `claude-code` and `claude-cli-external-build-2195` are not model ids.
  validate: (v) => /^[a-z0-9]+-(?:[a-z]+-)?\d/i.test(v),
  message: (v) => `The model identifier "${v}" sits next to a feature gate: it may name an unreleased model.`,
}
