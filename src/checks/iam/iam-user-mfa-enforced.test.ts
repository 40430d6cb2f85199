import check from './iam-user-mfa-enforced.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, doc, iamGroup, iamUser, inventory, key, managedPolicy, user, withAuthorization } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const forceMfa = managedPolicy(
  'ForceMFA',
  doc({ Effect: 'Deny', NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
);
const inactive = key({ active: false });
const report = collected([
  user('alice'),
  user('bob'),
  user('ci', { passwordEnabled: false }),
  user('deployer', { passwordEnabled: false, accessKeys: [key(), inactive] }),
  user('scripts', { passwordEnabled: false, accessKeys: [key(), key()] }),
  user('covered-api', { passwordEnabled: false, accessKeys: [inactive, key()] }),
]);
const joins = (name: string) => ({ key: `iam:add-user-to-group:BulwarkMFARequired:${name}`, risk: 'may-disrupt' as const, calls: ['iam:AddUserToGroup'], dependsOn: ['iam:create-policy:BulwarkRequireMFA', 'iam:create-group:BulwarkMFARequired'] });
const setup = [{ key: 'iam:create-policy:BulwarkRequireMFA', risk: 'safe' as const, calls: ['iam:CreatePolicy'] }, { key: 'iam:create-group:BulwarkMFARequired', risk: 'safe' as const, calls: ['iam:CreateGroup', 'iam:AttachGroupPolicy'], dependsOn: ['iam:create-policy:BulwarkRequireMFA'] }];

testCheck(check, [
  {
    name: 'covered through a group, uncovered alone, without password or active key not applicable', plan: [{ key: 'iam:create-policy:BulwarkRequireMFA', risk: 'safe', calls: ['iam:CreatePolicy'] }, { key: 'iam:create-group:BulwarkMFARequired', risk: 'safe', calls: ['iam:CreateGroup', 'iam:AttachGroupPolicy'], dependsOn: ['iam:create-policy:BulwarkRequireMFA'] }, { key: 'iam:add-user-to-group:BulwarkMFARequired:bob', risk: 'may-disrupt', calls: ['iam:AddUserToGroup'], dependsOn: ['iam:create-policy:BulwarkRequireMFA', 'iam:create-group:BulwarkMFARequired'] }],
    inventory: withAuthorization(
      { users: [iamUser('alice', { groups: ['everyone'] }), iamUser('bob'), iamUser('ci')], groups: [iamGroup('everyone', { attachedPolicyArns: [forceMfa.arn] })], policies: [forceMfa] },
      { credentialReport: report },
    ),
    expect: [['PASS', 'alice', /by managed policy ForceMFA/], ['FAIL', 'bob', /no policy denies sensitive actions without MFA/], ['NOT_APPLICABLE', 'ci']],
  },
  {
    name: 'API users (active access keys, no password) need the policy too',
    plan: [...setup, joins('deployer'), { ...joins('scripts'), riskNote: /its 2 active access keys stop working outside MFA sessions/ }],
    inventory: withAuthorization(
      { users: [iamUser('deployer'), iamUser('scripts'), iamUser('covered-api', { groups: ['everyone'] })], groups: [iamGroup('everyone', { attachedPolicyArns: [forceMfa.arn] })], policies: [forceMfa] },
      { credentialReport: report },
    ),
    expect: [
      ['FAIL', 'deployer', /^IAM user deployer calls the API with an active access key and no policy denies sensitive actions without MFA \(automation belongs on a role\)$/],
      ['FAIL', 'scripts', /calls the API with 2 active access keys/],
      ['PASS', 'covered-api', /by managed policy ForceMFA/],
    ],
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
