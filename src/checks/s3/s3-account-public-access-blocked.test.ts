import check from './s3-account-public-access-blocked.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, bucket, inventory, publicRead } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const step = { key: 's3:block-account-public-access:123456789012', calls: ['s3:PutAccountPublicAccessBlock'] };

testCheck(check, [
  { name: 'all four on', inventory: inventory({ s3: { accountPublicAccessBlock: collected(ALL) } }), expect: [['PASS', '123456789012']] },
  {
    name: 'two off, named; no bucket is public',
    inventory: inventory({ s3: { accountPublicAccessBlock: collected({ ...ALL, ignorePublicAcls: false, restrictPublicBuckets: false }), buckets: collected([]) } }),
    expect: [['FAIL', '123456789012', /off for IgnorePublicAcls, RestrictPublicBuckets$/]],
    plan: [{ ...step, risk: 'safe', riskNote: /no bucket of the account is public now/ }],
  },
  {
    name: 'never configured, a public bucket would stop serving',
    inventory: inventory({ s3: { accountPublicAccessBlock: collected(null), buckets: collected([bucket('site', { policy: publicRead('site') })]) } }),
    expect: [['FAIL', '123456789012', /off for BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets/]],
    plan: [{ ...step, risk: 'may-disrupt', riskNote: /1 public bucket stop being public \(site\)/ }],
  },
  {
    name: 'bucket list unreadable: may disrupt, said why',
    inventory: inventory({ s3: { accountPublicAccessBlock: collected(null), buckets: accessDenied('s3:ListBuckets') } }),
    expect: [['FAIL', '123456789012']],
    plan: [{ ...step, risk: 'may-disrupt', riskNote: /bucket list could not be read/ }],
  },
  { name: 'denied', inventory: inventory({ s3: { accountPublicAccessBlock: accessDenied('s3control:GetPublicAccessBlock') } }), expect: [['UNKNOWN', '123456789012', /grant s3:GetAccountPublicAccessBlock/]] },
]);
