import check from './iam-user-access-keys-used.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, key, user, withReport } from '../../testing/builders.js';

const off = key({ active: false, lastRotated: null, lastUsedDate: null });

testCheck(check, [
  { name: 'used yesterday', inventory: withReport([user('ci', { accessKeys: [key(), off] })]), expect: [['PASS', 'ci access key 1', /used 2026-10-31 \(s3\)/]] },
  { name: 'unused for 120 days', inventory: withReport([user('ci', { accessKeys: [key({ lastUsedDate: daysAgo(120) }), off] })]), expect: [['FAIL', 'ci access key 1', /not been used for 120 days/]] },
  { name: 'never used, created a month ago', inventory: withReport([user('ci', { accessKeys: [key({ lastUsedDate: null, lastRotated: daysAgo(30) }), off] })]), expect: [['FAIL', 'ci access key 1', /never been used since it was created 2026-10-02/]] },
  { name: 'never used, created yesterday', inventory: withReport([user('ci', { accessKeys: [off, key({ lastUsedDate: null, lastRotated: daysAgo(1) })] })]), expect: [['PASS', 'ci access key 2', /is new/]] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
