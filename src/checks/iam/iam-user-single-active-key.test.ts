import check from './iam-user-single-active-key.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, key, user, withReport } from '../../testing/builders.js';
import { keyId, withLiveKeys } from '../../testing/fix-builders.js';

const off = key({ active: false, lastRotated: null, lastUsedDate: null });

testCheck(check, [
  { name: 'one key', inventory: withReport([user('ci', { accessKeys: [key(), off] })]), expect: [['PASS', 'ci']] },
  {
    name: 'two keys: the one used less recently is deactivated',
    inventory: withLiveKeys([user('ci', { accessKeys: [key({ lastRotated: daysAgo(60), lastUsedDate: daysAgo(1) }), key({ lastRotated: daysAgo(10), lastUsedDate: null })] })]),
    expect: [['FAIL', 'ci', /two active access keys/]],
    plan: [{ key: `iam:deactivate-access-key:${keyId('ci', 2)}`, risk: 'safe', calls: ['iam:UpdateAccessKey'], riskNote: /never used/ }],
  },
  {
    name: 'two keys both in use: may disrupt',
    inventory: withLiveKeys([user('ci', { accessKeys: [key({ lastRotated: daysAgo(60), lastUsedDate: daysAgo(2) }), key({ lastRotated: daysAgo(10), lastUsedDate: daysAgo(1) })] })]),
    expect: [['FAIL', 'ci']],
    plan: [{ key: `iam:deactivate-access-key:${keyId('ci', 1)}`, risk: 'may-disrupt', calls: ['iam:UpdateAccessKey'], riskNote: /2 days ago/ }],
  },
  {
    name: 'two keys in the report, one already off per ListAccessKeys',
    inventory: (() => {
      const inv = withLiveKeys([user('ci', { accessKeys: [key({ lastRotated: daysAgo(60) }), key({ lastRotated: daysAgo(10) })] })]);
      return { ...inv, iam: { ...inv.iam, accessKeys: { status: 'collected' as const, value: { ci: [{ id: keyId('ci', 1), active: true, createdAt: daysAgo(60) }, { id: keyId('ci', 2), active: false, createdAt: daysAgo(10) }] } } } };
    })(),
    expect: [['PASS', 'ci']],
  },
  { name: 'no key', inventory: withReport([user('alice')]), expect: [['NOT_APPLICABLE', 'alice']] },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
