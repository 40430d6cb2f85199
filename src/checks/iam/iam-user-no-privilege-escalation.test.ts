import check from './iam-user-no-privilege-escalation.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, ADMIN_ARN, doc, iamGroup, iamUser, inventory, managedPolicy, withAuthorization } from '../../testing/builders.js';

const deploy = managedPolicy('deploy', doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }));

testCheck(check, [
  { name: 'read-only user', inventory: withAuthorization({ users: [iamUser('alice', { inlinePolicies: [{ name: 'ro', document: doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }) }] })] }), expect: [['PASS', 'alice']] },
  { name: 'PassRole with Lambda through a group', inventory: withAuthorization({ users: [iamUser('ci', { groups: ['deployers'] })], groups: [iamGroup('deployers', { attachedPolicyArns: [deploy.arn] })], policies: [deploy] }), expect: [['FAIL', 'ci', /iam:PassRole \+ lambda:CreateFunction/]] },
  { name: 'writing its own inline policy', inventory: withAuthorization({ users: [iamUser('bob', { inlinePolicies: [{ name: 'self', document: doc({ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: 'arn:aws:iam::123456789012:user/bob' }) }] })] }), expect: [['FAIL', 'bob', /iam:PutUserPolicy/]] },
  { name: 'admins are reported by the admin check', inventory: withAuthorization({ users: [iamUser('root-ish', { attachedPolicyArns: [ADMIN_ARN] })] }), expect: [['NOT_APPLICABLE', 'root-ish']] },
  { name: 'a missing managed policy document', inventory: withAuthorization({ users: [iamUser('x', { attachedPolicyArns: ['arn:aws:iam::123456789012:policy/gone'] })] }), expect: [['UNKNOWN', 'x', /policy\/gone: document not collected/]] },
  { name: 'denied', inventory: inventory({ iam: { authorization: accessDenied('iam:GetAccountAuthorizationDetails') } }), expect: [['UNKNOWN', '123456789012']] },
]);
