import { defineCheck, fail, pass } from '../../core/check.js';
import { activeAccessKeys, describeAccessKey } from '../../inventory/resources.js';
import { day, daysSince, isTimestamp } from '../../lib/dates.js';
import { DEACTIVATE_ACCESS_KEY_ACTIONS, deactivateAccessKey, keyFingerprint } from '../../fixers/iam.js';

export default defineCheck({
  id: 'iam-user-access-keys-rotated',
  title: 'Access keys are rotated',
  service: 'iam',
  severity: 'medium',
  checklist: ['AS-07'],
  rationale:
    'The older a key, the more places it has been copied to (laptops, CI, scripts, backups) and the longer a leak of it stays useful. Rotation bounds that exposure.',
  remediation: {
    text: 'Create a second key, move every use of the old one to it, deactivate the old key, watch for failures, then delete it. Better: replace the user key with an IAM role.',
    cli: 'aws iam create-access-key --user-name <user> && aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
  },
  needs: ['iam.credentialReport'],
  resources: activeAccessKeys,
  describe: describeAccessKey,
  evaluate({ user, slot, key }, { now, config }) {
    const limit = config.thresholds.accessKeyMaxAgeDays;
    const label = `IAM user ${user.user}'s access key ${slot}`;
    if (!isTimestamp(key.lastRotated)) return fail(`${label} is active and IAM reports no creation date for it`);
    const age = daysSince(key.lastRotated, now);
    return age > limit
      ? fail(`${label} is ${age} days old (created ${day(key.lastRotated)}; limit ${limit} days)`)
      : pass(`${label} is ${age} days old (limit ${limit} days)`);
  },
  fix: {
    needs: ['iam.accessKeys'],
    actions: DEACTIVATE_ACCESS_KEY_ACTIONS,
    plan: (slot, context) => [deactivateAccessKey(slot, context)],
    fingerprint: keyFingerprint,
    manual: 'Create a second key, move every use of the old one to it, then deactivate the old key (aws iam update-access-key --status Inactive) and later delete it.',
  },
});
