import { describe, expect, it } from 'vitest';
import { accountOfKeyId } from './aws-key-id.js';
import { canaryOwner } from './canary.js';

describe('canaryOwner', () => {
  it('knows the published canarytokens.org account of a documented canary key id, decoded offline', () => {
    expect(canaryOwner(accountOfKeyId('AKIASP2TPHJSQH3FJXYZ'))).toBe('Thinkst Canarytokens (canarytokens.org)');
  });

  it('knows look-alike honeytoken accounts, adds the configured ones, and nothing else', () => {
    expect(canaryOwner('044858866125')).toBe('a honeytoken service modelled on canarytokens.org');
    expect(canaryOwner('999988887777', ['999988887777'])).toBe('your configuration (secrets.canaryAccounts)');
    expect(canaryOwner('123456789012', ['999988887777'])).toBeUndefined();
    expect(canaryOwner(undefined)).toBeUndefined();
  });
});
