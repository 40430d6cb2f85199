import check from './iam-root-mfa-enabled.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory, root, user, withReport } from '../../testing/builders.js';
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
]);
