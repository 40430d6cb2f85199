import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeDBClusterSnapshotAttributesCommand, DescribeDBClusterSnapshotsCommand, DescribeDBSnapshotAttributesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { collectPublicRdsSnapshots } from './snapshots.js';
import { awsError, testContext } from '../../../test/support/aws.js';

const rds = mockClient(RDSClient);

describe('collectPublicRdsSnapshots', () => {
  beforeEach(() => rds.reset());

  it('reads the restore attribute of each manual snapshot, across pages, and keeps those shared with all', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolvesOnce({ DBSnapshots: [{ DBSnapshotIdentifier: 'public-one', DBSnapshotArn: 'arn:aws:rds:eu-west-1:123456789012:snapshot:public-one' }], Marker: 'm' }).resolvesOnce({ DBSnapshots: [{ DBSnapshotIdentifier: 'shared-with-partner' }] });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'public-one' }).resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] } });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'shared-with-partner' }).resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['999988887777'] }] } });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'aurora-final', StorageEncrypted: false }] });
    rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({ DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] } });

    expect(await collectPublicRdsSnapshots(testContext(), 'eu-west-1')).toEqual([
      { kind: 'cluster', id: 'aurora-final', encrypted: false },
      { kind: 'instance', id: 'public-one', arn: 'arn:aws:rds:eu-west-1:123456789012:snapshot:public-one' },
    ]);
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)[0]?.args[0].input).toMatchObject({ SnapshotType: 'manual' });
  });

  it('returns nothing for a region without snapshots', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    expect(await collectPublicRdsSnapshots(testContext(), 'eu-west-1')).toEqual([]);
  });
});

describe('collectPublicRdsSnapshots when an attribute read fails', () => {
  beforeEach(() => rds.reset());

  it('fails the read (an UNKNOWN, not a crash) even when the failure comes while the cluster snapshots are still being listed', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'db-1' }] });
    rds.on(DescribeDBSnapshotAttributesCommand).rejects(awsError('AccessDenied', 'not authorized to perform rds:DescribeDBSnapshotAttributes', 403));
    // The cluster listing answers later than the denied attribute read: the order that crashed Node.
    rds.on(DescribeDBClusterSnapshotsCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'c-1' }] }), 30)));
    rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({ DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [] } });
    await expect(collectPublicRdsSnapshots(testContext(), 'eu-west-1')).rejects.toMatchObject({ name: 'AccessDenied', bulwarkPermission: 'rds:DescribeDBSnapshotAttributes' });
  });
});
