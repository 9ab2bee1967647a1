// Secret rules for private keys. Each regex matches the armour line only; the body after it is read
// by rules/key-blocks.ts, and the finding is placed on the armour line. Same shape and conventions as
// the other rules/secrets-*.ts files; rules/secrets.ts runs them all in its order.
import { keyBody, opensshBody, puttyBody } from './key-blocks'
import { END, t, type SecretSpec } from './secret-spec'

export const PRIVATE_KEY_SPECS: SecretSpec[] = [
  // Each regex matches the armour line only; the body after it is read by rules/key-blocks.ts, and
  // the finding is placed on the armour line.
  {
    id: 'private-key-pem',
    title: 'PEM private key',
    severity: 'critical',
    keywords: ['private key-----'],
    pattern: t(`-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----`),
    valueAfter: keyBody,
  },
  {
    id: 'private-key-openssh',
    title: 'OpenSSH private key',
    severity: 'critical',
    keywords: ['openssh private key'],
    pattern: t(`-----BEGIN OPENSSH PRIVATE KEY-----`),
    valueAfter: opensshBody,
  },
  {
    id: 'private-key-pgp',
    title: 'PGP private key block',
    severity: 'critical',
    keywords: ['pgp private key block'],
    pattern: t(`-----BEGIN PGP PRIVATE KEY BLOCK-----`),
    valueAfter: keyBody,
  },
  {
    id: 'private-key-putty',
    title: 'PuTTY private key',
    severity: 'critical',
    keywords: ['putty-user-key-file'],
    pattern: t(`PuTTY-User-Key-File-\\d: [\\w-]{1,40}`),
    valueAfter: puttyBody,
  },
  {
    id: 'private-key-pkcs8-unarmoured',
    title: 'RSA private key (PKCS#8, base64 without armour)',
    severity: 'critical',
    keywords: ['ibadanbgkqhkig9w0baqefaas'],
    // The DER prefix of an RSA PrivateKeyInfo (version 0, rsaEncryption) and a key-sized run after it.
    pattern: t(
      `(?<![A-Za-z0-9+/])(?<v>MII[A-Za-z0-9+/]{3}IBADANBgkqhkiG9w0BAQEFAAS[A-Za-z0-9+/]{600,}={0,2})`,
    ),
    // Random base64 (about 6 bits per character) can spell a placeholder word by chance.
    rejectPlaceholders: false,
    minEntropy: 5,
  },
  {
    id: 'age-secret-key',
    title: 'age encryption secret key',
    severity: 'critical',
    keywords: ['age-secret-key-1'],
    pattern: t(`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${END}`),
  },
]
