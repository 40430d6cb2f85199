import check from './iam-role-trust-restricted.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, doc, iamRole, inventory, withAuthorization } from '../../testing/builders.js';
import { DEFAULT_CONFIG } from '../../config/schema.js';
import { collected } from '../../core/fact.js';

const trust = (principal: object | string, condition?: object) =>
  doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });

testCheck(check, [
  { name: 'a service role', inventory: withAuthorization({ roles: [iamRole('app')] }), expect: [['PASS', 'app', /trusts ec2\.amazonaws\.com/]] },
  { name: 'a vendor with an external id', inventory: withAuthorization({ roles: [iamRole('vendor', { trustPolicy: trust({ AWS: 'arn:aws:iam::999988887777:root' }, { StringEquals: { 'sts:ExternalId': 'abc' } }) })] }), expect: [['PASS', 'vendor']] },
  { name: 'anyone', inventory: withAuthorization({ roles: [iamRole('open', { trustPolicy: trust('*') })] }), expect: [['FAIL', 'open', /assumed by anyone \(\*\)/]] },
  { name: 'another account without an external id', inventory: withAuthorization({ roles: [iamRole('x', { trustPolicy: trust({ AWS: '999988887777' }) })] }), expect: [['FAIL', 'x', /account 999988887777 without sts:ExternalId/]] },
  {
    name: "the organisation's management account",
    inventory: withAuthorization(
      { roles: [iamRole('OrganizationAccountAccessRole', { trustPolicy: trust({ AWS: 'arn:aws:iam::444455556666:root' }) })] },
    ),
    expect: [['FAIL', 'OrganizationAccountAccessRole', /444455556666:root without sts:ExternalId.*\(the organisation could not be read/]],
  },
  {
    name: "the organisation's management account, organisation known",
    inventory: {
      ...withAuthorization({ roles: [iamRole('OrganizationAccountAccessRole', { trustPolicy: trust({ AWS: 'arn:aws:iam::444455556666:root' }) })] }),
      organizations: { organization: collected({ id: 'o-abc123', managementAccountId: '444455556666' }) },
    },
    expect: [['PASS', 'OrganizationAccountAccessRole']],
  },
  {
    name: 'another account the config trusts',
    inventory: withAuthorization({ roles: [iamRole('x', { trustPolicy: trust({ AWS: '999988887777' }) })] }),
    config: { ...DEFAULT_CONFIG, trustedAccounts: ['999988887777'] },
    expect: [['PASS', 'x']],
  },
  {
    name: 'GitHub Actions OIDC without a subject condition',
    inventory: withAuthorization({
      roles: [iamRole('gha', { trustPolicy: doc({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }) })],
    }),
    expect: [['FAIL', 'gha', /oidc-provider\/token\.actions\.githubusercontent\.com without a subject condition/]],
  },
  { name: 'service-linked roles are AWS\'s', inventory: withAuthorization({ roles: [iamRole('AWSServiceRoleForECS', { path: '/aws-service-role/ecs.amazonaws.com/' })] }), expect: [['NOT_APPLICABLE', 'AWSServiceRoleForECS']] },
  { name: 'a malformed trust policy', inventory: withAuthorization({ roles: [iamRole('bad', { trustPolicy: '{' })] }), expect: [['UNKNOWN', 'bad', /malformed/]] },
  { name: 'denied', inventory: inventory({ iam: { authorization: accessDenied('iam:GetAccountAuthorizationDetails') } }), expect: [['UNKNOWN', '123456789012']] },
]);
