import { defineCheck, fail, pass } from '../../core/check.js';
import { authorization } from '../../inventory/iam-principals.js';
import { mapFact } from '../../core/fact.js';

export default defineCheck({
  id: 'iam-user-no-attached-policies',
  title: 'Users get their rights from groups, not from policies attached to them',
  service: 'iam',
  severity: 'low',
  checklist: ['AS-11'],
  rationale:
    'Rights given user by user drift apart and are forgotten when people change jobs. Groups per job make "who can do what" one list to review, and removing a person one step.',
  remediation: {
    text: 'Create a group per job function, attach the policies to it, add the user, then detach the user\'s own policies and move inline policies into managed ones.',
    cli: 'aws iam add-user-to-group --group-name <group> --user-name <user> && aws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html',
  },
  needs: ['iam.authorization'],
  resources: (inventory) => [{ region: 'global', items: mapFact(authorization(inventory), (auth) => auth.users) }],
  describe: (user) => ({ id: user.arn, type: 'AwsIamUser', name: user.name }),
  evaluate(user) {
    const direct = [...user.attachedPolicyArns.map((arn) => arn.split('/').pop() ?? arn), ...user.inlinePolicies.map((p) => `inline "${p.name}"`)];
    return direct.length
      ? fail(`IAM user ${user.name} has policies attached directly: ${direct.join(', ')}`)
      : pass(`IAM user ${user.name} has no policies of its own${user.groups.length ? ` (groups: ${user.groups.join(', ')})` : ''}`);
  },
});
