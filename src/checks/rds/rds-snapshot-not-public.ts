import { defineCheck, fail, pass } from '../../core/check.js';
import { describeRegion, listedOrNone } from '../../inventory/resources.js';
import { unshareDbSnapshot, DB_SNAPSHOT_ACTIONS } from '../../fixers/rds.js';

export default defineCheck({
  id: 'rds-snapshot-not-public',
  title: 'RDS snapshots are not public',
  service: 'rds',
  severity: 'critical',
  checklist: ['AS-21'],
  rationale: 'Anyone can restore a public DB snapshot into their own account and read every table in it.',
  remediation: {
    text: 'Remove "all" from the snapshot\'s restore attribute; share with specific accounts only, and encrypt snapshots (encrypted ones cannot be public).',
    cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
  },
  needs: ['rds.publicSnapshots'],
  resources: (inventory) => listedOrNone(inventory, inventory.rds.publicSnapshots, 'rds:DescribeDBSnapshots'),
  describe: ({ item }, context) => (item ? { id: item.arn ?? item.id, type: item.kind === 'cluster' ? 'AwsRdsDbClusterSnapshot' : 'AwsRdsDbSnapshot', name: item.id } : describeRegion(context)),
  evaluate: ({ item }, { region }) =>
    item ? fail(`${item.kind === 'cluster' ? 'Cluster snapshot' : 'DB snapshot'} ${item.id} can be restored by anyone`) : pass(`No manual RDS snapshot is public in ${region}`),
  fix: { actions: DB_SNAPSHOT_ACTIONS, plan: ({ item }, { region }) => (item ? [unshareDbSnapshot(item, region)] : []) },
});
