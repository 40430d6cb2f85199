import check from './s3-bucket-not-public.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, ACCOUNT_ID, bucket, doc, inventory, publicRead } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { PublicAccessBlock, S3Bucket } from '../../inventory/schema.js';

const ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const OFF = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const allUsers = (permission: 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL') => ({ granteeType: 'Group', granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission });
const anyone = (statement: object) => doc({ Effect: 'Allow', Principal: '*', Resource: 'arn:aws:s3:::b/*', ...statement });
function s3(b: S3Bucket, account: PublicAccessBlock | null = null) {
  return inventory({ s3: { buckets: collected([b]), accountPublicAccessBlock: collected(account) } });
}

testCheck(check, [
  { name: 'private: owner-only ACL, no policy', inventory: s3(bucket('b')), expect: [['PASS', 'b', /is not public$/]] },
  { name: 'ACL gives everyone READ', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { grants: [allUsers('READ')] })), expect: [['FAIL', 'b', /its ACL gives everyone \(AllUsers\) list/]] },
  { name: 'ACL gives everyone WRITE_ACP', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { grants: [allUsers('WRITE_ACP')] })), expect: [['FAIL', 'b', /write ACL/]] },
  {
    name: 'ACL AuthenticatedUsers FULL_CONTROL', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }],
    inventory: s3(bucket('b', { grants: [{ granteeType: 'Group', granteeUri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', permission: 'FULL_CONTROL' }] })),
    expect: [['FAIL', 'b', /any AWS account \(AuthenticatedUsers\) list, write, read ACL, write ACL/]],
  },
  { name: 'a public ACL under the bucket IgnorePublicAcls', inventory: s3(bucket('b', { grants: [allUsers('READ')], block: { ...OFF, ignorePublicAcls: true } })), expect: [['PASS', 'b', /neutralised by IgnorePublicAcls/]] },
  { name: 'a public ACL under the account IgnorePublicAcls', inventory: s3(bucket('b', { grants: [allUsers('READ')] }), ALL), expect: [['PASS', 'b', /neutralised by IgnorePublicAcls/]] },
  { name: 'policy: s3:GetObject to *', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: publicRead('b') })), expect: [['FAIL', 'b', /its policy gives everyone \(Principal \*\) read$/]] },
  { name: 'policy: s3:Get* is read, not write', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: anyone({ Action: 's3:Get*' }) })), expect: [['FAIL', 'b', /gives everyone \(Principal \*\) read, read ACL$/]] },
  { name: 'policy: AWS * and s3:*', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*' }) })), expect: [['FAIL', 'b', /read, list, write, read ACL, write ACL/]] },
  { name: 'policy: own account root is not public', inventory: s3(bucket('b', { policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 's3:*', Resource: '*' }) })), expect: [['PASS', 'b']] },
  { name: 'policy: a service principal is not public', inventory: s3(bucket('b', { policy: doc({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }) })), expect: [['PASS', 'b']] },
  { name: 'policy: * restricted to a VPC endpoint', inventory: s3(bucket('b', { policy: anyone({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } } }) })), expect: [['PASS', 'b']] },
  { name: 'policy: * restricted to the organisation', inventory: s3(bucket('b', { policy: anyone({ Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }) })), expect: [['PASS', 'b']] },
  { name: 'policy: * restricted to an office range', inventory: s3(bucket('b', { policy: anyone({ Action: 's3:GetObject', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } }) })), expect: [['PASS', 'b']] },
  { name: 'policy: aws:SourceIp 0.0.0.0/0 is public', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: anyone({ Action: 's3:GetObject', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }) })), expect: [['FAIL', 'b', /read/]] },
  { name: 'policy: a wildcard org id does not restrict', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: anyone({ Action: 's3:GetObject', Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } }) })), expect: [['FAIL', 'b']] },
  { name: 'policy: an unrelated condition does not restrict', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: anyone({ Action: 's3:GetObject', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) })), expect: [['FAIL', 'b']] },
  { name: 'policy: a wildcard account ARN is public', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 's3:GetObject', Resource: '*' }) })), expect: [['FAIL', 'b', /read/]] },
  { name: 'policy: Allow with NotPrincipal is everyone else', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: doc({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 's3:GetObject', Resource: '*' }) })), expect: [['FAIL', 'b', /read/]] },
  { name: 'policy: a Deny to * is not public', inventory: s3(bucket('b', { policy: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) })), expect: [['PASS', 'b']] },
  { name: 'public policy under RestrictPublicBuckets (bucket)', inventory: s3(bucket('b', { policy: publicRead('b'), block: { ...OFF, restrictPublicBuckets: true } })), expect: [['PASS', 'b', /neutralised by RestrictPublicBuckets/]] },
  { name: 'both ACL and policy public', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: publicRead('b'), grants: [allUsers('WRITE')] })), expect: [['FAIL', 'b', /ACL gives everyone \(AllUsers\) write; its policy gives everyone \(Principal \*\) read/]] },
  { name: 'public ACL blocked, public policy not: still public', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }], inventory: s3(bucket('b', { policy: publicRead('b'), grants: [allUsers('READ')], block: { ...OFF, ignorePublicAcls: true } })), expect: [['FAIL', 'b', /policy gives everyone/]] },
  { name: 'a malformed policy is not a pass', inventory: s3(bucket('b', { policy: '{"Statement": 5}' })), expect: [['UNKNOWN', 'b', /malformed/]] },
  { name: 'policy unreadable', inventory: inventory({ s3: { buckets: collected([{ ...bucket('b'), policy: accessDenied('s3:GetBucketPolicy') }]), accountPublicAccessBlock: collected(null) } }), expect: [['UNKNOWN', 'b', /grant s3:GetBucketPolicy/]] },
  {
    name: 'policy unreadable but the ACL is public: that is enough', plan: [{ key: 's3:block-bucket-public-access:b', risk: 'may-disrupt', calls: ['s3:PutBucketPublicAccessBlock'] }],
    inventory: inventory({ s3: { buckets: collected([{ ...bucket('b', { grants: [allUsers('READ')] }), policy: accessDenied('s3:GetBucketPolicy') }]), accountPublicAccessBlock: collected(null) } }),
    expect: [['FAIL', 'b', /ACL gives everyone/]],
  },
  {
    name: 'public by its own settings, account block unreadable',
    inventory: inventory({ s3: { buckets: collected([bucket('b', { policy: publicRead('b') })]), accountPublicAccessBlock: accessDenied('s3control:GetPublicAccessBlock') } }),
    expect: [['UNKNOWN', 'b', /public unless the account-level Block Public Access stops it/]],
  },
  {
    name: 'private by its own settings, account block unreadable: still a pass',
    inventory: inventory({ s3: { buckets: collected([bucket('b')]), accountPublicAccessBlock: accessDenied('s3control:GetPublicAccessBlock') } }),
    expect: [['PASS', 'b']],
  },
  { name: 'listing denied', inventory: inventory({ s3: { buckets: accessDenied('s3:ListBuckets') } }), expect: [['UNKNOWN', '123456789012', /grant s3:ListAllMyBuckets/]] },
]);
