import check from './iam-policy-no-full-admin.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, ADMIN_DOC, doc, iamRole, iamUser, inventory, managedPolicy, withAuthorization } from '../../testing/builders.js';

testCheck(check, [
  { name: 'a scoped customer policy', inventory: withAuthorization({ policies: [managedPolicy('deploy', doc({ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: '*' }))] }), expect: [['PASS', 'managed policy deploy']] },
  { name: 'AWS managed policies are not the account\'s own', inventory: withAuthorization({}), expect: [] },
  { name: 'a customer policy with * on *', inventory: withAuthorization({ policies: [managedPolicy('ops-all', ADMIN_DOC)] }), expect: [['FAIL', 'managed policy ops-all', /managed policy ops-all allows "\*" on "\*"$/]] },
  { name: 'an unattached one says so', inventory: withAuthorization({ policies: [managedPolicy('spare', ADMIN_DOC, { attachmentCount: 0 })] }), expect: [['FAIL', 'managed policy spare', /attached to nothing yet/]] },
  {
    name: 'inline policies of users and roles, one finding each',
    inventory: withAuthorization({
      users: [iamUser('bob', { inlinePolicies: [{ name: 'admin-ish', document: doc({ Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' }) }] })],
      roles: [iamRole('app', { inlinePolicies: [{ name: 'read', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }] })],
    }),
    expect: [['FAIL', 'inline policy "admin-ish" of user bob', /every action except ec2:\*/], ['PASS', 'inline policy "read" of role app']],
  },
  { name: 'a malformed document is reported, not passed', inventory: withAuthorization({ policies: [managedPolicy('broken', '{"Version": "2012-10-17"}')] }), expect: [['UNKNOWN', 'managed policy broken', /malformed: the document has no Statement/]] },
  { name: 'denied', inventory: inventory({ iam: { authorization: accessDenied('iam:GetAccountAuthorizationDetails') } }), expect: [['UNKNOWN', '123456789012']] },
]);
