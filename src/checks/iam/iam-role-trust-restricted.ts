import { defineCheck, fail, notApplicable, pass, unknown } from '../../core/check.js';
import { mapFact } from '../../core/fact.js';
import { authorization, intendedAdmin } from '../../inventory/iam-principals.js';
import { isPolicy, parsePolicy } from '../../policy/document.js';
import { riskyTrustees, trustees } from '../../policy/trust.js';

export default defineCheck({
  id: 'iam-role-trust-restricted',
  title: 'Roles can be assumed only by known principals',
  service: 'iam',
  severity: 'high',
  checklist: ['AS-11'],
  rationale:
    'A trust policy that names "*", a foreign account without an external id, or a GitHub-style OIDC provider without a subject condition lets strangers assume the role, with whatever rights it has.',
  remediation: {
    text: 'Name the exact principals in the trust policy and add a condition: sts:ExternalId for third parties, aws:PrincipalOrgID for your organisation, the token subject (for example token.actions.githubusercontent.com:sub) for OIDC. Accounts of your own can be listed in trustedAccounts.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  },
  needs: ['iam.authorization', 'organizations.organization'],
  resources: (inventory) => [
    { region: 'global', items: mapFact(authorization(inventory), (auth) => auth.roles.map((role) => ({ role, organization: inventory.organizations.organization }))) },
  ],
  describe: ({ role }) => ({ id: role.arn, type: 'AwsIamRole', name: role.name }),
  evaluate({ role, organization }, { account, config }) {
    if (role.path.startsWith('/aws-service-role/')) return notApplicable(`IAM role ${role.name} is service-linked: AWS manages its trust`);
    const trust = parsePolicy(`trust policy of role ${role.name}`, role.trustPolicy);
    if (!isPolicy(trust)) return unknown(`The trust policy of IAM role ${role.name} is malformed: ${trust.error}`);
    // The organisation's management account trusts into members by design (OrganizationAccountAccessRole).
    const management = organization?.status === 'collected' ? organization.value?.managementAccountId : undefined;
    const risky = riskyTrustees(trust, account.id, [...config.trustedAccounts, ...(management ? [management] : [])]);
    if (risky.length) {
      const who = risky.map((t) => (t.kind === 'anyone' ? 'anyone (*)' : t.kind === 'federated' ? `${t.principal} without a subject condition` : `account ${t.principal} without sts:ExternalId or an organisation condition`));
      const unsure = organization?.status === 'collected' ? '' : ' (the organisation could not be read: list your own accounts in trustedAccounts)';
      return fail(`IAM role ${role.name} can be assumed by ${who.join(', ')}${unsure}`);
    }
    const all = trustees(trust, account.id).map((t) => t.principal);
    const intended = intendedAdmin(role, []);
    return pass(`IAM role ${role.name} trusts ${all.join(', ') || 'no one'}${intended ? ` (${intended})` : ''}`);
  },
});
