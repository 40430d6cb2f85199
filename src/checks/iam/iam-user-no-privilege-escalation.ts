import { defineCheck, fail, notApplicable, pass, unknown } from '../../core/check.js';
import { mapFact } from '../../core/fact.js';
import { authorization, effectivePolicies } from '../../inventory/iam-principals.js';
import { escalationPaths, fullAdminGrant } from '../../policy/analysis.js';

export default defineCheck({
  id: 'iam-user-no-privilege-escalation',
  title: 'Users cannot grant themselves more rights',
  service: 'iam',
  severity: 'high',
  checklist: ['AS-11'],
  rationale:
    'Rights such as iam:PutUserPolicy, iam:CreatePolicyVersion or iam:PassRole with ec2:RunInstances let a limited user make itself an administrator: its limits are only on paper.',
  remediation: {
    text: 'Remove the IAM write actions from the user\'s policies, scope iam:PassRole to the specific roles it must pass (with iam:PassedToService), or use permission boundaries.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  },
  needs: ['iam.authorization'],
  resources: (inventory) => [{ region: 'global', items: mapFact(authorization(inventory), (auth) => auth.users.map((user) => ({ user, auth }))) }],
  describe: ({ user }) => ({ id: user.arn, type: 'AwsIamUser', name: user.name }),
  evaluate({ user, auth }) {
    const { policies, problems } = effectivePolicies({ kind: 'user', entity: user }, auth);
    if (fullAdminGrant(policies)) return notApplicable(`IAM user ${user.name} is already a full administrator (see iam-principal-no-full-admin)`);
    const paths = escalationPaths(policies);
    if (paths.length) return fail(`IAM user ${user.name} can escalate: ${paths.join('; ')}`);
    if (problems.length) return unknown(`IAM user ${user.name}: could not evaluate ${problems.join('; ')}`);
    return pass(`IAM user ${user.name} has no known privilege-escalation path`);
  },
});
