import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import type { AwsContext } from '../../aws/context.js';
import type { Ec2SecurityGroup, Ec2SecurityGroupRule } from '../../inventory/schema.js';
import { regionalCollector } from '../collector.js';
import { tagMap } from '../tags.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/** All security groups of a region, in pages of 1,000: nothing is fetched per group. */
export const securityGroups = regionalCollector({
  key: 'ec2.securityGroups',
  service: 'ec2',
  operations: ['DescribeSecurityGroups'],
  collect: collectSecurityGroups,
});

export async function collectSecurityGroups(aws: AwsContext, region: string): Promise<Ec2SecurityGroup[]> {
  const { EC2Client, paginateDescribeSecurityGroups } = awsSdk('ec2');
  const client = aws.client('ec2', region, EC2Client);
  const groups: Ec2SecurityGroup[] = [];
  for await (const page of paginateDescribeSecurityGroups({ client, pageSize: 1000 }, {})) {
    for (const group of page.SecurityGroups ?? []) groups.push(toSecurityGroup(group));
  }
  return groups;
}

function toSecurityGroup(group: SecurityGroup): Ec2SecurityGroup {
  return {
    groupId: group.GroupId ?? '',
    groupName: group.GroupName ?? '',
    description: group.Description ?? '',
    ...(group.VpcId ? { vpcId: group.VpcId } : {}),
    ownerId: group.OwnerId ?? '',
    inbound: (group.IpPermissions ?? []).map(toRule),
    outbound: (group.IpPermissionsEgress ?? []).map(toRule),
    tags: tagMap(group.Tags),
  };
}

function toRule(permission: IpPermission): Ec2SecurityGroupRule {
  return {
    protocol: permission.IpProtocol ?? '-1',
    ...(permission.FromPort !== undefined ? { fromPort: permission.FromPort } : {}),
    ...(permission.ToPort !== undefined ? { toPort: permission.ToPort } : {}),
    ipv4Ranges: (permission.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    prefixListIds: (permission.PrefixListIds ?? []).flatMap((p) => (p.PrefixListId ? [p.PrefixListId] : [])),
    referencedGroupIds: (permission.UserIdGroupPairs ?? []).flatMap((p) => (p.GroupId ? [p.GroupId] : [])),
  };
}
