import check from './iam-root-hardware-mfa.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, ACCOUNT_ID, centrallyManagedRoot, inventory, root } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { Inventory } from '../../inventory/schema.js';

const withDevices = (rootRow: ReturnType<typeof root>, devices: NonNullable<Inventory['iam']['virtualMfaDevices']>) =>
  inventory({ iam: { credentialReport: collected([rootRow]), virtualMfaDevices: devices } });
const rootDevice = { serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/root-account-mfa-device`, userArn: `arn:aws:iam::${ACCOUNT_ID}:root` };

testCheck(check, [
  { name: 'MFA and no virtual device', inventory: withDevices(root(), collected([{ serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/alice`, userArn: `arn:aws:iam::${ACCOUNT_ID}:user/alice` }])), expect: [['PASS', 'root']] },
  { name: 'a virtual device on root', plan: [], inventory: withDevices(root(), collected([rootDevice])), expect: [['FAIL', 'root', /virtual device \(arn:aws:iam::123456789012:mfa\/root-account-mfa-device\)/]] },
  { name: 'no MFA at all', plan: [], inventory: withDevices(root({ mfaActive: false }), collected([])), expect: [['FAIL', 'root', /no MFA device at all/]] },
  { name: 'device list denied: cannot tell virtual from hardware', inventory: withDevices(root(), accessDenied('iam:ListVirtualMFADevices')), expect: [['UNKNOWN', 'root', /grant iam:ListVirtualMFADevices/]] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
  { name: 'no root row: MFA from GetAccountSummary, and the device list', plan: [], inventory: inventory({ iam: { credentialReport: collected([]), rootSummary: collected({ mfaEnabled: true, accessKeysPresent: false }), virtualMfaDevices: collected([rootDevice]) } }), expect: [['FAIL', 'root', /virtual device/]] },
  { name: 'a member whose root credentials the organisation manages', inventory: centrallyManagedRoot(), expect: [['PASS', 'root', /centrally/]] },
]);
