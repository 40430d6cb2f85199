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

/** Real account ids have 12 digits; the 40 bits that hold one in a key id can say up to 1,099,511,627,775. */
const ACCOUNT_LIMIT = 10n ** 12n;

/**
 * The number characters 5–20 of a key id hold where newer ids keep their account: base32, and
 * bits 1–40 of the first 48 (after one flag bit) are the account number shifted left by 7. Ids
 * whose fifth character is I or J predate this encoding and carry no account.
 */
function encodedAccount(keyId: string): bigint | undefined {
  if (keyId.length !== 20 || keyId[4] === 'I' || keyId[4] === 'J') return undefined;
  let bits = 0n;
  for (const ch of keyId.slice(4, 14)) {
    const value = BASE32.indexOf(ch);
    if (value < 0) return undefined;
    bits = (bits << 5n) | BigInt(value);
  }
  // Ten base32 characters are 50 bits; the first 48 are the 6 bytes the account lives in.
  return ((bits >> 2n) & 0x7fffffffff80n) >> 7n;
}

/** The 12-digit account that owns a key id, decoded offline; none for old ids and for impossible ones. */
export function accountOfKeyId(keyId: string): string | undefined {
  const account = encodedAccount(keyId);
  return account !== undefined && account < ACCOUNT_LIMIT ? account.toString().padStart(12, '0') : undefined;
}

/**
 * Why a key id cannot have been issued by AWS, when it cannot: the account it encodes has 13
 * digits, which no account has. The id carries no checksum, so this is the one offline test it
 * can fail; a made-up or test value (a random string of the right shape) fails it about one time in ten.
 */
export function notGenuineKeyId(keyId: string): string | undefined {
  const account = encodedAccount(keyId);
  if (account === undefined || account < ACCOUNT_LIMIT) return undefined;
  return `the account number it encodes has ${account.toString().length} digits and AWS account ids have 12: a made-up or test value, not a key AWS issued`;
}
