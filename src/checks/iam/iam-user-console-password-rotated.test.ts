import check from './iam-user-console-password-rotated.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, user, withReport } from '../../testing/builders.js';

testCheck(check, [
  { name: 'changed a month ago', inventory: withReport([user('alice', { passwordLastChanged: daysAgo(30) })]), expect: [['PASS', 'alice', /30 days old/]] },
  { name: 'a year old', plan: [{ key: 'iam:require-password-reset:bob', risk: 'may-disrupt', calls: ['iam:UpdateLoginProfile'] }], inventory: withReport([user('bob', { passwordLastChanged: daysAgo(365) })]), expect: [['FAIL', 'bob', /365 days old \(set 2025-11-01; limit 90 days\)/]] },
  { name: 'never changed since creation', plan: [{ key: 'iam:require-password-reset:carol', risk: 'may-disrupt', calls: ['iam:UpdateLoginProfile'] }], inventory: withReport([user('carol', { passwordLastChanged: null, userCreationTime: daysAgo(200) })]), expect: [['FAIL', 'carol', /200 days old/]] },
  { name: 'no console password', inventory: withReport([user('ci', { passwordEnabled: false })]), expect: [['NOT_APPLICABLE', 'ci']] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
