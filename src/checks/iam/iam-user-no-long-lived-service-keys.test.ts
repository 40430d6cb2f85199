import check from './iam-user-no-long-lived-service-keys.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, key, user, withReport } from '../../testing/builders.js';

const off = key({ active: false, lastRotated: null, lastUsedDate: null });

testCheck(check, [
  { name: 'a CI user whose key is in daily use', inventory: withReport([user('ci', { passwordEnabled: false, accessKeys: [key({ lastUsedService: 'ecr' }), off] })]), expect: [['FAIL', 'ci', /API-only, keys used recently \(ecr on 2026-10-31\)/]] },
  { name: 'an API-only user whose keys sleep', inventory: withReport([user('old', { passwordEnabled: false, accessKeys: [key({ lastUsedDate: daysAgo(200) }), off] })]), expect: [['PASS', 'old']] },
  { name: 'a person with a console password and a key', inventory: withReport([user('alice', { accessKeys: [key(), off] })]), expect: [['NOT_APPLICABLE', 'alice']] },
  { name: 'denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
