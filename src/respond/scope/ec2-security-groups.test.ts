import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { portsOf, securityGroupReader } from './ec2-security-groups.js';
import { Provenance } from './provenance.js';
import type { ReadContext } from './reader.js';

/** A reason that names the error code. */
const containing = (text: string) => expect.stringContaining(text) as string;

const ec2 = mockClient(EC2Client);
const who = { arn: 'arn:aws:iam::123456789012:user/deploy', type: 'IAMUser' };
const base = { eventSource: 'ec2.amazonaws.com', awsRegion: 'eu-west-1', userIdentity: who };
const authorize = { ...base, eventName: 'AuthorizeSecurityGroupIngress', eventTime: '2026-11-28T05:00:00Z', eventID: 'e1', requestParameters: { groupId: 'sg-old', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } }, responseElements: { _return: true } };
const create = { ...base, eventName: 'CreateSecurityGroup', eventTime: '2026-11-28T04:00:00Z', eventID: 'e0', requestParameters: { groupName: 'x' }, responseElements: { groupId: 'sg-new' } };
const context = (records: Record<string, unknown>[], gaps = new Map<string, string>()): ReadContext => ({ aws: testContext(), account: TEST_ACCOUNT, region: 'eu-west-1', since: new Date('2026-11-28T00:00:00Z'), provenance: () => Promise.resolve(new Provenance(records, gaps)) });

describe('the security group scope reader', () => {
  beforeEach(() => ec2.reset());

  it('dates rules by CloudTrail (by shape when the record lists no rule id) and keeps only those that still exist', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-new', GroupName: 'x', VpcId: 'vpc-1' }] });
    ec2
      .on(DescribeSecurityGroupRulesCommand)
      .resolvesOnce({ SecurityGroupRules: [{ SecurityGroupRuleId: 'sgr-443', GroupId: 'sg-old', IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' }], NextToken: 'n' })
      .resolvesOnce({
        SecurityGroupRules: [
          { SecurityGroupRuleId: 'sgr-22', GroupId: 'sg-old', IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' },
          { SecurityGroupRuleId: 'sgr-all', GroupId: 'sg-new', IsEgress: false, IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv6: '::/0' },
          { SecurityGroupRuleId: 'sgr-egress', GroupId: 'sg-new', IsEgress: true, IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv4: '0.0.0.0/0' },
        ],
      });
    const { items, unreadable } = await securityGroupReader.read(context([create, authorize]));
    expect(unreadable).toEqual([]);
    expect(items.map((i) => [i.kind, i.id, i.createdAt, i.eventId, i.notes])).toEqual([
      ['ec2-security-group', 'sg-new', '2026-11-28T04:00:00.000Z', 'e0', []],
      ['ec2-security-group-rule', 'sgr-22', '2026-11-28T05:00:00.000Z', 'e1', ['0.0.0.0/0 on tcp/22']],
      ['ec2-security-group-rule', 'sgr-all', '2026-11-28T04:00:00.000Z', 'e0', ['::/0 on all traffic']],
    ]);
  });

  it('with no CloudTrail for the region, groups and rules are unknown there, not "none"', async () => {
    const { items, unreadable } = await securityGroupReader.read(context([], new Map([['eu-west-1', 'cloudtrail:LookupEvents AccessDeniedException']])));
    expect(items).toEqual([]);
    expect(unreadable.map((u) => `${u.kind} ${u.permission}`)).toEqual(['ec2-security-group cloudtrail:LookupEvents', 'ec2-security-group-rule cloudtrail:LookupEvents']);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('a denied rules read is unreadable with its permission', async () => {
    ec2.on(DescribeSecurityGroupRulesCommand).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
    const { unreadable } = await securityGroupReader.read(context([authorize]));
    expect(unreadable).toEqual([{ kind: 'ec2-security-group-rule', region: 'eu-west-1', permission: 'ec2:DescribeSecurityGroupRules', reason: containing('UnauthorizedOperation') }]);
  });

  it('names ports as people say them', () => {
    expect([portsOf('tcp', 22, 22), portsOf('6', 1000, 2000), portsOf('-1', -1, -1), portsOf('udp', -1, -1)]).toEqual(['tcp/22', 'tcp/1000-2000', 'all traffic', 'udp/all']);
  });
});
