import check from './iam-root-access-keys-absent.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, centrallyManagedRoot, daysAgo, inventory, key, root, rootFromSummary, withReport } from '../../testing/builders.js';

const none = key({ active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null });

testCheck(check, [
  { name: 'no root keys', inventory: withReport([root()]), expect: [['PASS', 'root']] },
  { name: 'an active root key', plan: [], inventory: withReport([root({ accessKeys: [key({ lastUsedDate: daysAgo(2) }), none] })]), expect: [['FAIL', 'root', /active key 1 \(last used 2026-10-30\)/]] },
  { name: 'the second slot only, never used', plan: [], inventory: withReport([root({ accessKeys: [none, key({ lastUsedDate: null })] })]), expect: [['FAIL', 'root', /active key 2 \(never used\)/]] },
  { name: 'an inactive key still exists', plan: [], inventory: withReport([root({ accessKeys: [key({ active: false, lastRotated: daysAgo(400) }), none] })]), expect: [['FAIL', 'root', /inactive key 1 created/]] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GenerateCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
  { name: 'no root row: GetAccountSummary counts a root key', plan: [], inventory: rootFromSummary({ mfaEnabled: true, accessKeysPresent: true }), expect: [['FAIL', 'root', /AccountAccessKeysPresent/]] },
  { name: 'no root row: GetAccountSummary counts none', inventory: rootFromSummary({ mfaEnabled: true, accessKeysPresent: false }), expect: [['PASS', 'root', /no access keys \(from GetAccountSummary/]] },
  { name: 'a member whose root credentials the organisation manages', inventory: centrallyManagedRoot(), expect: [['PASS', 'root', /manages this member account's root credentials centrally/]] },
]);
