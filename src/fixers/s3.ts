/** S3 write steps that checks' fix plans reuse. */
import type { FixContext, FixStep } from '../core/fix-plan.js';
import type { Fact } from '../core/fact.js';
import type { PublicAccessBlock, S3Bucket } from '../inventory/schema.js';
import { bucketExposures, describeExposure } from '../policy/s3-public.js';

/** Put, and (undoing a configuration that did not exist) delete, which IAM also authorises as s3:PutAccountPublicAccessBlock. */
export const BLOCK_ACCOUNT_PUBLIC_ACCESS_ACTIONS = ['s3:PutAccountPublicAccessBlock'] as const;

const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

const wire = (block: PublicAccessBlock) => ({
  BlockPublicAcls: block.blockPublicAcls,
  IgnorePublicAcls: block.ignorePublicAcls,
  BlockPublicPolicy: block.blockPublicPolicy,
  RestrictPublicBuckets: block.restrictPublicBuckets,
});

const words = (block: PublicAccessBlock | null) =>
  block ? Object.entries(wire(block)).map(([name, on]) => `${name}=${on ? 'on' : 'off'}`).join(', ') : 'no configuration (all four off)';

/**
 * All four account-level Block Public Access settings on. Buckets that are public now stop being
 * public, so the plan names them; undo restores the settings read before (or deletes the configuration).
 */
export function blockAccountPublicAccess(current: PublicAccessBlock | null, { account, inventory }: FixContext): FixStep {
  const buckets = inventory.s3.buckets;
  let risk: FixStep['risk'] = 'safe';
  let riskNote = 'no bucket of the account is public now';
  if (buckets?.status !== 'collected') {
    [risk, riskNote] = ['may-disrupt', 'may disrupt: the bucket list could not be read, so public buckets that would stop serving cannot be named'];
  } else {
    const accountFact = { status: 'collected', value: current } as const;
    const open = buckets.value.filter((bucket) => bucketExposures(bucket, accountFact).exposures.some((e) => !e.blockedBy)).map((b) => b.name);
    if (open.length) [risk, riskNote] = ['may-disrupt', `may disrupt: ${open.length} public bucket${open.length === 1 ? '' : 's'} stop being public (${open.slice(0, 5).join(', ')}${open.length > 5 ? ', …' : ''})`];
  }
  const put = (block: PublicAccessBlock) => ({
    action: 's3:PutAccountPublicAccessBlock',
    sdk: 'S3Control.PutPublicAccessBlock',
    region: 'global',
    input: { AccountId: account.id, PublicAccessBlockConfiguration: wire(block) },
  });
  return {
    key: `s3:block-account-public-access:${account.id}`,
    title: `Turn on all four S3 Block Public Access settings for account ${account.id}`,
    before: words(current),
    after: words(ALL_ON),
    calls: [put(ALL_ON)],
    undo: current ? [put(current)] : [{ action: 's3:PutAccountPublicAccessBlock', sdk: 'S3Control.DeletePublicAccessBlock', region: 'global', input: { AccountId: account.id } }],
    risk,
    riskNote,
  };
}

export const BUCKET_BLOCK_ACTIONS = ['s3:PutBucketPublicAccessBlock'];

/**
 * All four Block Public Access settings on one bucket (when the account must allow public buckets
 * elsewhere). A bucket that is public now stops being public: the plan says how it is reached.
 */
export function blockBucketPublicAccess(bucket: S3Bucket, accountBlock: Fact<PublicAccessBlock | null>): FixStep {
  const current = bucket.publicAccessBlock.status === 'collected' ? bucket.publicAccessBlock.value : undefined;
  const open = bucketExposures(bucket, accountBlock).exposures.filter((e) => !e.blockedBy);
  const put = (block: PublicAccessBlock) => ({ action: 's3:PutBucketPublicAccessBlock', sdk: 'S3.PutPublicAccessBlock', region: bucket.region, input: { Bucket: bucket.name, PublicAccessBlockConfiguration: wire(block) } });
  const undo =
    current === undefined ? undefined : current ? [put(current)] : [{ action: 's3:PutBucketPublicAccessBlock', sdk: 'S3.DeletePublicAccessBlock', region: bucket.region, input: { Bucket: bucket.name } }];
  return {
    key: `s3:block-bucket-public-access:${bucket.name}`,
    title: `Turn on all four Block Public Access settings of bucket ${bucket.name}`,
    before: current === undefined ? 'unknown (s3:GetBucketPublicAccessBlock could not be read, so this step cannot be undone)' : words(current),
    after: words(ALL_ON),
    calls: [put(ALL_ON)],
    ...(undo ? { undo } : {}),
    ...(open.length
      ? { risk: 'may-disrupt' as const, riskNote: `may disrupt: the bucket is public now (${open.map(describeExposure).join('; ')}); anything that reads it anonymously, such as a website or public downloads, stops working` }
      : { risk: 'safe' as const, riskNote: 'the bucket is not public now' }),
  };
}
