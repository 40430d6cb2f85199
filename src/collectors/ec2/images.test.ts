import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { DescribeImagesCommand, DescribeInstancesCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { collectInventory } from '../../core/collect.js';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import type { DataKey } from '../keys.js';

const ec2 = mockClient(EC2Client);
const plan = (needs: DataKey[]) => ({ account: TEST_ACCOUNT, homeRegion: 'us-east-1', regions: { scanned: ['eu-west-1'], skipped: [] }, needs: new Set(needs) });

describe('image and snapshot collectors', () => {
  beforeEach(() => ec2.reset());

  it('looks up the AMIs of running instances after collecting the instances, once per unique id, by filter', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1', ImageId: 'ami-a', State: { Name: 'running' } }, { InstanceId: 'i-2', ImageId: 'ami-a', State: { Name: 'running' } }, { InstanceId: 'i-3', ImageId: 'ami-gone', State: { Name: 'running' } }] }] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-a', Name: 'al2023', CreationDate: '2026-01-01T00:00:00.000Z', Public: true, OwnerId: '137112412989' }] });
    const inventory = await collectInventory(testContext(), plan(['ec2.instanceImages']));
    expect(ec2).toHaveReceivedCommandWith(DescribeImagesCommand, { Filters: [{ Name: 'image-id', Values: ['ami-a', 'ami-gone'] }], IncludeDeprecated: true });
    expect(inventory.ec2.instances?.['eu-west-1']?.status).toBe('collected');
    expect(inventory.ec2.instanceImages?.['eu-west-1']).toEqual({ status: 'collected', value: [{ imageId: 'ami-a', name: 'al2023', ownerId: '137112412989', createdAt: '2026-01-01T00:00:00.000Z', public: true }] });
  });

  it('carries the reason when the instances themselves could not be read', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const inventory = await collectInventory(testContext(), plan(['ec2.instanceImages']));
    expect(inventory.ec2.instanceImages?.['eu-west-1']).toMatchObject({ status: 'not-collected', kind: 'access-denied', operation: 'ec2:DescribeInstances', permission: 'ec2:DescribeInstances' });
    expect(ec2).toHaveReceivedCommandTimes(DescribeImagesCommand, 0);
  });

  it('asks only for public snapshots of the account', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1', VolumeSize: 8, Encrypted: false, StartTime: new Date('2025-05-05T00:00:00Z') }] });
    const inventory = await collectInventory(testContext(), plan(['ec2.publicSnapshots']));
    expect(ec2).toHaveReceivedCommandWith(DescribeSnapshotsCommand, { OwnerIds: ['self'], RestorableByUserIds: ['all'] });
    expect(inventory.ec2.publicSnapshots?.['eu-west-1']).toEqual({ status: 'collected', value: [{ id: 'snap-1', sizeGiB: 8, encrypted: false, createdAt: '2025-05-05T00:00:00.000Z' }] });
  });
});
