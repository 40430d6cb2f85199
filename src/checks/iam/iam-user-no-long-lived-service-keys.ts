import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeUser, iamUsers } from '../../inventory/resources.js';
import { day, daysSince, isTimestamp } from '../../lib/dates.js';

export default defineCheck({
  id: 'iam-user-no-long-lived-service-keys',
  title: 'Automation uses roles instead of IAM user keys',
  service: 'iam',
  severity: 'low',
  checklist: ['AS-13'],
  rationale:
    'An IAM user that exists only for its access keys is a program with a permanent password: the keys sit in config files and CI secrets until they leak. Roles give the same access with credentials that expire within hours.',
  remediation: {
    text: 'Run the workload with a role: an instance profile on EC2, a task role on ECS, an execution role on Lambda, OIDC federation for CI (GitHub Actions, GitLab) or IAM Roles Anywhere elsewhere. Then delete the user\'s keys.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
  },
  needs: ['iam.credentialReport'],
  resources: iamUsers,
  describe: describeUser,
  evaluate(row, { now, config }) {
    const active = row.accessKeys.filter((key) => key.active);
    if (row.passwordEnabled === true || active.length === 0) return notApplicable(`IAM user ${row.user} is not an API-only user with active keys`);
    const window = config.thresholds.recentKeyUseDays;
    const recent = active.flatMap((key) => (isTimestamp(key.lastUsedDate) && daysSince(key.lastUsedDate, now) <= window ? [key] : []));
    if (recent.length === 0) return pass(`IAM user ${row.user}'s keys were not used in the last ${window} days (stale keys are iam-user-access-keys-used's concern)`);
    const last = recent.map((k) => `${k.lastUsedService ?? 'unknown service'} on ${day(k.lastUsedDate as string)}`).join(', ');
    return fail(`IAM user ${row.user} is a long-lived service credential: API-only, keys used recently (${last})`);
  },
});
