import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeUser, usersWithActiveKeys } from '../../inventory/resources.js';
import { DEACTIVATE_ACCESS_KEY_ACTIONS, deactivateAccessKey, keyFingerprint, leastRecentlyUsed } from '../../fixers/iam.js';

export default defineCheck({
  id: 'iam-user-single-active-key',
  title: 'Users have at most one active access key',
  service: 'iam',
  severity: 'low',
  checklist: ['AS-08'],
  rationale:
    'Two active keys are meant to overlap only during a rotation. Left that way, one of them is usually forgotten: twice the keys to leak, half of them unwatched.',
  remediation: {
    text: 'Find which key is still in use (the credential report or the IAM console shows last use), deactivate the other, then delete it.',
    cli: 'aws iam list-access-keys --user-name <user>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  needs: ['iam.credentialReport'],
  resources: usersWithActiveKeys,
  describe: ({ user }) => describeUser(user),
  evaluate({ user, active }) {
    if (active.length === 0) return notApplicable(`IAM user ${user.user} has no active access key`);
    return active.length === 2 ? fail(`IAM user ${user.user} has two active access keys`) : pass(`IAM user ${user.user} has one active access key`);
  },
  fix: {
    needs: ['iam.accessKeys'],
    actions: DEACTIVATE_ACCESS_KEY_ACTIONS,
    // The key used less recently is the one nobody would miss; the other keeps working.
    plan: ({ active }, context) => [deactivateAccessKey(leastRecentlyUsed(active), context)],
    fingerprint: ({ active }) => active.map(keyFingerprint),
    manual: 'Deactivate the key that is not in use (aws iam update-access-key --status Inactive), wait, then delete it.',
  },
});
