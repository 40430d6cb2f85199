import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, ListTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetDetectorCommand, GetFindingsCommand, GuardDutyClient, ListDetectorsCommand, ListFindingsCommand } from '@aws-sdk/client-guardduty';
import { AccountClient, GetAlternateContactCommand, ResourceNotFoundException } from '@aws-sdk/client-account';
import { collectTrails, managementCoverage } from './cloudtrail.js';
import { guardDuty } from './guardduty.js';
import { securityContact } from './account.js';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';
import { collectInventory } from '../../core/collect.js';
import { GetBucketAclCommand, GetBucketLocationCommand, GetBucketLoggingCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, GetObjectLockConfigurationCommand, GetPublicAccessBlockCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = mockClient(S3Client);

const cloudtrail = mockClient(CloudTrailClient);
const gd = mockClient(GuardDutyClient);
const account = mockClient(AccountClient);

describe('managementCoverage', () => {
  it.each([
    ['no selectors: CloudTrail records all management events', undefined, undefined, { read: true, write: true, exclusions: [] }],
    ['classic All', [{ ReadWriteType: 'All' as const, IncludeManagementEvents: true }], undefined, { read: true, write: true, exclusions: [] }],
    ['classic WriteOnly', [{ ReadWriteType: 'WriteOnly' as const }], undefined, { read: false, write: true, exclusions: [] }],
    ['classic data events only', [{ ReadWriteType: 'All' as const, IncludeManagementEvents: false }], undefined, { read: false, write: false, exclusions: [] }],
    ['classic with KMS excluded', [{ ReadWriteType: 'All' as const, ExcludeManagementEventSources: ['kms.amazonaws.com'] }], undefined, { read: true, write: true, exclusions: ['eventSource kms.amazonaws.com'] }],
    ['advanced management events', undefined, [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }], { read: true, write: true, exclusions: [] }],
    ['advanced read-only', undefined, [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] }], { read: true, write: false, exclusions: [] }],
    [
      'advanced with an excluded source',
      undefined,
      [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['rdsdata.amazonaws.com'] }] }],
      { read: true, write: true, exclusions: ['eventSource rdsdata.amazonaws.com'] },
    ],
    ['advanced data events only', undefined, [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }], { read: false, write: false, exclusions: [] }],
  ])('%s', (_name, classic, advanced, expected) => expect(managementCoverage(classic, advanced)).toEqual(expected));
});

