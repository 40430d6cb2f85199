import check from './cloudtrail-bucket-protected.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, bucket, inventory, publicRead } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { S3Bucket, TrailBucket } from '../../inventory/schema.js';

const protectedBucket = (name: string, more: Partial<TrailBucket> = {}): TrailBucket => ({
  name,
  versioning: collected({ enabled: true, mfaDelete: false }),
  objectLock: collected(true),
  accessLogging: collected(true),
  ...more,
});
const inv = (trailBucket: TrailBucket, own: S3Bucket[] = [bucket(trailBucket.name)]) =>
  inventory({ cloudtrail: { trailBuckets: collected([trailBucket]) }, s3: { buckets: collected(own), accountPublicAccessBlock: collected(null) } });

testCheck(check, [
  { name: 'Object Lock and access logging', inventory: inv(protectedBucket('trail')), expect: [['PASS', 'trail']] },
  { name: 'versioning with MFA delete instead of Object Lock', inventory: inv(protectedBucket('trail', { objectLock: collected(false), versioning: collected({ enabled: true, mfaDelete: true }) })), expect: [['PASS', 'trail']] },
  {
    name: 'deletable, unlogged and public', plan: [],
    inventory: inv(protectedBucket('trail', { objectLock: collected(false), accessLogging: collected(false) }), [bucket('trail', { policy: publicRead('trail') })]),
    expect: [['FAIL', 'trail', /it is public: its policy gives everyone \(Principal \*\) read; logs can be deleted: no Object Lock, versioning on, MFA delete off; server access logging is off$/]],
  },
  { name: 'a bucket of another account', inventory: inv(protectedBucket('org-trail'), []), expect: [['UNKNOWN', 'org-trail', /not in this account/]] },
  { name: 'Object Lock unreadable and versioning not enough', inventory: inv(protectedBucket('trail', { objectLock: accessDenied('s3:GetObjectLockConfiguration') })), expect: [['UNKNOWN', 'trail', /GetBucketObjectLockConfiguration/]] },
  {
    name: 'the bucket listing denied: public or not is unknown',
    inventory: inventory({ cloudtrail: { trailBuckets: collected([protectedBucket('trail')]) }, s3: { buckets: accessDenied('s3:ListBuckets'), accountPublicAccessBlock: collected(null) } }),
    expect: [['UNKNOWN', 'trail', /ListBuckets/]],
  },
  {
    name: 'the bucket ACL unreadable: public or not is unknown',
    inventory: inv(protectedBucket('trail'), [{ ...bucket('trail'), acl: accessDenied('s3:GetBucketAcl') }]),
    expect: [['UNKNOWN', 'trail', /GetBucketAcl/]],
  },
  {
    name: 'deletable even though the listing is denied', plan: [],
    inventory: inventory({ cloudtrail: { trailBuckets: collected([protectedBucket('trail', { objectLock: collected(false) })]) }, s3: { buckets: accessDenied('s3:ListBuckets'), accountPublicAccessBlock: collected(null) } }),
    expect: [['FAIL', 'trail', /logs can be deleted/]],
  },
  { name: 'trails denied', inventory: inventory({ cloudtrail: { trailBuckets: accessDenied('cloudtrail:ListTrails') } }), expect: [['UNKNOWN', '123456789012']] },
]);
