import check from './iam-user-access-keys-rotated.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, key, root, user, withReport } from '../../testing/builders.js';
import { keyId, withLiveKeys } from '../../testing/fix-builders.js';

const off = key({ active: false, lastRotated: daysAgo(900), lastUsedDate: null });
const deactivate = (user: string, slot: 1 | 2) => `iam:deactivate-access-key:${keyId(user, slot)}`;

testCheck(check, [
  { name: 'a young key', inventory: withReport([user('ci', { accessKeys: [key({ lastRotated: daysAgo(20) }), off] })]), expect: [['PASS', 'ci access key 1', /20 days old/]] },
  {
    name: 'an old key, used yesterday: deactivating it may disrupt',
    inventory: withLiveKeys([user('ci', { accessKeys: [off, key({ lastRotated: daysAgo(400) })] })]),
    expect: [['FAIL', 'ci access key 2', /400 days old \(created 2025-09-27; limit 90 days\)/]],
    plan: [{ key: deactivate('ci', 2), risk: 'may-disrupt', calls: ['iam:UpdateAccessKey'], riskNote: /last used 2026-10-31 \(s3, eu-west-1\), 1 day ago/ }],
  },
  {
    name: 'an old key unused for half a year: safe to deactivate',
    inventory: withLiveKeys([user('ci', { accessKeys: [key({ lastRotated: daysAgo(400), lastUsedDate: daysAgo(180) }), off] })]),
    expect: [['FAIL', 'ci access key 1']],
    plan: [{ key: deactivate('ci', 1), risk: 'safe', calls: ['iam:UpdateAccessKey'], riskNote: /^last used 2026-05-05/ }],
  },
  {
    name: 'one finding per active key',
    inventory: withLiveKeys([user('ci', { accessKeys: [key({ lastRotated: daysAgo(91) }), key({ lastRotated: daysAgo(2) })] })]),
    expect: [['FAIL', 'ci access key 1'], ['PASS', 'ci access key 2']],
    plan: [{ key: deactivate('ci', 1), risk: 'may-disrupt', calls: ['iam:UpdateAccessKey'] }],
  },
  {
    name: 'key ids not readable: listed for fixing by hand',
    inventory: withReport([user('ci', { accessKeys: [key({ lastRotated: daysAgo(400) }), off] })]),
    expect: [['FAIL', 'ci access key 1']],
    plan: [],
  },
  { name: 'inactive keys and root keys are not this check', inventory: withReport([root({ accessKeys: [key({ lastRotated: daysAgo(900) }), off] }), user('old', { accessKeys: [off, off] })]), expect: [] },
  {
    name: 'a key ListAccessKeys shows inactive (the report is hours old) is not active',
    inventory: (() => {
      const inv = withLiveKeys([user('ci', { accessKeys: [key({ lastRotated: daysAgo(400) }), off] })]);
      return { ...inv, iam: { ...inv.iam, accessKeys: { status: 'collected' as const, value: { ci: [{ id: keyId('ci', 1), active: false, createdAt: daysAgo(400) }] } } } };
    })(),
    expect: [],
  },
  { name: 'report denied', inventory: inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), expect: [['UNKNOWN', '123456789012']] },
]);
