// Internal-notes rules on small comments written for the test: which upper-case keys are ticket keys,
// and which addresses in comments are a person's e-mail.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONFIG_EMAIL_RULE, INTERNAL_NOTE_RULES } from '../../../src/core/detectors/rules/internal-notes'
import { expectSameMatches, scanText } from './helpers'

const notes = (comment: string) =>
  scanText('src/a.ts', `${comment}\nexport const a = 1\n`)
    .filter((f) => f.category === 'internal-notes' && f.severity !== 'info')
    .map((f) => `${f.rule} ${/ticket key (\S+) /.exec(f.message)?.[1] ?? 'email'}`)

describe('ticket keys in comments', () => {
  it('finds a project key with a number, including a two-letter one', () => {
    expect(notes('// keep in sync with the status bar (CC-1088).')).toEqual(['ticket-key-comment CC-1088'])
    expect(notes('// stopgap, see INC-4521 and OPS-77')).toEqual([
      'ticket-key-comment INC-4521',
      'ticket-key-comment OPS-77',
    ])
  })

  it('skips proposal series, terminal sequences and standards', () => {
    for (const comment of [
      '// per SEP-990 the token is not validated',
      '// replaces the old SGR-7 inverse',
      '// an OSC-52 capable terminal',
      '// BCP-47 language tags',
      '// cached (LRU-500) so calls are cheap',
      '// see KEP-1287 and EIP-1559',
    ])
      expect(notes(comment), comment).toEqual([])
  })
})

describe('e-mails in comments', () => {
  it('finds a person', () => {
    expect(notes('// ask jane.doe@corp-mail.io before changing this')).toEqual(['email-in-comment email'])
  })

  it('skips git remotes over SSH and attacker placeholders', () => {
    expect(notes('// deploy@gitlab.com:group/project.git')).toEqual([])
    expect(notes('// org-1234@github.com:owner/repo.git')).toEqual([])
    expect(notes('// echo x | mail a@evil.com')).toEqual([])
    expect(notes('// sent by x@attacker.net')).toEqual([])
  })
})

describe('comment rules per comment', () => {
  it('each comment is searched by the rules whose keywords it holds, in any case', () => {
    // The text holds `@` and `todo` elsewhere: only the comments holding them yield their findings.
    const text = [
      '// TODO: ask jane.doe@corp-mail.io',
      '/* Written by Jane Doe */',
      '// see OPS-77',
      "const at = '@'",
      '// plain words',
    ].join('\n')
    const found = scanText('src/a.ts', text)
      .filter((f) => f.category === 'internal-notes')
      .map((f) => `${f.rule} ${f.line}`)
    expect(found.sort()).toEqual([
      'author-in-comment 2',
      'email-in-comment 1',
      'ticket-key-comment 3',
      'work-note-comment 1',
    ])
  })
})

describe('the e-mail pattern', () => {
  // The local part is matched as a whole run (a lookahead's capture matched again) rather than by a
  // greedy run that may give characters back: the matches must be those of the plain form.
  const rules = [...INTERNAL_NOTE_RULES, CONFIG_EMAIL_RULE].filter((r) =>
    r.pattern.source.includes('\\k<local>@'),
  )
  const plainOf = (re: RegExp) =>
    new RegExp(
      re.source.replace('(?=(?<local>[A-Za-z0-9._%+-]{1,64}))\\k<local>@', '[A-Za-z0-9._%+-]{1,64}@'),
      'g',
    )
  const parts = fc.constantFrom(
    'ana',
    'b.c',
    'x+y',
    '%',
    '-',
    '_',
    '.',
    '@',
    'corp',
    '.io',
    '.internal',
    'a'.repeat(63),
    'b'.repeat(66),
    ' ',
    '\n',
    ':',
    '/',
    '// ',
    '# ',
    'mailto:',
    'ana@corp.io',
    'b.c@x-y.dev',
    '@corp.io',
    '@a.internal',
    ':owner/repo.git',
  )

  it('is used by the e-mail rules and finds what the plain greedy form finds', () => {
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['email-in-comment', 'email-in-config']))
    for (const rule of rules)
      expect(expectSameMatches(rule.pattern, plainOf(rule.pattern), parts, 3000)).toBeGreaterThan(30)
  })
})
