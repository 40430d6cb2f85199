import { describe, expect, it } from 'vitest';
import { accountOfKeyId, keyIdKind, notGenuineKeyId } from './aws-key-id.js';

describe('accountOfKeyId', () => {
  // Vectors published independently of this project (see docs/ in the research notes).
  it.each([
    ['ASIAY34FZKBOKMUTVV7A', '609629065308'],
    ['ASIAQNZGKIQY56JQ7WML', '029608264753'],
    ['AKIASP2TPHJSQH3FJXYZ', '171436882533'],
  ])('decodes %s to %s', (id, account) => expect(accountOfKeyId(id)).toBe(account));

  it('has no account for old ids (fifth character I or J) or malformed ones', () => {
    expect(accountOfKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(accountOfKeyId('AKIAJ234567ABCDEFGHI')).toBeUndefined();
    expect(accountOfKeyId('AKIA0000')).toBeUndefined();
  });

  it('gives no account for an id whose encoded account has 13 digits, and says it is not genuine', () => {
    // 7 as the fifth character sets the account's top bits: 1,066,260,268,065 and 1,099,511,627,775.
    for (const id of ['AKIA7QQQQQQQQQQQQQQQ', 'AKIA777777777777777Q']) {
      expect(accountOfKeyId(id)).toBeUndefined();
      expect(notGenuineKeyId(id)).toMatch(/13 digits and AWS account ids have 12/);
    }
    expect(notGenuineKeyId('ASIAY34FZKBOKMUTVV7A')).toBeUndefined();
    expect(notGenuineKeyId('AKIAZQQQQQQQQQQQQQQQ')).toBeUndefined();
    expect(notGenuineKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
  });

  it('names the kind of credential from the prefix', () => {
    expect(keyIdKind('ASIAY34FZKBOKMUTVV7A')).toBe('AWS temporary access key id');
    expect(keyIdKind('ABIAY34FZKBOKMUTVV7A')).toBe('AWS STS service bearer token id');
  });
});
