import check from './iam-root-not-used-recently.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, centrallyManagedRoot, daysAgo, inventory, key, root, rootFromSummary, withReport } from '../../testing/builders.js';
import { DEFAULT_CONFIG } from '../../config/schema.js';

const unused = key({ active: false, lastRotated: null, lastUsedDate: null });

testCheck(check, [
  { name: 'last sign-in long ago', inventory: withReport([root({ passwordLastUsed: daysAgo(200) })]), expect: [['PASS', 'root', /last used 2026-04-15 \(password sign-in\), over 90 days ago/]] },
  { name: 'never used', inventory: withReport([root({ passwordLastUsed: null })]), expect: [['PASS', 'root', /no recorded sign-in/]] },
  { name: 'no_information is not a use', inventory: withReport([root({ passwordLastUsed: 'no_information' })]), expect: [['PASS', 'root']] },
  { name: 'signed in last week', inventory: withReport([root({ passwordLastUsed: daysAgo(7) })]), expect: [['FAIL', 'root', /password sign-in on 2026-10-25/]] },
  {
    name: 'the second key was used, not the first: both are looked at',
    inventory: withReport([root({ passwordLastUsed: daysAgo(300), accessKeys: [key({ lastUsedDate: daysAgo(400) }), key({ lastUsedDate: daysAgo(5) })] })]),
    expect: [['FAIL', 'root', /access key 2 on 2026-10-27$/]],
  },
  {
    name: 'a shorter window from the config',
    inventory: withReport([root({ passwordLastUsed: daysAgo(45), accessKeys: [unused, unused] })]),
    config: { ...DEFAULT_CONFIG, thresholds: { ...DEFAULT_CONFIG.thresholds, rootUseWindowDays: 30 } },
    expect: [['PASS', 'root', /over 30 days ago/]],
  },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
  { name: 'no root row: only the report dates root use', inventory: rootFromSummary({ mfaEnabled: true, accessKeysPresent: false }), expect: [['UNKNOWN', 'root', /credential report has no root row/]] },
  { name: 'a member whose root credentials the organisation manages', inventory: centrallyManagedRoot(), expect: [['PASS', 'root', /root cannot sign in/]] },
]);
