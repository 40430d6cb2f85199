import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { collectSecurityGroups } from './security-groups.js';
import { testContext } from '../../../test/support/aws.js';

const ec2 = mockClient(EC2Client);

describe('collectSecurityGroups', () => {
  beforeEach(() => ec2.reset());

  it('follows every page and maps rules, IPv6 ranges, prefix lists and group references', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({
        SecurityGroups: [
          {
            GroupId: 'sg-1',
            GroupName: 'web',
            Description: 'web tier',
            VpcId: 'vpc-1',
            OwnerId: '123456789012',
            IpPermissions: [
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [], UserIdGroupPairs: [] },
              { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, PrefixListIds: [{ PrefixListId: 'pl-1' }], UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '123456789012' }] },
            ],
            IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
            Tags: [{ Key: 'team', Value: 'web' }],
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-2', GroupName: 'default', Description: 'default VPC security group', OwnerId: '123456789012' }], NextToken: 'page-3' })
      .resolvesOnce({ SecurityGroups: [] });

    const groups = await collectSecurityGroups(testContext(), 'eu-west-1');

    expect(ec2).toHaveReceivedCommandTimes(DescribeSecurityGroupsCommand, 3);
    expect(ec2).toHaveReceivedCommandWith(DescribeSecurityGroupsCommand, { MaxResults: 1000 }); // tokens are checked on the wire (test/wire.test.ts)
    expect(groups.map((g) => g.groupId)).toEqual(['sg-1', 'sg-2']);
    expect(groups[0]).toEqual({
      groupId: 'sg-1',
      groupName: 'web',
      description: 'web tier',
      vpcId: 'vpc-1',
      ownerId: '123456789012',
      inbound: [
        { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [], referencedGroupIds: [] },
        { protocol: 'tcp', fromPort: 5432, toPort: 5432, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: ['pl-1'], referencedGroupIds: ['sg-app'] },
      ],
      outbound: [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }],
      tags: { team: 'web' },
    });
    expect(groups[1]).toMatchObject({ inbound: [], outbound: [], tags: {} });
  });

  it('returns nothing for a region without groups', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    expect(await collectSecurityGroups(testContext(), 'eu-west-1')).toEqual([]);
  });
});
