import check from './iam-user-console-mfa-enabled.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, root, user, withReport } from '../../testing/builders.js';

testCheck(check, [
  { name: 'console user with MFA', inventory: withReport([root(), user('alice')]), expect: [['PASS', 'alice']] },
  {
    name: 'console user without MFA', plan: [],
    inventory: withReport([root(), user('bob', { mfaActive: false, passwordLastUsed: daysAgo(3) })]),
    expect: [['FAIL', 'bob', /console password and no MFA device \(last signed in 2026-10-29\)/]],
  },
  {
    name: 'never-used console password without MFA still fails', plan: [],
    inventory: withReport([user('carol', { mfaActive: false, passwordLastUsed: null })]),
    expect: [['FAIL', 'carol', /never signed in/]],
  },
  {
    name: 'API-only user is not applicable',
    inventory: withReport([user('ci-deploy', { passwordEnabled: false, mfaActive: false })]),
    expect: [['NOT_APPLICABLE', 'ci-deploy']],
  },
  { name: 'root is not an IAM user', inventory: withReport([root({ mfaActive: false })]), expect: [] },
  {
    name: 'credential report denied',
    inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }),
    expect: [['UNKNOWN', '123456789012', /AccessDenied/]],
  },
]);
