import { defineCheck, fail, need, pass } from '../../core/check.js';
import { attach, describeAccount, theAccount } from '../../inventory/resources.js';
import { setPasswordPolicy, PASSWORD_POLICY_ACTIONS } from '../../fixers/iam-password.js';

export default defineCheck({
  id: 'iam-password-policy-strong',
  title: 'The account password policy is strong',
  service: 'iam',
  severity: 'medium',
  checklist: ['AS-10'],
  rationale:
    'Without a policy IAM accepts 8-character passwords of one character class that never expire and may be reused: "querty1234" is a valid password.',
  remediation: {
    text: 'Set a password policy with at least 14 characters, all four character classes, 24 remembered passwords and a 90-day maximum age.',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --password-reuse-prevention 24 --max-password-age 90 --allow-users-to-change-password',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  },
  needs: ['iam.passwordPolicy'],
  resources: (inventory) => attach(theAccount(inventory), { policy: inventory.iam.passwordPolicy }),
  describe: ({ item }) => describeAccount(item),
  evaluate({ policy: fact }, { config }) {
    const policy = need(fact, 'iam:GetAccountPasswordPolicy');
    const want = config.passwordPolicy;
    if (!policy) return fail('The account has no password policy: IAM accepts 8-character passwords that never expire');
    const weak = [
      policy.minimumLength < want.minLength && `minimum length ${policy.minimumLength} (want ${want.minLength})`,
      want.requireUppercase && !policy.requireUppercase && 'no uppercase letter required',
      want.requireLowercase && !policy.requireLowercase && 'no lowercase letter required',
      want.requireNumbers && !policy.requireNumbers && 'no number required',
      want.requireSymbols && !policy.requireSymbols && 'no symbol required',
      (policy.reusePrevention ?? 0) < want.reusePrevention && `${policy.reusePrevention ?? 0} previous passwords remembered (want ${want.reusePrevention})`,
      (policy.maxAgeDays === undefined || policy.maxAgeDays > want.maxAgeDays) &&
        `${policy.maxAgeDays === undefined ? 'passwords never expire' : `maximum age ${policy.maxAgeDays} days`} (want ${want.maxAgeDays})`,
    ].filter((w): w is string => typeof w === 'string');
    return weak.length ? fail(`The password policy is weak: ${weak.join('; ')}`) : pass('The password policy meets every requirement');
  },
  fix: { actions: PASSWORD_POLICY_ACTIONS, plan: ({ policy }, context) => [setPasswordPolicy(need(policy, 'iam:GetAccountPasswordPolicy'), context)] },
});
