import { defineCheck, manual } from '../../core/check.js';
import { describeAccount, theAccount } from '../../inventory/resources.js';

export default defineCheck({
  id: 'account-mfa-device-storage-manual',
  title: 'MFA devices are kept safe, with a recovery plan',
  service: 'account',
  severity: 'medium',
  checklist: ['AS-M3'],
  rationale: 'The root MFA device is the last lock on the account: a lost device locks the owner out, a device left in a shared drawer lets anyone in. AWS cannot see where it is kept.',
  remediation: {
    text: 'Register two hardware keys for root, keep the spare in a safe place apart from the first, and write down who holds them and how to recover the account.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_lost-or-broken.html',
  },
  needs: [],
  resources: theAccount,
  describe: describeAccount,
  evaluate: () => manual('Ask: where is the root MFA device kept, who can reach it, and is there a registered spare?'),
});
