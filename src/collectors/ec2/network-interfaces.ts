import type { AwsContext } from '../../aws/context.js';
import { regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/**
 * How many network interfaces use each security group of a region: what closing a group would
 * cut off. One paginated listing per region, nothing per group.
 */
export const securityGroupUse = regionalCollector({
  key: 'ec2.securityGroupUse',
  service: 'ec2',
  operations: ['DescribeNetworkInterfaces'],
  collect: collectSecurityGroupUse,
});

export async function collectSecurityGroupUse(aws: AwsContext, region: string): Promise<Record<string, number>> {
  const { EC2Client, paginateDescribeNetworkInterfaces } = awsSdk('ec2');
  const client = aws.client('ec2', region, EC2Client);
  const counts: Record<string, number> = {};
  for await (const page of paginateDescribeNetworkInterfaces({ client, pageSize: 1000 }, {})) {
    for (const eni of page.NetworkInterfaces ?? []) {
      for (const group of eni.Groups ?? []) if (group.GroupId) counts[group.GroupId] = (counts[group.GroupId] ?? 0) + 1;
    }
  }
  return counts;
}

/** The region's EBS snapshot block public access state (`unblocked`, `block-new-sharing`, `block-all-sharing`). */
export const snapshotBlockPublicAccess = regionalCollector({
  key: 'ec2.snapshotBlockPublicAccess',
  service: 'ec2',
  operations: ['GetSnapshotBlockPublicAccessState'],
  collect: async (aws, region): Promise<string> => {
    const { EC2Client, GetSnapshotBlockPublicAccessStateCommand } = awsSdk('ec2');
    const { State } = await aws.client('ec2', region, EC2Client).send(new GetSnapshotBlockPublicAccessStateCommand({}));
    return State ?? 'unblocked';
  },
});
