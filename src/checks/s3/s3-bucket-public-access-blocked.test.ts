import check from './s3-bucket-public-access-blocked.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, bucket, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const OFF = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const s3 = (b: ReturnType<typeof bucket>, account: ReturnType<typeof collected<typeof ALL | null>> | ReturnType<typeof accessDenied>) => inventory({ s3: { buckets: collected([b]), accountPublicAccessBlock: account } });

testCheck(check, [
  { name: 'the account covers it (no false FAIL for a bucket without its own)', inventory: s3(bucket('b'), collected(ALL)), expect: [['PASS', 'b', /covered by the account-level/]] },
  { name: 'its own settings', inventory: s3(bucket('b', { block: ALL }), collected(null)), expect: [['PASS', 'b', /on$/]] },
  { name: 'neither', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'safe', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b'), collected(null)), expect: [['FAIL', 'b', /off for BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets, at both/]] },
  { name: 'the two levels together cover every setting', inventory: s3(bucket('b', { block: { ...OFF, ignorePublicAcls: true, restrictPublicBuckets: true } }), collected({ ...OFF, blockPublicAcls: true, blockPublicPolicy: true })), expect: [['PASS', 'b']] },
  { name: 'gaps at both levels', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'safe', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { block: { ...OFF, ignorePublicAcls: true } }), collected({ ...OFF, blockPublicAcls: true })), expect: [['FAIL', 'b', /off for BlockPublicPolicy, RestrictPublicBuckets/]] },
  { name: 'account unreadable and bucket open: cannot tell', inventory: s3(bucket('b'), accessDenied('s3control:GetPublicAccessBlock')), expect: [['UNKNOWN', 'b']] },
  { name: 'listing denied', inventory: inventory({ s3: { buckets: accessDenied('s3:ListBuckets') } }), expect: [['UNKNOWN', '123456789012']] },
]);
