// Private key blocks in the shapes they ship in: key files, JS string literals (array of lines,
// concatenation, one escaped line), JSON, armour headers, PuTTY files; and the placeholder blocks and
// armour-writing code that must not fire. Key material is generated here, never copied.
import { describe, expect, test } from 'vitest'
import { BASE64, seededRandom, token } from '../../../src/build/sample/random'
import { keyBody } from '../../../src/core/detectors/rules/key-blocks'
import { scanText } from './helpers'

const r = seededRandom(0x6b6579)
const lines = (n: number, first = '') => [
  first + token(r, BASE64, 64 - first.length),
  ...Array.from({ length: n - 1 }, () => token(r, BASE64, 64)),
]
const PEM = lines(6, 'MIIEow')
const OPENSSH = lines(4, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQy')

/** A PGP block's lines: its armour line, one header, a blank line, the body and the end line. */
const pgpLines = (armour: string, header: string) => [
  armour,
  header,
  '',
  ...PEM,
  '-----END PGP PRIVATE KEY BLOCK-----',
]

/** The secret findings of `text` in a file at `path`, as rule@line. */
const found = (text: string, path = 'test/fixtures/key.js') =>
  scanText(path, text)
    .filter((f) => f.category === 'secrets')
    .map((f) => `${f.rule}@${f.line}`)

describe('private key blocks', () => {
  test('a key file is found on its armour line, the body never in the excerpt', () => {
    const text = ['-----BEGIN RSA PRIVATE KEY-----', ...PEM, '-----END RSA PRIVATE KEY-----', ''].join('\n')
    const findings = scanText('test/fixtures/id_rsa', text).filter((f) => f.category === 'secrets')
    expect(findings.map((f) => `${f.rule}@${f.line}`)).toEqual(['private-key-pem@1'])
    expect(findings[0].excerpt).toBe('-----BEGIN RSA PRIVATE KEY-----')
  })

  test('armour headers before the body (encrypted PEM, PGP)', () => {
    const pem = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-128-CBC,0A1B2C3D4E5F60718293A4B5C6D7E8F9',
      '',
      ...PEM,
      '-----END RSA PRIVATE KEY-----',
    ]
    expect(found(pem.join('\n'))).toEqual(['private-key-pem@1'])
    const pgp = [
      'x',
      '-----BEGIN PGP PRIVATE KEY BLOCK-----',
      'Version: GnuPG v1',
      'Comment: a comment: with colons',
      '',
      ...PEM,
      '=AbCd',
      '-----END PGP PRIVATE KEY BLOCK-----',
    ]
    expect(found(pgp.join('\n'))).toEqual(['private-key-pgp@2'])
  })

  test('as an array of JS string lines', () => {
    const block = pgpLines('-----BEGIN PGP PRIVATE KEY BLOCK-----\t \\r', 'Version: OpenPGP.js v0.3.0')
    const text = `var privKey =\n  [${block.map((l) => `'${l}'`).join(',\n  ')}].join('\\n');\n`
    expect(found(text)).toEqual(['private-key-pgp@2'])
  })

  test('as a concatenation of JS strings with escaped line breaks', () => {
    const block = pgpLines('-----BEGIN PGP PRIVATE KEY BLOCK-----', 'Version: GnuPG v2')
    const text = `var armored =\n\t${block.map((l) => `'${l}\\n'`).join(' +\n\t')};\n`
    expect(found(text)).toEqual(['private-key-pgp@2'])
  })

  test('split across two concatenated strings with \\r\\n escapes (a short Ed25519 key)', () => {
    const body = 'MC4CAQAwBQYDK2VwBCIEI' + token(r, BASE64, 43)
    const text = `const key =\n  '-----BEGIN PRIVATE KEY-----\\r\\n${body.slice(0, 32)}'\n  + '${body.slice(32)}\\r\\n-----END PRIVATE KEY-----';\n`
    expect(found(text, 'lib/constants.js')).toEqual(['private-key-pem@2'])
  })

  test('on one escaped line in JSON, and in a template literal', () => {
    const json = `{\n  "type": "ssh-rsa",\n  "private": "-----BEGIN RSA PRIVATE KEY-----\\n${PEM.join('\\n')}\\n-----END RSA PRIVATE KEY-----"\n}\n`
    const findings = scanText('test/fixtures/key.result', json).filter((f) => f.category === 'secrets')
    expect(findings.map((f) => `${f.rule}@${f.line}`)).toEqual(['private-key-pem@3'])
    expect(findings[0].excerpt).not.toMatch(/[A-Za-z0-9+/]{20}/)
    const template = `// a test key\nlet k = \`-----BEGIN RSA PRIVATE KEY-----\n${PEM.join('\n')}\n-----END RSA PRIVATE KEY-----\`\n`
    expect(found(template)).toEqual(['private-key-pem@2'])
  })

  test('an unencrypted OpenSSH key, whose body holds long runs of A', () => {
    const text = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      ...OPENSSH,
      '-----END OPENSSH PRIVATE KEY-----',
    ].join('\n')
    expect(found(text, 'test/fixtures/openssh_new_ed25519')).toEqual(['private-key-openssh@1'])
    // A body that is not the openssh-key-v1 format is not an OpenSSH key.
    const other = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...PEM, '-----END OPENSSH PRIVATE KEY-----'].join(
      '\n',
    )
    expect(found(other)).toEqual([])
  })

  test('a PuTTY key with public lines longer than a few hundred characters', () => {
    const text = [
      'PuTTY-User-Key-File-2: ssh-rsa',
      'Encryption: none',
      'Comment: rsa-key',
      'Public-Lines: 6',
      ...lines(6),
      'Private-Lines: 14',
      ...lines(14),
      'Private-MAC: ' + token(r, '0123456789abcdef', 40),
    ].join('\n')
    expect(found(text, 'test/fixtures/ppk_rsa')).toEqual(['private-key-putty@1'])
    expect(found(text.replace(/Private-Lines: 14[\s\S]*/, 'Private-Lines: 0\n'))).toEqual([])
  })

  test('a PKCS#8 RSA key as one base64 line without armour', () => {
    const text = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ' + token(r, BASE64, 1500) + '\n'
    expect(found(text, 'test/static/singleline.key')).toEqual(['private-key-pkcs8-unarmoured@1'])
    // The same prefix in an armoured body is the PEM block's, reported once.
    const pem = [
      '-----BEGIN PRIVATE KEY-----',
      ...text.trim().match(/.{1,64}/g)!,
      '-----END PRIVATE KEY-----',
    ].join('\n')
    expect(found(pem)).toEqual(['private-key-pem@1'])
    // A short run (a header of the format in a parser) is not a key.
    expect(found('const prefix = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"\n')).toEqual([])
  })

  test.each([
    ['elided body', '-----BEGIN RSA PRIVATE KEY-----\n...\nKh9NV...\n...\n-----END RSA PRIVATE KEY-----'],
    [
      'angle-bracket text',
      '-----BEGIN PRIVATE KEY-----\n<private key contents here, 64 characters per row>\n-----END PRIVATE KEY-----',
    ],
    ['empty block', 'const k = `-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----`'],
    ['x placeholder', "private_key:'-----BEGIN PRIVATE KEY-----xxxxxxx\\n-----END PRIVATE KEY-----\\n',"],
    [
      'a long x placeholder',
      `-----BEGIN PRIVATE KEY-----\n${'x'.repeat(64)}\n${'X'.repeat(64)}\n-----END PRIVATE KEY-----`,
    ],
    ['armour writer', 'result += "-----BEGIN PGP PRIVATE KEY BLOCK-----\\r\\n";\nresult += addheader();'],
    [
      'wrapping code',
      "const wrapped = [\n  '-----BEGIN PRIVATE KEY-----',\n  ...key.match(/.{1,64}/g),\n  '-----END PRIVATE KEY-----',\n]",
    ],
    ['generator', "let privateB64 = '-----BEGIN OPENSSH PRIVATE KEY-----\\n';\nlet publicB64;"],
    [
      'regular expression',
      'const RE = /^-----BEGIN OPENSSH PRIVATE KEY-----(?:\\r\\n|\\n)([\\s\\S]+)(?:\\r\\n|\\n)-----END OPENSSH PRIVATE KEY-----$/',
    ],
    [
      'header compared in a test',
      'let head = "-----BEGIN ENCRYPTED PRIVATE KEY-----";\nexpect(pem.startsWith(head))',
    ],
  ])('%s is not a key', (_name, text) => {
    expect(found(text + '\n', 'docs/example.js')).toEqual([])
    expect(found(text + '\n', 'README.md')).toEqual([])
  })

  test('the body scan stops where the block ends and reads no further than its limit', () => {
    const text =
      '-----BEGIN PRIVATE KEY-----\n' + PEM.join('\n') + '\n-----END PRIVATE KEY-----\n' + PEM.join('\n')
    const from = text.indexOf('\n')
    const body = keyBody(text, from)!
    expect(text.slice(body.start, body.end)).toBe(PEM.join('\n'))
    // A body starting past the scan window is not read.
    expect(keyBody(' '.repeat(20_000) + PEM.join('\n'), 0)).toBeNull()
  })

  test('many armour lines without bodies stay linear (each walk ends at its own block)', () => {
    const line = token(r, BASE64, 64)
    const repeated = (unit: string) => unit.repeat(Math.ceil(2_000_000 / unit.length))
    for (const text of [
      repeated(`PuTTY-User-Key-File-2: ssh-rsa\nComment: c\n${line}\n`),
      repeated('PuTTY-User-Key-File-2: ssh-rsa Comment: '),
      repeated('-----BEGIN PGP PRIVATE KEY BLOCK-----Version: '),
      repeated(`-----BEGIN PRIVATE KEY-----\n${line.slice(0, 30)}\n`),
    ]) {
      expect(found(text, 'big.txt')).toEqual([])
    }
  })
})
