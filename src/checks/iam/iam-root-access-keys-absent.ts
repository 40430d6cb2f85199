import { defineCheck, fail, pass } from '../../core/check.js';
import { CENTRALLY_MANAGED, describeRoot, rootUser } from '../../inventory/resources.js';
import { day, isTimestamp } from '../../lib/dates.js';

export default defineCheck({
  id: 'iam-root-access-keys-absent',
  title: 'Root user has no access keys',
  service: 'iam',
  severity: 'critical',
  checklist: ['AS-03'],
  rationale:
    'A root access key is the whole account in a 40-character string: it cannot be limited by any policy, and once leaked (a commit, a laptop, a CI log) anyone can use it from anywhere.',
  remediation: {
    text: 'Sign in as root, open Security credentials, and delete every access key; give automation an IAM role instead. Root keys cannot be deleted through the API by another identity.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
  },
  needs: ['iam.credentialReport', 'iam.rootSummary', 'iam.rootCredentialsManagement', 'organizations.organization'],
  resources: rootUser,
  describe: describeRoot,
  evaluate({ row, summary, centrallyManaged }) {
    if (centrallyManaged) return pass(CENTRALLY_MANAGED);
    if (!row) {
      return summary?.accessKeysPresent
        ? fail(`The root user has access keys (GetAccountSummary AccountAccessKeysPresent; the credential report has no root row to say which)`)
        : pass(`The root user has no access keys${' (from GetAccountSummary: the credential report has no root row)'}`);
    }
    const keys = row.accessKeys.flatMap((key, i) => {
      if (key.active) return [`active key ${i + 1} (${isTimestamp(key.lastUsedDate) ? `last used ${day(key.lastUsedDate)}` : 'never used'})`];
      // An inactive slot with a rotation date is a key that still exists.
      if (isTimestamp(key.lastRotated)) return [`inactive key ${i + 1} created ${day(key.lastRotated)}`];
      return [];
    });
    return keys.length ? fail(`The root user has access keys: ${keys.join(', ')}`) : pass('The root user has no access keys');
  },
  fix: { plan: () => [], actions: [], manual: 'Sign in as root, move whatever uses the root access key to an IAM role or user, then deactivate and delete the key under Security credentials; only root can manage root keys.' },
});
