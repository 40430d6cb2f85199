import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetBucketAclCommand, GetBucketPolicyCommand, GetBucketTaggingCommand, GetPublicAccessBlockCommand, ListBucketsCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { accountPublicAccessBlock, bucketTags, collectBuckets } from './buckets.js';
import { collected } from '../../core/fact.js';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
const s3Error = (name: string, status: number) => new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

describe('S3 collectors', () => {
  beforeEach(() => {
    s3.reset();
    s3control.reset();
  });

  it('lists every page, reads each bucket in its own region, and keeps per-bucket failures apart', async () => {
    s3.on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [{ Name: 'logs', BucketRegion: 'eu-west-1', CreationDate: new Date('2024-01-01T00:00:00Z') }], ContinuationToken: 'next' })
      .resolvesOnce({ Buckets: [{ Name: 'site', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketAclCommand, { Bucket: 'logs' }).resolves({ Owner: { ID: 'me' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'me' }, Permission: 'FULL_CONTROL' }] });
    s3.on(GetBucketAclCommand, { Bucket: 'site' }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketPolicyCommand, { Bucket: 'logs' }).rejects(s3Error('NoSuchBucketPolicy', 404));
    s3.on(GetBucketPolicyCommand, { Bucket: 'site' }).resolves({ Policy: '{"Statement":[]}' });
    s3.on(GetPublicAccessBlockCommand).rejects(s3Error('NoSuchPublicAccessBlockConfiguration', 404));

    const aws = testContext();
    const buckets = await collectBuckets(aws, 'us-east-1');

    expect(buckets).toEqual([
      {
        name: 'logs',
        region: 'eu-west-1',
        createdAt: '2024-01-01T00:00:00.000Z',
        acl: { status: 'collected', value: { ownerId: 'me', grants: [{ granteeType: 'CanonicalUser', granteeId: 'me', permission: 'FULL_CONTROL' }] } },
        policy: { status: 'collected', value: null },
        publicAccessBlock: { status: 'collected', value: null },
      },
      {
        name: 'site',
        region: 'us-east-1',
        acl: { status: 'not-collected', kind: 'access-denied', operation: 's3:GetBucketAcl', errorCode: 'AccessDenied', message: 'Access Denied', permission: 's3:GetBucketAcl' },
        policy: { status: 'collected', value: '{"Statement":[]}' },
        publicAccessBlock: { status: 'collected', value: null },
      },
    ]);
    // Three reads per bucket plus the listing pages: no GetBucketLocation.
    expect(s3.calls()).toHaveLength(2 + 3 * 2);
  });

  it('reads every bucket\'s tags; no tag set is no tags, a denial fails the whole read', async () => {
    const listing = collected([
      { name: 'site', region: 'us-east-1', acl: collected({ grants: [] }), policy: collected(null), publicAccessBlock: collected(null) },
      { name: 'logs', region: 'eu-west-1', acl: collected({ grants: [] }), policy: collected(null), publicAccessBlock: collected(null) },
    ]);
    s3.on(GetBucketTaggingCommand, { Bucket: 'site' }).resolves({ TagSet: [{ Key: 'Purpose', Value: 'website' }] });
    s3.on(GetBucketTaggingCommand, { Bucket: 'logs' }).rejects(s3Error('NoSuchTagSet', 404));
    const inv = inventory({ s3: { buckets: listing } });
    expect(await bucketTags.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inv)).toEqual({ site: { Purpose: 'website' }, logs: {} });
    expect(s3.commandCalls(GetBucketTaggingCommand).map((call) => call.args[0].input.Bucket).sort()).toEqual(['logs', 'site']);

    s3.on(GetBucketTaggingCommand, { Bucket: 'logs' }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    await expect(bucketTags.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inv)).rejects.toThrow('Access Denied');
  });

  it('reads the account-level block, and no configuration as null', async () => {
    s3control.on(GetAccountBlockCommand, { AccountId: '123456789012' }).resolvesOnce({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false } });
    expect(await accountPublicAccessBlock.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inventory())).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false });
    s3control.on(GetAccountBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404));
    expect(await accountPublicAccessBlock.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inventory())).toBeNull();
  });
});
