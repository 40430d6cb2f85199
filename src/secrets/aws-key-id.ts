/**
 * AWS access key ids: the prefixes that mark credentials, and the account id encoded in newer ids.
 * Identifier prefixes such as AIDA (user), AROA (role) or ANPA (policy) name things, not credentials.
 */
export const CREDENTIAL_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'] as const;

const KIND: Record<string, string> = {
  AKIA: 'AWS access key id',
  ASIA: 'AWS temporary access key id',
  ABIA: 'AWS STS service bearer token id',
  ACCA: 'AWS context-specific credential id',
};

export function keyIdKind(keyId: string): string {
  return KIND[keyId.slice(0, 4)] ?? 'AWS access key id (legacy A3T prefix)';
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The 12-digit account that owns a key id, decoded offline: characters 5–20 are base32, and bits
 * 1–40 of the first 48 (after one flag bit) hold the account number shifted left by 7. Ids whose
 * fifth character is I or J predate this encoding and carry no account.
 */
export function accountOfKeyId(keyId: string): string | undefined {
  if (keyId.length !== 20 || keyId[4] === 'I' || keyId[4] === 'J') return undefined;
  let bits = 0n;
  for (const ch of keyId.slice(4, 14)) {
    const value = BASE32.indexOf(ch);
    if (value < 0) return undefined;
    bits = (bits << 5n) | BigInt(value);
  }
  // Ten base32 characters are 50 bits; the first 48 are the 6 bytes the account lives in.
  const z = bits >> 2n;
  return ((z & 0x7fffffffff80n) >> 7n).toString().padStart(12, '0');
}
