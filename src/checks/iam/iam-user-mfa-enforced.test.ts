import check from './iam-user-mfa-enforced.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, doc, iamGroup, iamUser, inventory, managedPolicy, user, withAuthorization } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const forceMfa = managedPolicy(
  'ForceMFA',
  doc({ Effect: 'Deny', NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
);
const report = collected([user('alice'), user('bob'), user('ci', { passwordEnabled: false })]);

testCheck(check, [
  {
    name: 'covered through a group, uncovered alone, API-only not applicable', plan: [{ key: 'iam:create-policy:BulwarkRequireMFA', risk: 'safe', calls: ['iam:CreatePolicy'] }, { key: 'iam:create-group:BulwarkMFARequired', risk: 'safe', calls: ['iam:CreateGroup', 'iam:AttachGroupPolicy'], dependsOn: ['iam:create-policy:BulwarkRequireMFA'] }, { key: 'iam:add-user-to-group:BulwarkMFARequired:bob', risk: 'may-disrupt', calls: ['iam:AddUserToGroup'], dependsOn: ['iam:create-policy:BulwarkRequireMFA', 'iam:create-group:BulwarkMFARequired'] }],
    inventory: withAuthorization(
      { users: [iamUser('alice', { groups: ['everyone'] }), iamUser('bob'), iamUser('ci')], groups: [iamGroup('everyone', { attachedPolicyArns: [forceMfa.arn] })], policies: [forceMfa] },
      { credentialReport: report },
    ),
    expect: [['PASS', 'alice', /by managed policy ForceMFA/], ['FAIL', 'bob', /no policy denies sensitive actions without MFA/], ['NOT_APPLICABLE', 'ci']],
  },
  {
    name: 'a user newer than the credential report is not assumed to have no password',
    inventory: withAuthorization({ users: [iamUser('newcomer')] }, { credentialReport: report }),
    expect: [['UNKNOWN', 'newcomer', /not in the credential report yet/]],
  },
  {
    name: 'credential report denied: who has a password is unknown',
    inventory: withAuthorization({ users: [iamUser('alice')] }, { credentialReport: accessDenied('iam:GetCredentialReport') }),
    expect: [['UNKNOWN', 'alice', /grant iam:GetCredentialReport/]],
  },
  { name: 'authorization denied', inventory: inventory({ iam: { authorization: accessDenied('iam:GetAccountAuthorizationDetails'), credentialReport: report } }), expect: [['UNKNOWN', '123456789012']] },
]);
