import check from './s3-account-public-access-blocked.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

testCheck(check, [
  { name: 'all four on', inventory: inventory({ s3: { accountPublicAccessBlock: collected(ALL) } }), expect: [['PASS', '123456789012']] },
  { name: 'two off, named', inventory: inventory({ s3: { accountPublicAccessBlock: collected({ ...ALL, ignorePublicAcls: false, restrictPublicBuckets: false }) } }), expect: [['FAIL', '123456789012', /off for IgnorePublicAcls, RestrictPublicBuckets$/]] },
  { name: 'never configured', inventory: inventory({ s3: { accountPublicAccessBlock: collected(null) } }), expect: [['FAIL', '123456789012', /off for BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets/]] },
  { name: 'denied', inventory: inventory({ s3: { accountPublicAccessBlock: accessDenied('s3control:GetPublicAccessBlock') } }), expect: [['UNKNOWN', '123456789012', /grant s3:GetAccountPublicAccessBlock/]] },
]);
