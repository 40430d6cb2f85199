import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeUser, iamUsers } from '../../inventory/resources.js';

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
  resources: iamUsers,
  describe: describeUser,
  evaluate(row) {
    const active = row.accessKeys.filter((key) => key.active).length;
    if (active === 0) return notApplicable(`IAM user ${row.user} has no active access key`);
    return active === 2 ? fail(`IAM user ${row.user} has two active access keys`) : pass(`IAM user ${row.user} has one active access key`);
  },
});
