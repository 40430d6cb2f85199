import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeUser, iamUsers } from '../../inventory/resources.js';
import { day, daysSince, isTimestamp } from '../../lib/dates.js';
import { requirePasswordReset, PASSWORD_RESET_ACTIONS } from '../../fixers/iam-password.js';

export default defineCheck({
  id: 'iam-user-console-password-rotated',
  title: 'Console passwords are changed regularly',
  service: 'iam',
  severity: 'low',
  checklist: ['AS-09'],
  rationale:
    'A password that never changes stays valid for as long as any copy of it exists: in a breach dump, a browser profile, a shared note. A quarterly change bounds that.',
  remediation: {
    text: 'Ask the user to change the password, or set a maximum password age in the account password policy (AS-10) so IAM enforces it.',
    cli: 'aws iam update-login-profile --user-name <user> --password-reset-required',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html',
  },
  needs: ['iam.credentialReport'],
  resources: iamUsers,
  describe: describeUser,
  evaluate(row, { now, config }) {
    if (row.passwordEnabled !== true) return notApplicable(`IAM user ${row.user} has no console password`);
    const limit = config.thresholds.passwordMaxAgeDays;
    // IAM leaves password_last_changed N/A for a password set at creation: count from creation.
    const changed = isTimestamp(row.passwordLastChanged) ? row.passwordLastChanged : isTimestamp(row.userCreationTime) ? row.userCreationTime : undefined;
    if (!changed) return fail(`IAM user ${row.user}'s console password has no known change date`);
    const age = daysSince(changed, now);
    return age > limit
      ? fail(`IAM user ${row.user}'s console password is ${age} days old (set ${day(changed)}; limit ${limit} days)`)
      : pass(`IAM user ${row.user}'s console password is ${age} days old`);
  },
  fix: { actions: PASSWORD_RESET_ACTIONS, plan: (row, context) => [requirePasswordReset(row, context)] },
});
