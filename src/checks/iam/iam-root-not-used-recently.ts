import { defineCheck, fail, pass, unknown } from '../../core/check.js';
import { CENTRALLY_MANAGED, describeRoot, rootUser } from '../../inventory/resources.js';
import { day, daysSince, isTimestamp } from '../../lib/dates.js';

export default defineCheck({
  id: 'iam-root-not-used-recently',
  title: 'Root user is not used for daily work',
  service: 'iam',
  severity: 'high',
  checklist: ['AS-04'],
  rationale:
    'Every root sign-in or root key call exposes the one identity no policy can restrict. Root is for the few tasks only it can do; daily work belongs to IAM roles or users with MFA and limited rights.',
  remediation: {
    text: 'Create an administrator role (or IAM Identity Center user) for daily work, stop signing in as root, delete root access keys, and alarm on root use (AS-43).',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
  },
  needs: ['iam.credentialReport', 'iam.rootSummary', 'iam.rootCredentialsManagement', 'organizations.organization'],
  resources: rootUser,
  describe: describeRoot,
  evaluate({ row, centrallyManaged }, { now, config }) {
    if (centrallyManaged) return pass(CENTRALLY_MANAGED);
    // Only the credential report dates root's sign-ins and key use.
    if (!row) return unknown('When root was last used is unknown: the credential report has no root row');
    const window = config.thresholds.rootUseWindowDays;
    // Password and both keys: the most recent use of any of them counts.
    const uses = [
      { how: 'password sign-in', date: row.passwordLastUsed },
      { how: 'access key 1', date: row.accessKeys[0].lastUsedDate },
      { how: 'access key 2', date: row.accessKeys[1].lastUsedDate },
    ].filter((use): use is { how: string; date: string } => isTimestamp(use.date));
    const recent = uses.filter((use) => daysSince(use.date, now) <= window).sort((a, b) => b.date.localeCompare(a.date));
    if (recent.length) return fail(`The root user was used within ${window} days: ${recent.map((u) => `${u.how} on ${day(u.date)}`).join(', ')}`);
    const last = uses.sort((a, b) => b.date.localeCompare(a.date))[0];
    return pass(last ? `The root user was last used ${day(last.date)} (${last.how}), over ${window} days ago` : 'The root user has no recorded sign-in or key use');
  },
});
