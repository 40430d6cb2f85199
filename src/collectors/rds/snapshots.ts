import type { AwsContext } from '../../aws/context.js';
import type { SharedSnapshot } from '../../inventory/schema.js';
import { readEach, regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

type PublicRdsSnapshot = SharedSnapshot & { kind: 'instance' | 'cluster' };
type Attributes = { AttributeName?: string | undefined; AttributeValues?: string[] | undefined }[] | undefined;

/**
 * Manual DB and cluster snapshots restorable by anyone. RDS has no filter for that, so each
 * manual snapshot's restore attribute is read (automated snapshots cannot be shared).
 */
export const rdsPublicSnapshots = regionalCollector({
  key: 'rds.publicSnapshots',
  service: 'rds',
  operations: ['DescribeDBSnapshots', 'DescribeDBSnapshotAttributes', 'DescribeDBClusterSnapshots', 'DescribeDBClusterSnapshotAttributes'],
  collect: collectPublicRdsSnapshots,
});

const isPublic = (attributes: Attributes) => (attributes ?? []).some((a) => a.AttributeName === 'restore' && (a.AttributeValues ?? []).includes('all'));

export async function collectPublicRdsSnapshots(aws: AwsContext, region: string): Promise<PublicRdsSnapshot[]> {
  const sdk = awsSdk('rds');
  const client = aws.client('rds', region, sdk.RDSClient);
  // Both listings first, then the attribute reads: a read started before another await could fail unobserved.
  const instances: PublicRdsSnapshot[] = [];
  for await (const page of sdk.paginateDescribeDBSnapshots({ client, pageSize: 100 }, { SnapshotType: 'manual' })) {
    for (const s of page.DBSnapshots ?? []) {
      instances.push({ kind: 'instance', id: s.DBSnapshotIdentifier ?? '', ...(s.DBSnapshotArn ? { arn: s.DBSnapshotArn } : {}), ...(s.SnapshotCreateTime ? { createdAt: s.SnapshotCreateTime.toISOString() } : {}), ...(s.Encrypted !== undefined ? { encrypted: s.Encrypted } : {}) });
    }
  }
  const clusters: PublicRdsSnapshot[] = [];
  for await (const page of sdk.paginateDescribeDBClusterSnapshots({ client, pageSize: 100 }, { SnapshotType: 'manual' })) {
    for (const s of page.DBClusterSnapshots ?? []) {
      clusters.push({ kind: 'cluster', id: s.DBClusterSnapshotIdentifier ?? '', ...(s.DBClusterSnapshotArn ? { arn: s.DBClusterSnapshotArn } : {}), ...(s.SnapshotCreateTime ? { createdAt: s.SnapshotCreateTime.toISOString() } : {}), ...(s.StorageEncrypted !== undefined ? { encrypted: s.StorageEncrypted } : {}) });
    }
  }
  const shared = await readEach([...instances, ...clusters], async (snapshot) => {
    const attributes =
      snapshot.kind === 'instance'
        ? (await client.send(new sdk.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snapshot.id }))).DBSnapshotAttributesResult?.DBSnapshotAttributes
        : (await client.send(new sdk.DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: snapshot.id }))).DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes;
    return isPublic(attributes);
  }, aws.concurrency);
  return [...instances, ...clusters].filter((_, i) => shared[i]).sort((a, b) => a.id.localeCompare(b.id));
}
