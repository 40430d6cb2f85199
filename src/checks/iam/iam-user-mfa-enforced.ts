import { defineCheck, fail, need, notApplicable, pass, unknown } from '../../core/check.js';
import { mapFact, notInInventory } from '../../core/fact.js';
import { authorization, effectivePolicies } from '../../inventory/iam-principals.js';
import { mfaEnforcedBy } from '../../policy/analysis.js';
import { enforceMfa, MFA_ACTIONS } from '../../fixers/iam-mfa.js';

export default defineCheck({
  id: 'iam-user-mfa-enforced',
  title: 'Users with a password or an access key cannot act without MFA',
  service: 'iam',
  severity: 'medium',
  checklist: ['AS-06'],
  rationale:
    'An MFA device the user may skip protects nothing: with a stolen password or a leaked access key an attacker simply does not use it. A Deny on aws:MultiFactorAuthPresent makes MFA a condition of every sensitive call, from the console and from the API alike; automation that cannot use MFA belongs on a role (AS-13), not on a user\'s key.',
  remediation: {
    text: 'Attach a policy that denies everything except managing one\'s own MFA device when aws:MultiFactorAuthPresent is false (BoolIfExists), to a group every user with a console password or an active access key is in; move automation to roles.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html',
  },
  needs: ['iam.authorization', 'iam.credentialReport'],
  resources: (inventory) => [
    {
      region: 'global',
      items: mapFact(authorization(inventory), (auth) => {
        const report = mapFact(inventory.iam.credentialReport ?? notInInventory('iam:GetCredentialReport'), (rows) => new Map(rows.map((row) => [row.arn, row])));
        return auth.users.map((user) => ({ user, auth, report }));
      }),
    },
  ],
  describe: ({ user }) => ({ id: user.arn, type: 'AwsIamUser', name: user.name }),
  evaluate({ user, auth, report }) {
    const row = need(report, 'iam:GetCredentialReport').get(user.arn);
    // A user created after the report was generated: whether it has a password or keys is not known.
    if (!row) return unknown(`IAM user ${user.name} is not in the credential report yet, so whether it has a console password or access keys is unknown`);
    if (row.unreadable) return unknown(`IAM user ${user.name}: its credential report row could not be parsed (${row.unreadable})`);
    const keys = row.accessKeys.filter((k) => k.active).length;
    const console = row.passwordEnabled === true;
    if (!console && keys === 0) return notApplicable(`IAM user ${user.name} has no console password and no active access key`);
    const { policies, problems } = effectivePolicies({ kind: 'user', entity: user }, auth);
    const by = mfaEnforcedBy(policies);
    if (by) return pass(`IAM user ${user.name} is denied sensitive actions without MFA by ${by}`);
    if (problems.length) return unknown(`IAM user ${user.name}: could not evaluate ${problems.join('; ')}`);
    const uses = [console && 'signs in with a password', keys && `calls the API with ${keys === 1 ? 'an active access key' : `${keys} active access keys`}`].filter(Boolean).join(' and ');
    return fail(`IAM user ${user.name} ${uses} and no policy denies sensitive actions without MFA${console ? '' : ' (automation belongs on a role)'}`);
  },
  fix: {
    actions: MFA_ACTIONS,
    plan({ user, report }, context) {
      const row = need(report, 'iam:GetCredentialReport').get(user.arn);
      return row ? enforceMfa(user, row, context) : [];
    },
  },
});
