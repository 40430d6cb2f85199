import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeImageAttributeCommand, DescribeImagesCommand, DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { sharingReader } from './ec2-sharing.js';
import { Provenance } from './provenance.js';
import type { ReadContext } from './reader.js';

/** A reason that names the error code. */
const containing = (text: string) => expect.stringContaining(text) as string;

const ec2 = mockClient(EC2Client);
const SINCE = new Date('2026-11-28T00:00:00Z');
const shared = { eventName: 'ModifySnapshotAttribute', eventSource: 'ec2.amazonaws.com', eventTime: '2026-11-28T06:00:00Z', awsRegion: 'eu-west-1', eventID: 'e1', requestParameters: { snapshotId: 'snap-old-shared' }, userIdentity: { arn: 'arn:aws:iam::123456789012:user/deploy' } };
const context = (records: Record<string, unknown>[] = []): ReadContext => ({ aws: testContext(), account: TEST_ACCOUNT, region: 'eu-west-1', since: SINCE, provenance: () => Promise.resolve(new Provenance(records)) });

describe('the snapshot and AMI scope reader', () => {
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
  });

  it('reads every page and asks about sharing only for snapshots made or shared since T', async () => {
    ec2
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-new', StartTime: new Date('2026-11-28T01:00:00Z'), VolumeId: 'vol-1', VolumeSize: 8 }, { SnapshotId: 'snap-old', StartTime: new Date('2025-01-01T00:00:00Z') }], NextToken: 'n' })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-old-shared', StartTime: new Date('2025-01-01T00:00:00Z'), VolumeId: 'vol-2', VolumeSize: 20 }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-new' }).resolves({ CreateVolumePermissions: [{ UserId: '999999999999' }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-old-shared' }).resolves({ CreateVolumePermissions: [{ Group: 'all' }] });
    const { items, unreadable } = await sharingReader.read(context([shared]));
    expect(unreadable).toEqual([]);
    expect(items.map((i) => [i.id, i.createdAt, i.notes, i.detail.public, i.detail.sharedWith])).toEqual([
      ['snap-new', '2026-11-28T01:00:00.000Z', ['shared with foreign account 999999999999'], false, ['999999999999']],
      ['snap-old-shared', '2026-11-28T06:00:00.000Z', ['existed before T; shared since', 'shared publicly (group all)'], true, []],
    ]);
    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand)).toHaveLength(2);
  });

  it('a new snapshot whose sharing cannot be read is listed, and its sharing unknown', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-new', StartTime: new Date('2026-11-28T01:00:00Z') }] });
    ec2.on(DescribeSnapshotAttributeCommand).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
    const { items, unreadable } = await sharingReader.read(context());
    expect(items.map((i) => [i.id, i.notes])).toEqual([['snap-new', ['sharing could not be read']]]);
    expect(unreadable).toEqual([{ kind: 'ec2-snapshot', region: 'eu-west-1', permission: 'ec2:DescribeSnapshotAttribute', reason: containing('UnauthorizedOperation') }]);
  });

  it('AMIs: new ones with their launch permissions; a denied DescribeImages leaves snapshots read', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-new', Name: 'miner', CreationDate: '2026-11-28T02:00:00.000Z', BlockDeviceMappings: [{ Ebs: { SnapshotId: 'snap-x' } }] }] });
    ec2.on(DescribeImageAttributeCommand).resolves({ LaunchPermissions: [{ Group: 'all' }, { UserId: '111122223333' }] });
    const { items } = await sharingReader.read(context());
    expect(items).toEqual([
      { kind: 'ec2-image', id: 'ami-new', arn: 'arn:aws:ec2:eu-west-1::image/ami-new', region: 'eu-west-1', createdAt: '2026-11-28T02:00:00.000Z', notes: ['shared publicly (group all)', 'shared with foreign account 111122223333'], detail: { name: 'miner', snapshotIds: ['snap-x'], public: true, sharedWith: ['111122223333'] } },
    ]);
    ec2.on(DescribeImagesCommand).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
    const denied = await sharingReader.read(context());
    expect(denied.unreadable.map((u) => u.kind)).toEqual(['ec2-image']);
  });
});
