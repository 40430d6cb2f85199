import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeUser, iamUsers } from '../../inventory/resources.js';
import { day, daysSince, isTimestamp } from '../../lib/dates.js';

export default defineCheck({
  id: 'iam-user-console-recently-used',
  title: 'Console access is removed when it is not used',
  service: 'iam',
  severity: 'medium',
  checklist: ['AS-09'],
  rationale:
    'A console login nobody uses belongs to someone who left or forgot it. Nobody would notice an attacker signing in with it.',
  remediation: {
    text: 'Remove the console password of users who no longer sign in (their access keys, if any, are unaffected), or delete the user.',
    cli: 'aws iam delete-login-profile --user-name <user>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
  },
  needs: ['iam.credentialReport'],
  resources: iamUsers,
  describe: describeUser,
  evaluate(row, { now, config }) {
    if (row.passwordEnabled !== true) return notApplicable(`IAM user ${row.user} has no console password`);
    const limit = config.thresholds.consoleUnusedDays;
    if (isTimestamp(row.passwordLastUsed)) {
      const idle = daysSince(row.passwordLastUsed, now);
      return idle > limit
        ? fail(`IAM user ${row.user} has not signed in for ${idle} days (last ${day(row.passwordLastUsed)}; limit ${limit} days)`)
        : pass(`IAM user ${row.user} signed in ${day(row.passwordLastUsed)}`);
    }
    // Never used: count from when the password was set, so yesterday's new user is not stale.
    const set = [row.passwordLastChanged, row.userCreationTime].find(isTimestamp);
    if (set && daysSince(set, now) <= limit) return pass(`IAM user ${row.user} has not signed in yet; the password was set ${day(set)}`);
    return fail(`IAM user ${row.user} has never signed in${set ? ` since the password was set ${day(set)}` : ''}`);
  },
  fix: { plan: () => [], actions: [], manual: 'Confirm the user has left or no longer needs the console, then remove the password (aws iam delete-login-profile --user-name <user>); a deleted password cannot be restored, so Bulwark does not do it for you.' },
});