describe('monitoring collectors', () => {
  beforeEach(() => {
    cloudtrail.reset();
    gd.reset();
    account.reset();
  });

  it('finds trails of every home region and keeps a failed status read apart', async () => {
    cloudtrail.on(ListTrailsCommand).resolves({ Trails: [{ TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main', HomeRegion: 'us-east-1' }, { TrailARN: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/eu', HomeRegion: 'eu-west-1' }] });
    cloudtrail.on(DescribeTrailsCommand).callsFake((input: { trailNameList: string[] }) => ({
      trailList: input.trailNameList.map((arn) => ({ TrailARN: arn, Name: arn.split('/').pop(), HomeRegion: arn.split(':')[3], IsMultiRegionTrail: arn.endsWith('main'), LogFileValidationEnabled: true })),
    }));
    cloudtrail.on(GetTrailStatusCommand, { Name: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main' }).resolves({ IsLogging: true });
    cloudtrail.on(GetTrailStatusCommand, { Name: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/eu' }).rejects(awsError('AccessDeniedException', 'denied', 400));
    cloudtrail.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All' }] });
    const trails = await collectTrails(testContext(), 'us-east-1');
    expect(trails.map((t) => [t.name, t.homeRegion, t.multiRegion, t.status.status])).toEqual([
      ['main', 'us-east-1', true, 'collected'],
      ['eu', 'eu-west-1', false, 'not-collected'],
    ]);
    expect(cloudtrail.commandCalls(DescribeTrailsCommand)).toHaveLength(2); // one per home region
  });

  it('reads when a stopped trail stopped, and reads the bucket of a stopped single-region trail too', async () => {
    s3.reset();
    const main = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main';
    const stopped = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/stopped';
    cloudtrail.on(ListTrailsCommand).resolves({ Trails: [{ TrailARN: main, HomeRegion: 'us-east-1' }, { TrailARN: stopped, HomeRegion: 'eu-west-1' }] });
    cloudtrail.on(DescribeTrailsCommand).callsFake((input: { trailNameList: string[] }) => ({
      trailList: input.trailNameList.map((arn) => ({ TrailARN: arn, Name: arn.split('/').pop(), HomeRegion: arn.split(':')[3], IsMultiRegionTrail: arn === main, S3BucketName: `${arn.split('/').pop() ?? ''}-logs` })),
    }));
    cloudtrail.on(GetTrailStatusCommand, { Name: main }).resolves({ IsLogging: true, StartLoggingTime: new Date('2026-01-01T00:00:00Z'), StopLoggingTime: new Date('2025-12-31T00:00:00Z') });
    cloudtrail.on(GetTrailStatusCommand, { Name: stopped }).resolves({ IsLogging: false, StartLoggingTime: new Date('2026-01-01T00:00:00Z'), StopLoggingTime: new Date('2026-11-29T03:12:44Z') });
    cloudtrail.on(GetEventSelectorsCommand).resolves({});
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'main-logs', BucketRegion: 'us-east-1' }, { Name: 'stopped-logs', BucketRegion: 'eu-west-1' }] });
    s3.on(GetBucketAclCommand).resolves({ Grants: [] });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
    s3.on(GetPublicAccessBlockCommand).resolves({});
    s3.on(GetBucketVersioningCommand).resolves({});
    s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 'none', 404));
    s3.on(GetBucketLoggingCommand).resolves({});
    const result = await collectInventory(testContext(), { account: TEST_ACCOUNT, homeRegion: 'us-east-1', regions: { scanned: ['us-east-1', 'eu-west-1'], skipped: [] }, needs: new Set(['cloudtrail.trailBuckets']) });
    const trails = result.cloudtrail.trails?.status === 'collected' ? result.cloudtrail.trails.value : [];
    expect(trails.map((t) => [t.name, t.status])).toEqual([
      ['main', { status: 'collected', value: { isLogging: true } }],
      ['stopped', { status: 'collected', value: { isLogging: false, stoppedAt: '2026-11-29T03:12:44.000Z' } }],
    ]);
    const buckets = result.cloudtrail.trailBuckets?.status === 'collected' ? result.cloudtrail.trailBuckets.value : [];
    expect(buckets.map((b) => [b.name, b.objectLock.status])).toEqual([['main-logs', 'collected'], ['stopped-logs', 'collected']]);
  });

  it('reads trail buckets in the region the bucket listing gives, locating only buckets of other accounts', async () => {
    s3.reset();
    cloudtrail.on(ListTrailsCommand).resolves({ Trails: [{ TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main', HomeRegion: 'us-east-1' }, { TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org', HomeRegion: 'us-east-1' }] });
    cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        { TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main', Name: 'main', HomeRegion: 'us-east-1', S3BucketName: 'own-trail' },
        { TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org', Name: 'org', HomeRegion: 'us-east-1', S3BucketName: 'central-trail' },
      ],
    });
    cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    cloudtrail.on(GetEventSelectorsCommand).resolves({});
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'own-trail', BucketRegion: 'eu-west-1' }] });
    s3.on(GetBucketAclCommand).resolves({ Grants: [] });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement":[]}' });
    s3.on(GetPublicAccessBlockCommand).resolves({});
    s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });
    s3.on(GetBucketLoggingCommand).resolves({ LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: '' } });
    const result = await collectInventory(testContext(), { account: TEST_ACCOUNT, homeRegion: 'us-east-1', regions: { scanned: ['us-east-1'], skipped: [] }, needs: new Set(['cloudtrail.trailBuckets']) });
    const buckets = result.cloudtrail.trailBuckets;
    const [central, own] = buckets?.status === 'collected' ? buckets.value : [];
    expect(central?.name).toBe('central-trail');
    expect(central?.objectLock).toMatchObject({ status: 'not-collected', errorCode: 'AccessDenied', operation: 's3:GetBucketLocation' });
    expect(own).toEqual({ name: 'own-trail', versioning: { status: 'collected', value: { enabled: true, mfaDelete: false } }, objectLock: { status: 'collected', value: true }, accessLogging: { status: 'collected', value: true } });
    expect(s3.commandCalls(GetBucketLocationCommand).map((c) => c.args[0].input.Bucket)).toEqual(['central-trail']);
  });

  it('counts open high-severity GuardDuty findings and names their most frequent types', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r', CreatedAt: '2024', UpdatedAt: '2024' } as never);
    gd.on(ListFindingsCommand).resolvesOnce({ FindingIds: ['f1', 'f2'], NextToken: 'n' }).resolvesOnce({ FindingIds: ['f3'] });
    gd.on(GetFindingsCommand).resolves({ Findings: [{ Type: 'Recon:EC2/PortProbeUnprotectedPort' }, { Type: 'CryptoCurrency:EC2/BitcoinTool.B' }, { Type: 'CryptoCurrency:EC2/BitcoinTool.B' }] as never });
    expect(await guardDuty.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())).toEqual({
      detectors: [{ id: 'd1', status: 'ENABLED' }],
      highSeverity: { status: 'collected', value: { open: 3, topTypes: ['CryptoCurrency:EC2/BitcoinTool.B', 'Recon:EC2/PortProbeUnprotectedPort'] } },
    });
    expect(gd.commandCalls(ListFindingsCommand)[0]?.args[0].input).toMatchObject({ FindingCriteria: { Criterion: { severity: { Gte: 7 }, 'service.archived': { Eq: ['false'] } } } });
  });

  it('reads a region without GuardDuty as no detector', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    expect(await guardDuty.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())).toEqual({ detectors: [], highSeverity: { status: 'collected', value: { open: 0, topTypes: [] } } });
  });

  it('keeps the detector status when the findings cannot be read: only the findings check is UNKNOWN', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r', CreatedAt: '2024', UpdatedAt: '2024' } as never);
    gd.on(ListFindingsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform guardduty:ListFindings', 403));
    const state = await guardDuty.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory());
    expect(state).toMatchObject({ detectors: [{ id: 'd1', status: 'ENABLED' }], highSeverity: { status: 'not-collected', kind: 'access-denied', permission: 'guardduty:ListFindings' } });
  });

  it('reads the security contact, and ResourceNotFound as none', async () => {
    account.on(GetAlternateContactCommand).resolvesOnce({ AlternateContact: { Name: 'Sec', EmailAddress: 'sec@example.com', AlternateContactType: 'SECURITY' } });
    expect(await securityContact.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inventory())).toEqual({ name: 'Sec', email: 'sec@example.com' });
    account.on(GetAlternateContactCommand).rejects(new ResourceNotFoundException({ message: 'No contact', $metadata: {} }));
    expect(await securityContact.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inventory())).toBeNull();
  });
});
