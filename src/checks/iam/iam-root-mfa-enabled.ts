import { defineCheck, fail, pass } from '../../core/check.js';
import { CENTRALLY_MANAGED, describeRoot, rootUser } from '../../inventory/resources.js';

export default defineCheck({
  id: 'iam-root-mfa-enabled',
  title: 'Root user has MFA',
  service: 'iam',
  severity: 'critical',
  checklist: ['AS-01'],
  rationale:
    'The root user can do anything, including closing the account and changing its contact details. A stolen or guessed root password without MFA is a full account takeover.',
  remediation: {
    text: 'Sign in as root, open Security credentials, and assign an MFA device (a hardware security key is best). Root MFA cannot be set through the API.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  needs: ['iam.credentialReport', 'iam.rootSummary', 'iam.rootCredentialsManagement', 'organizations.organization'],
  resources: rootUser,
  describe: describeRoot,
  evaluate({ row, summary, centrallyManaged }) {
    if (centrallyManaged) return pass(CENTRALLY_MANAGED);
    const source = row ? '' : ' (from GetAccountSummary: the credential report has no root row)';
    return (row?.mfaActive ?? summary?.mfaEnabled)
      ? pass(`The root user has an active MFA device${source}`)
      : fail(`The root user has no MFA device: a password alone opens the whole account${source}`);
  },
  fix: { plan: () => [], actions: [], manual: 'Sign in as root, open Security credentials and assign an MFA device (a hardware key or passkey kept somewhere safe); AWS lets only the root user itself do this.' },
});
