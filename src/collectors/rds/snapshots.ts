import type { AwsContext } from '../../aws/context.js';
import type { SharedSnapshot } from '../../inventory/schema.js';
import { regionalCollector } from '../collector.js';

type PublicRdsSnapshot = SharedSnapshot & { kind: 'instance' | 'cluster' };

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

export async function collectPublicRdsSnapshots(aws: AwsContext, region: string): Promise<PublicRdsSnapshot[]> {
  const sdk = await import('@aws-sdk/client-rds');
  const client = aws.client('rds', region, sdk.RDSClient);
  const found: PublicRdsSnapshot[] = [];
  const checks: Promise<void>[] = [];
  const isPublic = (attributes: { AttributeName?: string | undefined; AttributeValues?: string[] | undefined }[] | undefined) =>
    (attributes ?? []).some((a) => a.AttributeName === 'restore' && (a.AttributeValues ?? []).includes('all'));

  for await (const page of sdk.paginateDescribeDBSnapshots({ client, pageSize: 100 }, { SnapshotType: 'manual' })) {
    for (const s of page.DBSnapshots ?? []) {
      const id = s.DBSnapshotIdentifier ?? '';
      checks.push(
        client.send(new sdk.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id })).then((r) => {
          if (isPublic(r.DBSnapshotAttributesResult?.DBSnapshotAttributes)) {
            found.push({ kind: 'instance', id, ...(s.DBSnapshotArn ? { arn: s.DBSnapshotArn } : {}), ...(s.SnapshotCreateTime ? { createdAt: s.SnapshotCreateTime.toISOString() } : {}), ...(s.Encrypted !== undefined ? { encrypted: s.Encrypted } : {}) });
          }
        }),
      );
    }
  }
  for await (const page of sdk.paginateDescribeDBClusterSnapshots({ client, pageSize: 100 }, { SnapshotType: 'manual' })) {
    for (const s of page.DBClusterSnapshots ?? []) {
      const id = s.DBClusterSnapshotIdentifier ?? '';
      checks.push(
        client.send(new sdk.DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id })).then((r) => {
          if (isPublic(r.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes)) {
            found.push({ kind: 'cluster', id, ...(s.DBClusterSnapshotArn ? { arn: s.DBClusterSnapshotArn } : {}), ...(s.SnapshotCreateTime ? { createdAt: s.SnapshotCreateTime.toISOString() } : {}), ...(s.StorageEncrypted !== undefined ? { encrypted: s.StorageEncrypted } : {}) });
          }
        }),
      );
    }
  }
  await Promise.all(checks);
  return found.sort((a, b) => a.id.localeCompare(b.id));
}
