import { defineCheck, fail, need, pass } from '../../core/check.js';
import { attach, CENTRALLY_MANAGED, describeRoot, rootUser } from '../../inventory/resources.js';

export default defineCheck({
  id: 'iam-root-hardware-mfa',
  title: 'Root user MFA is a hardware key',
  service: 'iam',
  severity: 'high',
  checklist: ['AS-02'],
  rationale:
    'A virtual MFA app lives on a phone that can be lost, cloned into a backup or phished for codes. A hardware security key (FIDO2) cannot be copied and will not answer a phishing site.',
  remediation: {
    text: 'Sign in as root, register a FIDO2 security key (or a hardware TOTP token) under Security credentials, then remove the virtual MFA device.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
  },
  needs: ['iam.credentialReport', 'iam.rootSummary', 'iam.rootCredentialsManagement', 'organizations.organization', 'iam.virtualMfaDevices'],
  resources: (inventory) => attach(rootUser(inventory), { devices: inventory.iam.virtualMfaDevices }),
  describe: ({ item }, context) => describeRoot(item, context),
  evaluate({ item: root, devices }, { account }) {
    if (root.centrallyManaged) return pass(CENTRALLY_MANAGED);
    if (!(root.row?.mfaActive ?? root.summary?.mfaEnabled)) return fail(`The root user has no MFA device at all${root.row ? '' : ' (from GetAccountSummary: the credential report has no root row)'}`);
    const rootArn = `arn:${account.partition}:iam::${account.id}:root`;
    const virtual = need(devices, 'iam:ListVirtualMFADevices').filter((d) => d.userArn === rootArn || d.serialNumber.endsWith(':mfa/root-account-mfa-device'));
    return virtual.length
      ? fail(`The root user's MFA is a virtual device (${virtual.map((d) => d.serialNumber).join(', ')})`)
      : pass('The root user has MFA and no virtual MFA device, so it is a hardware device');
  },
  fix: { plan: () => [], actions: [], manual: 'Sign in as root and add a hardware MFA device or passkey (FIDO2 security key), then remove the virtual one; only the root user can do this.' },
});
