import check from './iam-user-access-keys-used.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, key, user, withReport } from '../../testing/builders.js';
import { keyId, withLiveKeys } from '../../testing/fix-builders.js';

const off = key({ active: false, lastRotated: null, lastUsedDate: null });
const deactivate = (user: string, slot: 1 | 2) => `iam:deactivate-access-key:${keyId(user, slot)}`;

testCheck(check, [
  { name: 'used yesterday', inventory: withReport([user('ci', { accessKeys: [key(), off] })]), expect: [['PASS', 'ci access key 1', /used 2026-10-31 \(s3\)/]] },
  {
    name: 'unused for 120 days',
    inventory: withLiveKeys([user('ci', { accessKeys: [key({ lastUsedDate: daysAgo(120) }), off] })]),
    expect: [['FAIL', 'ci access key 1', /not been used for 120 days/]],
    plan: [{ key: deactivate('ci', 1), risk: 'safe', calls: ['iam:UpdateAccessKey'], riskNote: /^last used 2026-07-04 \(s3, eu-west-1\)$/ }],
  },
  {
    name: 'never used, created a month ago',
    inventory: withLiveKeys([user('ci', { accessKeys: [key({ lastUsedDate: null, lastRotated: daysAgo(30) }), off] })]),
    expect: [['FAIL', 'ci access key 1', /never been used since it was created 2026-10-02/]],
    plan: [{ key: deactivate('ci', 1), risk: 'safe', calls: ['iam:UpdateAccessKey'], riskNote: /^never used$/ }],
  },
  { name: 'never used, created yesterday', inventory: withReport([user('ci', { accessKeys: [off, key({ lastUsedDate: null, lastRotated: daysAgo(1) })] })]), expect: [['PASS', 'ci access key 2', /is new/]] },
  {
    name: 'ListAccessKeys denied: listed for fixing by hand',
    inventory: { ...withReport([user('ci', { accessKeys: [key({ lastUsedDate: daysAgo(120) }), off] })]), iam: { credentialReport: withReport([user('ci', { accessKeys: [key({ lastUsedDate: daysAgo(120) }), off] })]).iam.credentialReport!, accessKeys: accessDenied('iam:ListAccessKeys') } },
    expect: [['FAIL', 'ci access key 1']],
    plan: [],
  },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
