/**
 * S3: the account's Block Public Access settings, and every bucket with what decides whether it
 * is public: its ACL, its policy and its own Block Public Access (three calls per bucket, in the
 * bucket's own region, in parallel under the scan's limit). The listing gives each bucket's
 * region, so no GetBucketLocation is needed.
 */
import type { Grant, PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { AwsContext } from '../../aws/context.js';
import { toNotCollected } from '../../aws/errors.js';
import type { PublicAccessBlock, S3Bucket } from '../../inventory/schema.js';
import { dependency, globalCollector, orWhenAbsent, readEach, readFact } from '../collector.js';
import { tagMap } from '../tags.js';
import { awsSdk } from '../../aws/sdk-modules.js';

const MISSING = ['NoSuchPublicAccessBlockConfiguration', 'NoSuchBucketPolicy'];

/** A read whose "no such configuration" answer means null; any other failure is kept as not collected. */
const read = <T>(operation: string, call: () => Promise<T>) => readFact(operation, () => orWhenAbsent(call, MISSING, null));

function toBlock(config: PublicAccessBlockConfiguration | undefined): PublicAccessBlock | null {
  if (!config) return null;
  return {
    blockPublicAcls: config.BlockPublicAcls ?? false,
    ignorePublicAcls: config.IgnorePublicAcls ?? false,
    blockPublicPolicy: config.BlockPublicPolicy ?? false,
    restrictPublicBuckets: config.RestrictPublicBuckets ?? false,
  };
}

export const accountPublicAccessBlock = globalCollector({
  key: 's3.accountPublicAccessBlock',
  service: 's3control',
  operations: ['GetPublicAccessBlock'],
  collect: async (aws, region, account) => {
    const { S3ControlClient, GetPublicAccessBlockCommand } = awsSdk('s3control');
    const client = aws.client('s3control', region, S3ControlClient);
    return orWhenAbsent(async () => toBlock((await client.send(new GetPublicAccessBlockCommand({ AccountId: account.id }))).PublicAccessBlockConfiguration), MISSING, null);
  },
});

export const buckets = globalCollector({
  key: 's3.buckets',
  service: 's3',
  operations: ['ListBuckets', 'GetBucketAcl', 'GetBucketPolicy', 'GetPublicAccessBlock'],
  collect: collectBuckets,
});

export async function collectBuckets(aws: AwsContext, region: string): Promise<S3Bucket[]> {
  const sdk = awsSdk('s3');
  const listing: { name: string; region: string; createdAt?: string }[] = [];
  for await (const page of sdk.paginateListBuckets({ client: aws.client('s3', region, sdk.S3Client), pageSize: 1000 }, {})) {
    for (const b of page.Buckets ?? []) {
      listing.push({ name: b.Name ?? '', region: b.BucketRegion ?? region, ...(b.CreationDate ? { createdAt: b.CreationDate.toISOString() } : {}) });
    }
  }
  return readEach(
    listing,
    async (bucket) => {
      const s3 = aws.client('s3', bucket.region, sdk.S3Client);
      const Bucket = bucket.name;
      const [acl, policy, publicAccessBlock] = await Promise.all([
        read('s3:GetBucketAcl', async () => {
          const r = await s3.send(new sdk.GetBucketAclCommand({ Bucket }));
          return { ...(r.Owner?.ID ? { ownerId: r.Owner.ID } : {}), grants: (r.Grants ?? []).map(toGrant) };
        }),
        read('s3:GetBucketPolicy', async () => (await s3.send(new sdk.GetBucketPolicyCommand({ Bucket }))).Policy ?? null),
        read('s3:GetPublicAccessBlock', async () => toBlock((await s3.send(new sdk.GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration)),
      ]);
      // An ACL always exists: "none" would be a parse problem, not a private bucket.
      const aclFact = acl.status === 'collected' && acl.value === null ? toNotCollected(new Error('no ACL returned'), 's3:GetBucketAcl') : acl;
      return { ...bucket, acl: aclFact as S3Bucket['acl'], policy, publicAccessBlock };
    },
    aws.concurrency,
  );
}

/**
 * Bucket tags, one GetBucketTagging per bucket in its own region. No check reads them: they are
 * collected only when a suppression matches by tag, so scans without one pay nothing.
 */
export const bucketTags = globalCollector({
  key: 's3.bucketTags',
  service: 's3',
  operations: ['GetBucketTagging'],
  after: ['s3.buckets'],
  collect: async (aws, _region, _account, inventory) => {
    const sdk = awsSdk('s3');
    const listing = dependency(inventory.s3.buckets, 's3:ListBuckets');
    const entries = await readEach(
      listing,
      async (bucket) => {
        const s3 = aws.client('s3', bucket.region, sdk.S3Client);
        const result = await orWhenAbsent(() => s3.send(new sdk.GetBucketTaggingCommand({ Bucket: bucket.name })), ['NoSuchTagSet'], undefined);
        return [bucket.name, tagMap(result?.TagSet)] as const;
      },
      aws.concurrency,
    );
    return Object.fromEntries(entries);
  },
});

function toGrant(grant: Grant) {
  return {
    granteeType: grant.Grantee?.Type ?? 'Unknown',
    ...(grant.Grantee?.URI ? { granteeUri: grant.Grantee.URI } : {}),
    ...(grant.Grantee?.ID ? { granteeId: grant.Grantee.ID } : {}),
    permission: (grant.Permission ?? 'READ'),
  };
}
