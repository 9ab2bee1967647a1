// Building blocks of the secret rule tables (rules/secrets-*.ts, run in the order of rules/secrets.ts).
import type { Severity } from '../../report/model'
import type { PatternRule } from '../engine'

export interface SecretSpec {
  id: string
  title: string
  severity: Severity
  keywords: string[]
  /** See PatternRule.anchored. */
  anchored?: boolean
  /** See PatternRule.anchorOffset. */
  anchorOffset?: number
  pattern: RegExp
  minEntropy?: number
  validate?: (value: string, match: RegExpExecArray) => boolean
  /** See PatternRule.rejectPlaceholders. */
  rejectPlaceholders?: boolean
  /** See PatternRule.valueAfter. */
  valueAfter?: PatternRule['valueAfter']
  appliesTo?: 'code' | 'non-code'
}

export const toSecretRule = (s: SecretSpec): PatternRule => ({
  ...s,
  category: 'secrets',
  message: `${s.title} found in the exposed file: anyone with the artifact can use it; revoke and rotate it.`,
})

/** A value must end where a token character cannot continue it. */
export const END = '(?![A-Za-z0-9_-])'
export const t = (source: string, flags = 'g') => new RegExp(source, flags)

/** A secret assigned to a name containing one of `names`: `name = "value"`, `name: 'value'`, `"name":"value"`. */
export const assigned = (names: string, value: string) =>
  t(`(?:${names})[\\w.-]{0,30}["']?\\s*(?:[:=]|=>|:=)\\s*["'\`]?(?<v>${value})(?![A-Za-z0-9_+/=-])`, 'gi')
