import check from './iam-principal-no-full-admin.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, ADMIN_ARN, ADMIN_DOC, doc, iamGroup, iamRole, iamUser, inventory, managedPolicy, withAuthorization } from '../../testing/builders.js';
import { DEFAULT_CONFIG } from '../../config/schema.js';

const readOnly = managedPolicy('ReadOnly', doc({ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' }));

testCheck(check, [
  { name: 'a user with read-only rights', inventory: withAuthorization({ users: [iamUser('alice', { attachedPolicyArns: [readOnly.arn] })], policies: [readOnly] }), expect: [['PASS', 'user alice']] },
  { name: 'AdministratorAccess attached to a user', inventory: withAuthorization({ users: [iamUser('bob', { attachedPolicyArns: [ADMIN_ARN] })] }), expect: [['FAIL', 'user bob', /AWS managed policy AdministratorAccess allows "\*" on "\*"/]] },
  {
    name: 'admin through a group: the user and the group fail',
    inventory: withAuthorization({ users: [iamUser('carol', { groups: ['admins'] })], groups: [iamGroup('admins', { attachedPolicyArns: [ADMIN_ARN] })] }),
    expect: [['FAIL', 'user carol', /AdministratorAccess/], ['FAIL', 'group admins']],
  },
  { name: 'an inline admin policy on a role', inventory: withAuthorization({ roles: [iamRole('app', { inlinePolicies: [{ name: 'everything', document: ADMIN_DOC }] })] }), expect: [['FAIL', 'role app', /inline policy "everything" of role app/]] },
  {
    name: 'intended admins: service-linked, Identity Center and break-glass roles',
    inventory: withAuthorization({
      roles: [
        iamRole('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', attachedPolicyArns: [ADMIN_ARN] }),
        iamRole('AWSReservedSSO_AdministratorAccess_abc', { path: '/aws-reserved/sso.amazonaws.com/', attachedPolicyArns: [ADMIN_ARN] }),
        iamRole('BreakGlass', { attachedPolicyArns: [ADMIN_ARN] }),
      ],
    }),
    config: { ...DEFAULT_CONFIG, breakGlassRoles: ['BreakGlass'] },
    expect: [
      ['PASS', 'role AWSServiceRoleForSupport', /service-linked/],
      ['PASS', 'role AWSReservedSSO_AdministratorAccess_abc', /Identity Center/],
      ['PASS', 'role BreakGlass', /break-glass/],
    ],
  },
  {
    name: 'a malformed policy cannot make a pass',
    inventory: withAuthorization({ users: [iamUser('dave', { inlinePolicies: [{ name: 'broken', document: '{"Statement": "nope"}' }] })] }),
    expect: [['UNKNOWN', 'user dave', /inline policy "broken" of user dave: statement 1 is not an object/]],
  },
  {
    name: 'a malformed policy next to an admin one still fails',
    inventory: withAuthorization({ users: [iamUser('erin', { attachedPolicyArns: [ADMIN_ARN], inlinePolicies: [{ name: 'broken', document: 'not json' }] })] }),
    expect: [['FAIL', 'user erin']],
  },
  { name: 'authorization details denied', inventory: inventory({ iam: { authorization: accessDenied('iam:GetAccountAuthorizationDetails') } }), expect: [['UNKNOWN', '123456789012', /grant iam:GetAccountAuthorizationDetails/]] },
]);
