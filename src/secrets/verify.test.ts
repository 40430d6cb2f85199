import { describe, expect, it } from 'vitest';
import type { SecretFinding } from './findings.js';
import type { Secret } from './scan.js';
import { verifyPlan } from './verify.js';

const finding = (extra: Partial<SecretFinding>): SecretFinding => ({
  fingerprint: 'aws-access-key-id:0', rule: 'aws-access-key-id', type: 'AWS access key id', severity: 'critical', preview: 'AKIA… (20 chars)',
  location: { path: 'a.sh', line: 1 }, locations: [], occurrences: 1, paths: ['a.sh'], ...extra,
});

describe('verifyPlan', () => {
  it('never calls STS with a key id that is not genuine, and says why; a genuine pair is called', () => {
    const fake: Secret = { finding: finding({ severity: 'medium', notGenuine: 'the account number it encodes has 13 digits' }), keyId: 'AKIA7QQQQQQQQQQQQQQQ', secretKey: 'x'.repeat(40) };
    const real: Secret = { finding: finding({ accountId: '111122223333' }), keyId: 'AKIAQQQQQQQQQQQQQQQQ', secretKey: 'y'.repeat(40) };
    const plan = verifyPlan([fake, real], undefined);
    expect(plan.call).toEqual([real]);
    expect(plan.skip.map((s) => s.secret)).toEqual([fake]);
    expect(plan.skip[0]!.reason).toContain('not a genuine key id (the account number it encodes has 13 digits)');
  });
});
