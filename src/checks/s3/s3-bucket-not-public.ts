import { defineCheck, fail, pass, unknown } from '../../core/check.js';
import { bucketExposures, describeExposure } from '../../policy/s3-public.js';
import { bucketsWithAccountBlock, describeBucket } from '../../inventory/resources.js';
import { blockBucketPublicAccess, BUCKET_BLOCK_ACTIONS } from '../../fixers/s3.js';

export default defineCheck({
  id: 's3-bucket-not-public',
  title: 'S3 buckets are not public',
  service: 's3',
  severity: 'critical',
  checklist: ['AS-20'],
  rationale:
    'A bucket readable by everyone leaks whatever lands in it (backups, exports, logs with secrets); one writable by everyone hosts malware on your bill, and a public ACL-write lets anyone take the bucket over.',
  remediation: {
    text: 'Turn on all four Block Public Access settings for the account (or the bucket), remove AllUsers/AuthenticatedUsers grants from the ACL, and give the policy named principals or a fixed aws:SourceVpce / aws:PrincipalOrgID condition. Serve public websites through CloudFront with origin access control instead.',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  needs: ['s3.buckets', 's3.accountPublicAccessBlock'],
  resources: bucketsWithAccountBlock,
  describe: describeBucket,
  evaluate({ bucket, account }) {
    const label = `Bucket ${bucket.name} (${bucket.region})`;
    const { exposures, unread } = bucketExposures(bucket, account);
    const active = exposures.filter((e) => !e.blockedBy);
    if (active.length) return fail(`${label} is public: ${active.map(describeExposure).join('; ')}`);
    const blocked = exposures.filter((e) => e.blockedBy).map((e) => `${describeExposure(e)} is neutralised by ${e.blockedBy}`);
    if (unread.length) return unknown(`${label}: ${unread.join('; ')}`);
    return pass(`${label} is not public${blocked.length ? ` (${blocked.join('; ')})` : ''}`);
  },
  fix: { actions: BUCKET_BLOCK_ACTIONS, plan: ({ bucket, account }) => [blockBucketPublicAccess(bucket, account)] },
});
