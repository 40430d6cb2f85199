import { defineCheck, fail, pass } from '../../core/check.js';
import { describeRegion, listedOrNone } from '../../inventory/resources.js';
import { blockSnapshotPublicAccess, unshareSnapshot, SNAPSHOT_ACTIONS } from '../../fixers/ec2.js';

export default defineCheck({
  id: 'ec2-snapshot-not-public',
  title: 'EBS snapshots are not public',
  service: 'ec2',
  severity: 'critical',
  checklist: ['AS-21'],
  rationale: 'A public snapshot is a full disk copy anyone can turn into a volume: databases, keys in config files, customer data. Bots list public snapshots continuously.',
  remediation: {
    text: 'Remove the "all" group from the snapshot\'s create-volume permission, and turn on EBS block public access for snapshots in every region.',
    cli: 'aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --group-names all',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html',
  },
  needs: ['ec2.publicSnapshots'],
  resources: (inventory) => listedOrNone(inventory, inventory.ec2.publicSnapshots, 'ec2:DescribeSnapshots'),
  describe: ({ item }, context) =>
    item ? { id: `arn:${context.account.partition}:ec2:${context.region}::snapshot/${item.id}`, type: 'AwsEc2Snapshot', name: item.id } : describeRegion(context),
  evaluate: ({ item }, { region }) =>
    item
      ? fail(`Snapshot ${item.id}${item.description ? ` ("${item.description}")` : ''}${item.sizeGiB ? `, ${item.sizeGiB} GiB` : ''} can be restored by anyone`)
      : pass(`No EBS snapshot of the account is public in ${region}`),
  fix: {
    actions: SNAPSHOT_ACTIONS,
    needs: ['ec2.snapshotBlockPublicAccess'],
    plan: ({ item }, context) => {
      if (!item) return [];
      const block = blockSnapshotPublicAccess(context);
      return [unshareSnapshot(item.id, context.region), ...(block ? [block] : [])];
    },
  },
});
