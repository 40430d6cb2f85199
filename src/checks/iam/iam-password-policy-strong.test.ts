import check from './iam-password-policy-strong.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import { DEFAULT_CONFIG } from '../../config/schema.js';
import type { PasswordPolicy } from '../../inventory/schema.js';

const strong: PasswordPolicy = {
  minimumLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercase: true,
  requireLowercase: true,
  allowUsersToChange: true,
  maxAgeDays: 90,
  reusePrevention: 24,
  hardExpiry: false,
};
const { maxAgeDays: _never, ...noExpiry } = strong;
const withPolicy = (policy: PasswordPolicy | null) => inventory({ iam: { passwordPolicy: collected(policy) } });

testCheck(check, [
  { name: 'meets everything', inventory: withPolicy(strong), expect: [['PASS', '123456789012']] },
  { name: 'no policy (NoSuchEntity)', plan: [{ key: 'iam:set-password-policy', risk: 'may-disrupt', calls: ['iam:UpdateAccountPasswordPolicy'] }], inventory: withPolicy(null), expect: [['FAIL', '123456789012', /no password policy/]] },
  {
    name: 'every weak setting is listed', plan: [{ key: 'iam:set-password-policy', risk: 'may-disrupt', calls: ['iam:UpdateAccountPasswordPolicy'] }],
    inventory: withPolicy({ ...noExpiry, minimumLength: 8, requireSymbols: false, requireLowercase: false, reusePrevention: 5 }),
    expect: [['FAIL', '123456789012', /minimum length 8 \(want 14\); no lowercase letter required; no symbol required; 5 previous passwords remembered \(want 24\); passwords never expire \(want 90\)$/]],
  },
  { name: 'a too long maximum age', plan: [{ key: 'iam:set-password-policy', risk: 'may-disrupt', calls: ['iam:UpdateAccountPasswordPolicy'] }], inventory: withPolicy({ ...strong, maxAgeDays: 365 }), expect: [['FAIL', '123456789012', /maximum age 365 days \(want 90\)/]] },
  {
    name: 'a team that chose 12 characters in its config',
    inventory: withPolicy({ ...strong, minimumLength: 12 }),
    config: { ...DEFAULT_CONFIG, passwordPolicy: { ...DEFAULT_CONFIG.passwordPolicy, minLength: 12 } },
    expect: [['PASS', '123456789012']],
  },
  { name: 'denied', inventory: inventory({ iam: { passwordPolicy: accessDenied('iam:GetAccountPasswordPolicy') } }), expect: [['UNKNOWN', '123456789012', /grant iam:GetAccountPasswordPolicy/]] },
]);
