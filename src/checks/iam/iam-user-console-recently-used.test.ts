import check from './iam-user-console-recently-used.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, user, withReport } from '../../testing/builders.js';

testCheck(check, [
  { name: 'signed in yesterday', inventory: withReport([user('alice')]), expect: [['PASS', 'alice', /signed in 2026-10-31/]] },
  { name: 'idle for 100 days', plan: [], inventory: withReport([user('bob', { passwordLastUsed: daysAgo(100) })]), expect: [['FAIL', 'bob', /not signed in for 100 days/]] },
  { name: 'created yesterday, not used yet', inventory: withReport([user('new', { passwordLastUsed: null, passwordLastChanged: null, userCreationTime: daysAgo(1) })]), expect: [['PASS', 'new', /not signed in yet/]] },
  { name: 'never used in a year', plan: [], inventory: withReport([user('ghost', { passwordLastUsed: null, passwordLastChanged: daysAgo(365) })]), expect: [['FAIL', 'ghost', /never signed in since the password was set 2025-11-01/]] },
  { name: 'API-only user', inventory: withReport([user('ci', { passwordEnabled: false })]), expect: [['NOT_APPLICABLE', 'ci']] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
