import { defineCheck, fail, pass, unknown } from '../../core/check.js';
import { describeNotCollected, mapFact, notInInventory, type Fact } from '../../core/fact.js';
import type { PublicAccessBlock, S3Bucket } from '../../inventory/schema.js';
import { isPolicy, parsePolicy } from '../../policy/document.js';
import { aclExposures, effectiveBlock, policyExposures, type Exposure } from '../../policy/s3-public.js';

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
  resources: (inventory) => [
    {
      region: 'global',
      items: mapFact(inventory.s3.buckets ?? notInInventory('s3:ListBuckets'), (buckets) =>
        buckets.map((bucket) => ({ bucket, account: inventory.s3.accountPublicAccessBlock ?? notInInventory('s3control:GetPublicAccessBlock') })),
      ),
    },
  ],
  describe: ({ bucket }, { account }) => ({ id: `arn:${account.partition}:s3:::${bucket.name}`, type: 'AwsS3Bucket', name: bucket.name }),
  evaluate({ bucket, account }) {
    const label = `Bucket ${bucket.name} (${bucket.region})`;
    const { exposures, unread } = exposuresOf(bucket, account);
    const active = exposures.filter((e) => !e.blockedBy);
    if (active.length) return fail(`${label} is public: ${active.map(describe).join('; ')}`);
    const blocked = exposures.filter((e) => e.blockedBy).map((e) => `${describe(e)} is neutralised by ${e.blockedBy}`);
    if (unread.length) return unknown(`${label}: ${unread.join('; ')}`);
    return pass(`${label} is not public${blocked.length ? ` (${blocked.join('; ')})` : ''}`);
  },
});

function describe(e: Exposure): string {
  return `its ${e.via} gives ${e.to} ${e.access.join(', ')}`;
}

/**
 * What the readable parts of the bucket's configuration expose, and what could not be read.
 * An unreadable account-level block only matters when the bucket's own settings leave something open.
 */
function exposuresOf(bucket: S3Bucket, accountFact: Fact<PublicAccessBlock | null>) {
  const unread: string[] = [];
  const value = <T>(fact: Fact<T>): T | undefined => {
    if (fact.status === 'collected') return fact.value;
    unread.push(describeNotCollected(fact));
    return undefined;
  };
  const bucketBlock = value(bucket.publicAccessBlock) ?? null;
  const block = effectiveBlock(accountFact.status === 'collected' ? accountFact.value : null, bucketBlock);
  const exposures: Exposure[] = [];
  const acl = value(bucket.acl);
  if (acl) exposures.push(...aclExposures(acl.grants, block));
  const policyText = value(bucket.policy);
  if (policyText) {
    const parsed = parsePolicy(`policy of ${bucket.name}`, policyText);
    if (isPolicy(parsed)) exposures.push(...policyExposures(parsed, block));
    else unread.push(`the bucket policy is malformed: ${parsed.error}`);
  }
  if (accountFact.status !== 'collected' && exposures.some((e) => !e.blockedBy)) {
    // Open by the bucket's own settings; the account-level block, unread, might still close it.
    return { exposures: [], unread: [...unread, `public unless the account-level Block Public Access stops it, which ${describeNotCollected(accountFact)}`] };
  }
  return { exposures, unread };
}
