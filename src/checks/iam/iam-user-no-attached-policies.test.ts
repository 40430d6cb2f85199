import check from './iam-user-no-attached-policies.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, ADMIN_ARN, doc, iamUser, inventory, withAuthorization } from '../../testing/builders.js';

testCheck(check, [
  { name: 'rights through a group', inventory: withAuthorization({ users: [iamUser('alice', { groups: ['devs'] })] }), expect: [['PASS', 'alice', /groups: devs/]] },
  {
    name: 'an attached managed policy and an inline one',
    inventory: withAuthorization({ users: [iamUser('bob', { attachedPolicyArns: [ADMIN_ARN], inlinePolicies: [{ name: 'extra', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }] })] }),
    expect: [['FAIL', 'bob', /attached directly: AdministratorAccess, inline "extra"$/]],
  },
  { name: 'denied', inventory: inventory({ iam: { authorization: accessDenied('iam:GetAccountAuthorizationDetails') } }), expect: [['UNKNOWN', '123456789012']] },
]);
