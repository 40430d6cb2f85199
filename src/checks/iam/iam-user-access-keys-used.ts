import { defineCheck, fail, pass } from '../../core/check.js';
import { activeAccessKeys, describeAccessKey } from '../../inventory/resources.js';
import { day, daysSince, isTimestamp } from '../../lib/dates.js';
import { DEACTIVATE_ACCESS_KEY_ACTIONS, deactivateAccessKey, keyFingerprint } from '../../fixers/iam.js';

export default defineCheck({
  id: 'iam-user-access-keys-used',
  title: 'Active access keys are in use',
  service: 'iam',
  severity: 'medium',
  checklist: ['AS-08'],
  rationale:
    'A key nobody uses is a key nobody would miss, and nobody watches: if it leaks, its first use is the attacker\'s. Stale and never-used keys should be deleted.',
  remediation: {
    text: 'Deactivate the key, wait to see that nothing breaks, then delete it.',
    cli: 'aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#Using_ManagingAccessKeys',
  },
  needs: ['iam.credentialReport'],
  resources: activeAccessKeys,
  describe: describeAccessKey,
  evaluate({ user, slot, key }, { now, config }) {
    const { accessKeyUnusedDays, newKeyGraceDays } = config.thresholds;
    const label = `IAM user ${user.user}'s access key ${slot}`;
    if (isTimestamp(key.lastUsedDate)) {
      const idle = daysSince(key.lastUsedDate, now);
      return idle > accessKeyUnusedDays
        ? fail(`${label} has not been used for ${idle} days (last used ${day(key.lastUsedDate)}; limit ${accessKeyUnusedDays} days)`)
        : pass(`${label} was used ${day(key.lastUsedDate)}${key.lastUsedService ? ` (${key.lastUsedService})` : ''}`);
    }
    const created = isTimestamp(key.lastRotated) ? key.lastRotated : undefined;
    if (created && daysSince(created, now) <= newKeyGraceDays) return pass(`${label} is new (created ${day(created)}) and not used yet`);
    return fail(`${label} has never been used${created ? ` since it was created ${day(created)}` : ''}`);
  },
  fix: {
    needs: ['iam.accessKeys'],
    actions: DEACTIVATE_ACCESS_KEY_ACTIONS,
    plan: (slot, context) => [deactivateAccessKey(slot, context)],
    fingerprint: keyFingerprint,
    manual: 'Deactivate the key (aws iam update-access-key --status Inactive), wait to see that nothing breaks, then delete it.',
  },
});
