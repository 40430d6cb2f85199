import check from './iam-user-access-keys-rotated.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, key, root, user, withReport } from '../../testing/builders.js';

const off = key({ active: false, lastRotated: daysAgo(900), lastUsedDate: null });

testCheck(check, [
  { name: 'a young key', inventory: withReport([user('ci', { accessKeys: [key({ lastRotated: daysAgo(20) }), off] })]), expect: [['PASS', 'ci access key 1', /20 days old/]] },
  { name: 'an old key', inventory: withReport([user('ci', { accessKeys: [off, key({ lastRotated: daysAgo(400) })] })]), expect: [['FAIL', 'ci access key 2', /400 days old \(created 2025-09-27; limit 90 days\)/]] },
  { name: 'one finding per active key', inventory: withReport([user('ci', { accessKeys: [key({ lastRotated: daysAgo(91) }), key({ lastRotated: daysAgo(2) })] })]), expect: [['FAIL', 'ci access key 1'], ['PASS', 'ci access key 2']] },
  { name: 'inactive keys and root keys are not this check', inventory: withReport([root({ accessKeys: [key({ lastRotated: daysAgo(900) }), off] }), user('old', { accessKeys: [off, off] })]), expect: [] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
