import { defineCheck, fail, need, pass, unknown } from '../../core/check.js';
import { mapFact, notInInventory } from '../../core/fact.js';
import { bucketExposures, describeExposure } from '../../policy/s3-public.js';
import { describeBucket } from '../../inventory/resources.js';

export default defineCheck({
  id: 'cloudtrail-bucket-protected',
  title: 'Trail buckets cannot be read by the public or emptied by an intruder',
  service: 'cloudtrail',
  severity: 'high',
  checklist: ['AS-42'],
  rationale:
    'Deleting the logs is an intruder\'s last step. A trail bucket needs Object Lock (or versioning with MFA delete) so old logs survive, access logging so reads and deletions are seen, and no public access.',
  remediation: {
    text: 'Use a dedicated bucket (ideally in a separate logging account) with Object Lock in governance or compliance mode, server access logging to another bucket, and Block Public Access.',
    cli: 'aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"trail/"}}\'',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
  },
  needs: ['cloudtrail.trailBuckets', 's3.buckets', 's3.accountPublicAccessBlock'],
  resources: (inventory) => [
    {
      region: 'global',
      items: mapFact(inventory.cloudtrail.trailBuckets ?? notInInventory('cloudtrail:ListTrails'), (buckets) =>
        buckets.map((bucket) => ({ bucket, listing: inventory.s3.buckets, accountBlock: inventory.s3.accountPublicAccessBlock ?? notInInventory('s3control:GetPublicAccessBlock') })),
      ),
    },
  ],
  describe: describeBucket,
  evaluate({ bucket, listing, accountBlock }) {
    const label = `Trail bucket ${bucket.name}`;
    const own = listing?.status === 'collected' ? listing.value.find((b) => b.name === bucket.name) : undefined;
    if (listing?.status === 'collected' && !own) return unknown(`${label} is not in this account (a central logging account?): check it there`);
    const problems: string[] = [];
    const exposure = own ? bucketExposures(own, accountBlock) : undefined;
    if (exposure) problems.push(...exposure.exposures.filter((e) => !e.blockedBy).map((e) => `it is public: ${describeExposure(e)}`));
    const lock = bucket.objectLock.status === 'collected' ? bucket.objectLock.value : undefined;
    const versioning = bucket.versioning.status === 'collected' ? bucket.versioning.value : undefined;
    if (!(lock || (versioning?.enabled && versioning.mfaDelete))) {
      need(bucket.objectLock, 's3:GetObjectLockConfiguration');
      const { enabled, mfaDelete } = need(bucket.versioning, 's3:GetBucketVersioning');
      problems.push(`logs can be deleted: no Object Lock, versioning ${enabled ? 'on' : 'off'}, MFA delete ${mfaDelete ? 'on' : 'off'}`);
    }
    if (!need(bucket.accessLogging, 's3:GetBucketLogging')) problems.push('server access logging is off');
    if (problems.length) return fail(`${label}: ${problems.join('; ')}`);
    // "Not public" is part of the pass: it needs the bucket listing and every part of the bucket read.
    need(listing, 's3:ListBuckets');
    if (exposure?.unread.length) return unknown(`${label}: ${exposure.unread.join('; ')}`);
    return pass(`${label} keeps its logs, records who reads them and is not public`);
  },
  fix: { plan: () => [], actions: [], manual: 'Protect the existing trail bucket by hand: turn on Object Lock with a default retention (irreversible: aws s3api put-object-lock-configuration) or versioning with MFA delete (root only), and server access logging to a separate bucket. A trail Bulwark creates gets a bucket that already has all of this.' },
});
