import check from './iam-root-mfa-enabled.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, centrallyManagedRoot, inventory, root, rootFromSummary, user, withReport } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'root with MFA', inventory: withReport([root(), user('alice')]), expect: [['PASS', 'root']] },
  { name: 'root without MFA', plan: [], inventory: withReport([root({ mfaActive: false })]), expect: [['FAIL', 'root', /no MFA device/]] },
  {
    name: 'credential report denied',
    inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }),
    expect: [['UNKNOWN', '123456789012', /grant iam:GetCredentialReport/]],
  },
  {
    name: 'report without a root row is not a pass',
    inventory: inventory({ iam: { credentialReport: collected([user('alice')]) } }),
    expect: [['UNKNOWN', '123456789012', /no <root_account> row/]],
  },
  { name: 'report not in a saved inventory', inventory: inventory(), expect: [['UNKNOWN', '123456789012', /not collected/]] },
  { name: 'no root row: GetAccountSummary says MFA is on', inventory: rootFromSummary({ mfaEnabled: true, accessKeysPresent: false }), expect: [['PASS', 'root', /active MFA device \(from GetAccountSummary/]] },
  { name: 'no root row: GetAccountSummary says MFA is off', plan: [], inventory: rootFromSummary({ mfaEnabled: false, accessKeysPresent: false }), expect: [['FAIL', 'root', /no MFA device.*from GetAccountSummary/]] },
  { name: 'a member whose root credentials the organisation manages, with none left', inventory: centrallyManagedRoot(), expect: [['PASS', 'root', /manages this member account's root credentials centrally and it has none/]] },
  { name: 'the feature on, but this member still has a root password', plan: [], inventory: centrallyManagedRoot({ passwordPresent: true }), expect: [['FAIL', 'root', /no MFA device/]] },
  { name: 'the feature off', plan: [], inventory: centrallyManagedRoot({ feature: false }), expect: [['FAIL', 'root', /no MFA device/]] },
  { name: 'a member without root password or key that cannot read the feature: could not tell', inventory: centrallyManagedRoot({ feature: 'unreadable' }), expect: [['UNKNOWN', '123456789012', /only the management account can tell/]] },
  { name: 'a member that cannot read the feature but has a root password: the feature cannot help it', plan: [], inventory: centrallyManagedRoot({ feature: 'unreadable', passwordPresent: true }), expect: [['FAIL', 'root', /no MFA device/]] },
  { name: 'the management account is not managed by itself', plan: [], inventory: centrallyManagedRoot({ management: true }), expect: [['FAIL', 'root', /no MFA device/]] },
]);
