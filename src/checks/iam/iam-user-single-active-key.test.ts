import check from './iam-user-single-active-key.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory, key, user, withReport } from '../../testing/builders.js';

const off = key({ active: false, lastRotated: null, lastUsedDate: null });

testCheck(check, [
  { name: 'one key', inventory: withReport([user('ci', { accessKeys: [key(), off] })]), expect: [['PASS', 'ci']] },
  { name: 'two keys', inventory: withReport([user('ci', { accessKeys: [key(), key()] })]), expect: [['FAIL', 'ci', /two active access keys/]] },
  { name: 'no key', inventory: withReport([user('alice')]), expect: [['NOT_APPLICABLE', 'alice']] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
